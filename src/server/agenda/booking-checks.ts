import { sql } from 'kysely';
import { inSavepoint } from '../platform/db/savepoint.js';
import type { Tx } from '../platform/db/database.js';
import { AppError, type Localized } from '../platform/http/errors.js';
import { clock } from '../platform/clock.js';
import type { AppointmentRow } from './appointments.js';
import { engineChannel, loadCalendar, motifRule, type Calendar, type MotifRow } from './calendar.js';
import type { AppointmentStatus, BookingChannel } from './schema.js';
import { isSlotBookable, nextProposals, type NotBookableReason } from './slots/index.js';
import { slotId } from './slot-id.js';
import type { BookingContext } from './booking.js';
import { AGENDA_MESSAGES as M, nextFreeSlot, RULE_MESSAGES } from './error-messages.js';

/**
 * What every write of the booking path (book, move, change status, series) checks and records: the agenda rules
 * and their refusals, the 409 « Ce créneau vient d'être pris » with the next free proposals, the existence of the
 * patient, practitioner and motif, the exclusion-constraint guard, and the appointment's history row.
 */

export interface Proposal {
  practitionerId: string;
  start: string;
  end: string;
  slotId: string;
  message: Localized;
}

const TAKEN_MESSAGE = {
  fr: 'Ce créneau vient d’être pris. Voici les prochains créneaux libres.',
  en: 'This slot has just been taken. Here are the next free ones.',
};

/** The next free slots after `from` for this practitioner and motif (used in 409 answers). */
export async function proposalsAfter(
  tx: Tx,
  practiceId: string,
  practitionerId: string,
  motif: MotifRow | undefined,
  from: Date,
  channel: BookingChannel,
  n = 3,
  now = clock.now(),
): Promise<Proposal[]> {
  const to = new Date(from.getTime() + 28 * 86_400_000);
  const cal = await loadCalendar(tx, practiceId, { practitionerIds: [practitionerId], from, to });
  const rule = motifRule(motif);
  const slots = nextProposals(cal.input, { motif: rule, channel: engineChannel(channel), now, from: new Date(Math.max(from.getTime(), now.getTime())), to }, n);
  return slots.map((s) => ({
    practitionerId: s.practitionerId,
    start: s.start.toISOString(),
    end: s.end.toISOString(),
    slotId: slotId(s.practitionerId, s.start, s.end),
    message: nextFreeSlot(s.start, cal.timeZone),
  }));
}

export async function slotTaken(tx: Tx, practiceId: string, practitionerId: string, motif: MotifRow | undefined, from: Date, channel: BookingChannel, now?: Date): Promise<AppError> {
  const proposals = await proposalsAfter(tx, practiceId, practitionerId, motif, from, channel, 3, now);
  return new AppError('conflict', proposals, TAKEN_MESSAGE);
}

export function ruleError(reason: keyof typeof RULE_MESSAGES, detail?: string, canOverride = true): AppError {
  const rule = RULE_MESSAGES[reason];
  const text = (lang: keyof Localized) => rule[lang] + (reason === 'holiday' && detail ? ` (${detail})` : '');
  return new AppError('unprocessable', [{ field: 'start', message: { fr: text('fr'), en: text('en') }, reason }], {
    fr: `${text('fr')}${canOverride ? ' Au secrétariat, indiquez un motif de dérogation pour passer outre.' : ''}`,
    en: `This slot breaks an agenda rule (${reason}).${canOverride ? ' At the desk, give an override reason to book anyway.' : ''}`,
  });
}

export async function loadMotif(tx: Tx, practiceId: string, practitionerId: string, motifId: string | null | undefined): Promise<MotifRow | undefined> {
  if (!motifId) return undefined;
  const m = await tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', practiceId).where('id', '=', motifId).executeTakeFirst();
  if (!m || !m.active) throw new AppError('unprocessable', [{ field: 'motifId', message: M.unknownOrInactiveMotif }]);
  if (m.practitioner_id !== null && m.practitioner_id !== practitionerId) throw ruleError('motif_practitioner', undefined, false);
  return m as MotifRow;
}

/**
 * The motif an appointment keeps when it moves to another practitioner: a practice-wide motif stays; a
 * practitioner's own motif becomes the new practitioner's active motif of the same name (case and accents as
 * typed, spaces trimmed); `null` when there is none (the desk may override); undefined without a motif.
 */
export async function motifForPractitioner(tx: Tx, practiceId: string, practitionerId: string, motifId: string | null): Promise<MotifRow | null | undefined> {
  if (!motifId) return undefined;
  const m = await tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', practiceId).where('id', '=', motifId).executeTakeFirst();
  if (!m) return undefined;
  if (m.practitioner_id === null || m.practitioner_id === practitionerId) return m as MotifRow;
  const twin = await tx
    .selectFrom('appointment_types')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('practitioner_id', '=', practitionerId)
    .where('active', '=', true)
    .where(sql<boolean>`lower(btrim(name)) = lower(btrim(${m.name}))`)
    .orderBy('created_at')
    .executeTakeFirst();
  return (twin as MotifRow | undefined) ?? null;
}

export async function requirePatient(tx: Tx, practiceId: string, patientId: string): Promise<void> {
  const p = await tx.selectFrom('patients').select('id').where('practice_id', '=', practiceId).where('id', '=', patientId).executeTakeFirst();
  if (!p) throw new AppError('unprocessable', [{ field: 'patientId', message: M.unknownPatient }]);
}

export async function requirePractitioner(tx: Tx, practiceId: string, practitionerId: string): Promise<void> {
  const p = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', practiceId).where('id', '=', practitionerId).where('active', '=', true).executeTakeFirst();
  if (!p) throw new AppError('unprocessable', [{ field: 'practitionerId', message: M.unknownPractitioner }]);
}

export async function isNewPatient(tx: Tx, practiceId: string, patientId: string, excludeId?: string): Promise<boolean> {
  let q = tx
    .selectFrom('appointments')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('patient_id', '=', patientId)
    .where('status', 'not in', ['cancelled_by_patient', 'cancelled_by_practice']);
  if (excludeId) q = q.where('id', '!=', excludeId);
  return !(await q.limit(1).executeTakeFirst());
}

export type Violation = { reason: NotBookableReason | 'new_patient'; detail?: string | undefined };

/** The agenda rules for one candidate (hours, holidays, absences, urgent ranges, motif channel…). */
export function checkRules(cal: Calendar, motif: MotifRow | undefined, durationMinutes: number, channel: BookingChannel, practitionerId: string, start: Date, now: Date): Violation | undefined {
  // The desk may book any minute (not only the grid); online and the assistant stay on the grid.
  const overrides = channel === 'desk' || channel === 'api' ? { durationMinutes, stepMinutes: 1 } : { durationMinutes };
  const r = isSlotBookable(cal.input, { motif: motifRule(motif, overrides), channel: engineChannel(channel), now }, { practitionerId, start });
  if (r.ok) return undefined;
  return { reason: r.reason, detail: r.detail };
}

export const SEATS_EXCLUSIVE = '[1,)';

export async function recordEvent(
  tx: Tx,
  ctx: BookingContext,
  appointmentId: string,
  channel: BookingChannel,
  e: { kind: 'created' | 'moved' | 'status' | 'updated'; from?: AppointmentStatus | null; to?: AppointmentStatus | null; fromStart?: Date | null; toStart?: Date | null; reason?: string | null },
): Promise<void> {
  await tx
    .insertInto('appointment_events')
    .values({
      practice_id: ctx.practiceId,
      appointment_id: appointmentId,
      account_id: ctx.accountId,
      channel,
      kind: e.kind,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      from_starts_at: e.fromStart ?? null,
      to_starts_at: e.toStart ?? null,
      reason: e.reason ?? null,
    })
    .execute();
}

export function validateTimes(start: Date, end: Date): void {
  if (start.getTime() % 60_000 !== 0 || end.getTime() % 60_000 !== 0) {
    throw new AppError('validation_failed', [{ field: 'start', message: M.wholeMinutes }]);
  }
  const minutes = (end.getTime() - start.getTime()) / 60_000;
  if (minutes < 5 || minutes > 480) throw new AppError('validation_failed', [{ field: 'end', message: M.duration }]);
}

export async function lockAppointment(tx: Tx, practiceId: string, id: string): Promise<AppointmentRow> {
  const row = await tx.selectFrom('appointments').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

/** Runs an UPDATE that may meet the exclusion constraint; undefined when the time is taken. */
export async function guardedUpdate<T>(tx: Tx, run: () => Promise<T>): Promise<T | undefined> {
  const timeTaken = (err: unknown) => (err as { code?: string }).code === '23P01';
  try {
    return await inSavepoint(tx, 'agenda_guard', run, timeTaken);
  } catch (err) {
    if (timeTaken(err)) return undefined;
    throw err;
  }
}
