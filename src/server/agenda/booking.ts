import { sql } from 'kysely';
import { DateTime } from 'luxon';
import crypto from 'node:crypto';
import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { AuditDraft } from '../platform/http/context.js';
import type { AppointmentRow, JoinedAppointment } from './appointments.js';
import { buildCalendar, defaultMotif, engineChannel, loadCalendar, motifRule, type Calendar, type CalendarRows, type MotifRow, type PractitionerRow, DEFAULT_DURATION } from './calendar.js';
import { notifyAgendaChange, type AgendaChange } from './live.js';
import type { FrenchRegion } from './slots/index.js';
import type { AppointmentStatus, BookingChannel } from './schema.js';
import { isSlotBookable, nextProposals, type NotBookableReason } from './slots/index.js';
import { slotId } from './slot-id.js';
import { checkTransition, isActive, isCancelled, reclaimsTime } from './status.js';
import { clock } from '../platform/clock.js';

/**
 * The booking path. Every write is check-then-write in the caller's transaction, and the check is only
 * advisory: the exclusion constraints of `appointments` are the guard. An insert that meets a concurrent
 * booking does nothing (`ON CONFLICT DO NOTHING` waits for the other transaction, then yields), and the
 * caller gets a 409 « Ce créneau vient d'être pris » with the next free proposals from the slot engine.
 */

/** Who books: the request context of a route, or the intake assistant's own context. */
export interface BookingContext {
  practiceId: string;
  accountId: string | null;
  audit(event: AuditDraft): void;
  /** The caller's IP (a request's context has it): lets the optimistic path write the audit entry itself. */
  ip?: string;
  /** For tests: the current instant. */
  now?: Date;
  /**
   * Runs a task once the caller's transaction has committed (the platform's `ctx.afterCommit`). When given,
   * a booking's live notification is sent after commit instead of from the row trigger (migration 0024).
   */
  afterCommit?(task: (db: Db) => Promise<void>): void;
}

export interface BookInput {
  practitionerId: string;
  patientId: string;
  motifId?: string | null | undefined;
  start: Date;
  /** Default: start + the motif's duration. */
  end?: Date | undefined;
  channel: BookingChannel;
  /** Desk only: book although a rule says no (outside hours, urgent range, holiday…). Audited. */
  overrideReason?: string | null | undefined;
  note?: string | null | undefined;
  teleconsultation?: boolean | undefined;
}

export interface Proposal {
  practitionerId: string;
  start: string;
  end: string;
  slotId: string;
  message: string;
}

const RULE_MESSAGES: Record<NotBookableReason | 'new_patient' | 'motif_practitioner', string> = {
  unknown_practitioner: 'Ce praticien n’a pas d’agenda actif.',
  channel_not_allowed: 'Ce motif ne se réserve pas par ce canal (réservé au secrétariat).',
  past: 'Ce créneau est déjà passé.',
  too_late: 'Ce créneau est trop proche pour ce mode de réservation.',
  holiday: 'Jour férié : le cabinet est fermé.',
  outside_hours: 'Ce créneau est en dehors des horaires du praticien.',
  not_on_grid: 'Ce créneau ne tombe pas sur la grille des rendez-vous.',
  absence: 'Le praticien est absent à cette heure.',
  taken: 'Ce créneau est déjà pris.',
  resource_taken: 'L’équipement nécessaire est déjà réservé à cette heure.',
  urgent_reserved: 'Ce créneau est réservé aux urgences du jour.',
  new_patient: 'Ce motif n’est pas ouvert aux nouveaux patients.',
  motif_practitioner: 'Ce motif n’est pas proposé par ce praticien.',
};

const TAKEN_MESSAGE = {
  fr: 'Ce créneau vient d’être pris. Voici les prochains créneaux libres.',
  en: 'This slot has just been taken. Here are the next free ones.',
};

function formatLocal(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).setLocale('fr').toFormat("cccc d LLLL yyyy 'à' HH'h'mm");
}

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
    message: `Prochain créneau libre : ${formatLocal(s.start, cal.timeZone)}`,
  }));
}

export async function slotTaken(tx: Tx, practiceId: string, practitionerId: string, motif: MotifRow | undefined, from: Date, channel: BookingChannel, now?: Date): Promise<AppError> {
  const proposals = await proposalsAfter(tx, practiceId, practitionerId, motif, from, channel, 3, now);
  return new AppError('conflict', proposals, TAKEN_MESSAGE);
}

function ruleError(reason: keyof typeof RULE_MESSAGES, detail?: string, canOverride = true): AppError {
  const text = RULE_MESSAGES[reason] + (reason === 'holiday' && detail ? ` (${detail})` : '');
  return new AppError('unprocessable', [{ field: 'start', message: text, reason }], {
    fr: `${text}${canOverride ? ' Au secrétariat, indiquez un motif de dérogation pour passer outre.' : ''}`,
    en: `This slot breaks an agenda rule (${reason}).${canOverride ? ' At the desk, give an override reason to book anyway.' : ''}`,
  });
}

async function loadMotif(tx: Tx, practiceId: string, practitionerId: string, motifId: string | null | undefined): Promise<MotifRow | undefined> {
  if (!motifId) return undefined;
  const m = await tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', practiceId).where('id', '=', motifId).executeTakeFirst();
  if (!m || !m.active) throw new AppError('unprocessable', [{ field: 'motifId', message: 'Motif inconnu ou désactivé.' }]);
  if (m.practitioner_id !== null && m.practitioner_id !== practitionerId) throw ruleError('motif_practitioner', undefined, false);
  return m as MotifRow;
}

/**
 * The motif an appointment keeps when it moves to another practitioner: a practice-wide motif stays; a
 * practitioner's own motif becomes the new practitioner's active motif of the same name (case and accents as
 * typed, spaces trimmed); `null` when there is none (the desk may override); undefined without a motif.
 */
async function motifForPractitioner(tx: Tx, practiceId: string, practitionerId: string, motifId: string | null): Promise<MotifRow | null | undefined> {
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

async function requirePatient(tx: Tx, practiceId: string, patientId: string): Promise<void> {
  const p = await tx.selectFrom('patients').select('id').where('practice_id', '=', practiceId).where('id', '=', patientId).executeTakeFirst();
  if (!p) throw new AppError('unprocessable', [{ field: 'patientId', message: 'Patient inconnu dans ce cabinet.' }]);
}

async function requirePractitioner(tx: Tx, practiceId: string, practitionerId: string): Promise<void> {
  const p = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', practiceId).where('id', '=', practitionerId).where('active', '=', true).executeTakeFirst();
  if (!p) throw new AppError('unprocessable', [{ field: 'practitionerId', message: 'Praticien inconnu dans ce cabinet.' }]);
}

async function isNewPatient(tx: Tx, practiceId: string, patientId: string, excludeId?: string): Promise<boolean> {
  let q = tx
    .selectFrom('appointments')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('patient_id', '=', patientId)
    .where('status', 'not in', ['cancelled_by_patient', 'cancelled_by_practice']);
  if (excludeId) q = q.where('id', '!=', excludeId);
  return !(await q.limit(1).executeTakeFirst());
}

type Violation = { reason: NotBookableReason | 'new_patient'; detail?: string | undefined };

/** The agenda rules for one candidate (hours, holidays, absences, urgent ranges, motif channel…). */
function checkRules(cal: Calendar, motif: MotifRow | undefined, durationMinutes: number, channel: BookingChannel, practitionerId: string, start: Date, now: Date): Violation | undefined {
  // The desk may book any minute (not only the grid); online and the assistant stay on the grid.
  const overrides = channel === 'desk' || channel === 'api' ? { durationMinutes, stepMinutes: 1 } : { durationMinutes };
  const r = isSlotBookable(cal.input, { motif: motifRule(motif, overrides), channel: engineChannel(channel), now }, { practitionerId, start });
  if (r.ok) return undefined;
  return { reason: r.reason, detail: r.detail };
}

const SEATS_EXCLUSIVE = '[1,)';

async function recordEvent(
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

function validateTimes(start: Date, end: Date): void {
  if (start.getTime() % 60_000 !== 0 || end.getTime() % 60_000 !== 0) {
    throw new AppError('validation_failed', [{ field: 'start', message: 'Les heures de rendez-vous sont à la minute près.' }]);
  }
  const minutes = (end.getTime() - start.getTime()) / 60_000;
  if (minutes < 5 || minutes > 480) throw new AppError('validation_failed', [{ field: 'end', message: 'Un rendez-vous dure de 5 minutes à 8 heures.' }]);
}

/** The booked row plus the names the REST answer shows (known from the booking's own read: no re-read). */
export interface BookedAppointment {
  row: AppointmentRow;
  view: Omit<JoinedAppointment, 'patient_phone'> | undefined;
}

interface BookingContextRow {
  timezone: string;
  holidayRegion: FrenchRegion;
  urgentReleaseMinutes: number;
  practitioner: PractitionerRow | null;
  patient: { birth_name: string; used_name: string | null; first_name: string; birth_date: string; known: boolean } | null;
  motif: MotifRow | null;
  hours: CalendarRows['hours'] | null;
  urgent: CalendarRows['urgent'] | null;
  exceptions: CalendarRows['exceptions'] | null;
  busy: CalendarRows['busy'] | null;
}

/**
 * Books one appointment. Called by the REST and FHIR routes, the online booking page and the intake assistant.
 * Rules are checked first (the desk can override them with a reason); the database has the last word.
 */
export async function bookAppointment(tx: Tx, ctx: BookingContext, input: BookInput, opts: { seriesId?: string; calendar?: Calendar } = {}): Promise<AppointmentRow> {
  return (await bookAppointmentWithView(tx, ctx, input, opts)).row;
}

type Names = Omit<JoinedAppointment, keyof AppointmentRow | 'patient_phone'>;

/** The calendar, motif and names from `agenda_booking_context`; the same refusals as the step-by-step path. */
function fromContext(c: BookingContextRow | null | undefined, input: BookInput): { cal: Calendar; motif: MotifRow | undefined; names: Names; known: boolean } {
  if (!c) throw new AppError('not_found');
  if (!c.practitioner) throw new AppError('unprocessable', [{ field: 'practitionerId', message: 'Praticien inconnu dans ce cabinet.' }]);
  if (!c.patient) throw new AppError('unprocessable', [{ field: 'patientId', message: 'Patient inconnu dans ce cabinet.' }]);
  let motif: MotifRow | undefined;
  if (input.motifId) {
    const m = c.motif;
    if (!m || !m.active) throw new AppError('unprocessable', [{ field: 'motifId', message: 'Motif inconnu ou désactivé.' }]);
    if (m.practitioner_id !== null && m.practitioner_id !== input.practitionerId) throw ruleError('motif_practitioner', undefined, false);
    motif = m;
  }
  const cal = buildCalendar({ timeZone: c.timezone, holidayRegion: c.holidayRegion, urgentReleaseMinutes: c.urgentReleaseMinutes }, [c.practitioner], {
    hours: c.hours ?? [],
    urgent: c.urgent ?? [],
    exceptions: c.exceptions ?? [],
    busy: c.busy ?? [],
    motifs: motif ? [motif] : [],
  });
  const names: Names = {
    birth_name: c.patient.birth_name,
    used_name: c.patient.used_name,
    first_name: c.patient.first_name,
    birth_date: c.patient.birth_date,
    practitioner_name: c.practitioner.display_name,
    motif_name: motif?.name ?? null,
    motif_colour: motif?.colour ?? null,
  };
  return { cal, motif, names, known: c.patient.known };
}

const TIMESTAMP_COLUMNS = ['starts_at', 'ends_at', 'busy_until', 'cancelled_at', 'status_changed_at', 'created_at', 'updated_at'] as const;
/** An appointment row returned as JSON by a SQL function, typed like a row read by the driver. */
function rowFromJson(j: Record<string, unknown>): AppointmentRow {
  const row: Record<string, unknown> = { ...j };
  for (const k of TIMESTAMP_COLUMNS) if (row[k] != null) row[k] = new Date(row[k] as string);
  return row as unknown as AppointmentRow;
}

/**
 * The booking path. By default two statements of its own: `agenda_booking_context` (one read: settings,
 * practitioner, patient, motif, hours, absences, busy time) then `agenda_insert_appointment` (guarded insert +
 * history row). With `optimistic` — only for a caller whose transaction is rolled back by any thrown error, as the
 * platform does for a route — one statement, `agenda_book_optimistic`, reads and inserts; a broken rule then
 * throws and the rollback removes the row. The platform adds the audit entry and COMMIT. See migration 0024.
 */
export async function bookAppointmentWithView(
  tx: Tx,
  ctx: BookingContext,
  input: BookInput,
  opts: { seriesId?: string; calendar?: Calendar; optimistic?: boolean } = {},
): Promise<BookedAppointment> {
  const now = ctx.now ?? clock.now();
  const override = input.overrideReason?.trim() || null;
  if (override && input.channel !== 'desk') throw new AppError('forbidden');
  // The live update leaves the transaction when the caller can send it after commit (migration 0024).
  const afterCommit = opts.seriesId ? undefined : ctx.afterCommit;
  const id = crypto.randomUUID();
  let cal: Calendar;
  let motif: MotifRow | undefined;
  let names: Names | undefined;
  let patientKnown: () => Promise<boolean>;
  let inserted: AppointmentRow | null | undefined; // undefined: not tried yet
  // The optimistic path writes the audit entry in its own statement (same row as ctx.audit would give), except
  // for an override, whose entry names the rule it broke (known only after the check).
  const auditInSql = !!opts.optimistic && !opts.calendar && !override && ctx.ip !== undefined;
  if (opts.calendar) {
    // A series: one calendar for every occurrence, loaded by the caller.
    cal = opts.calendar;
    if (!cal.practitioners.some((p) => p.id === input.practitionerId)) {
      throw new AppError('unprocessable', [{ field: 'practitionerId', message: 'Praticien inconnu dans ce cabinet.' }]);
    }
    await requirePatient(tx, ctx.practiceId, input.patientId);
    motif = input.motifId ? (cal.motifs.find((m) => m.id === input.motifId) ?? (await loadMotif(tx, ctx.practiceId, input.practitionerId, input.motifId))) : undefined;
    patientKnown = async () => !(await isNewPatient(tx, ctx.practiceId, input.patientId));
  } else if (opts.optimistic) {
    validateTimes(input.start, input.end ?? new Date(input.start.getTime() + DEFAULT_DURATION * 60_000));
    const { rows } = await sql<{ r: { context: BookingContextRow | null; appointment?: Record<string, unknown> | null } }>`SELECT agenda_book_optimistic(
        ${id}, ${ctx.practiceId}, ${input.practitionerId}, ${input.patientId}, ${input.motifId ?? null}, ${input.start}, ${input.end ?? null},
        ${input.channel}, ${input.teleconsultation ?? null}, ${input.note ?? null}, ${ctx.accountId}, ${now}, ${afterCommit !== undefined},
        ${auditInSql ? JSON.stringify({ ip: ctx.ip, details: { patientId: input.patientId, practitionerId: input.practitionerId, start: input.start.toISOString(), channel: input.channel } }) : null}::jsonb) AS r`.execute(tx);
    const r = rows[0]!.r;
    ({ cal, motif, names } = fromContext(r.context, input));
    const known = r.context!.patient!.known;
    patientKnown = async () => known;
    inserted = r.appointment ? rowFromJson(r.appointment) : null;
  } else {
    const { rows } = await sql<{ c: BookingContextRow }>`SELECT agenda_booking_context(${ctx.practiceId}, ${input.practitionerId}, ${input.patientId}, ${input.motifId ?? null}, ${input.start}, ${input.end ?? null}) AS c`.execute(tx);
    let known: boolean;
    ({ cal, motif, names, known } = fromContext(rows[0]?.c, input));
    patientKnown = async () => known;
  }
  const end = input.end ?? new Date(input.start.getTime() + (motif?.duration_minutes ?? DEFAULT_DURATION) * 60_000);
  validateTimes(input.start, end);
  const duration = (end.getTime() - input.start.getTime()) / 60_000;

  // In the optimistic path the context was read before the insert, so the new row is not in the busy time.
  let violation = checkRules(cal, motif, duration, input.channel, input.practitionerId, input.start, now);
  if (!violation && motif && !motif.new_patients_allowed && !(await patientKnown())) violation = { reason: 'new_patient' };
  if (violation?.reason === 'taken' || violation?.reason === 'resource_taken' || inserted === null) {
    if (opts.seriesId) throw Object.assign(ruleError(violation?.reason === 'resource_taken' ? 'resource_taken' : 'taken', undefined, false), { takenAt: input.start });
    throw await slotTaken(tx, ctx.practiceId, input.practitionerId, motif, input.start, input.channel, now);
  }
  if (violation && !override) throw ruleError(violation.reason, violation.detail, input.channel === 'desk');

  let row: AppointmentRow | undefined;
  if (inserted) {
    row = inserted;
    if (violation) {
      // Desk override (rare): the reason goes on the row and its history, as in the step-by-step path.
      row = await tx.updateTable('appointments').set({ override_reason: override }).where('id', '=', row.id).where('practice_id', '=', ctx.practiceId).returningAll().executeTakeFirstOrThrow();
      await tx.updateTable('appointment_events').set({ reason: override }).where('appointment_id', '=', row.id).where('practice_id', '=', ctx.practiceId).execute();
    }
  } else {
    const { rows } = await sql<AppointmentRow>`SELECT * FROM agenda_insert_appointment(
        ${id}, ${ctx.practiceId}, ${input.practitionerId}, ${input.patientId}, ${motif?.id ?? null}, ${motif?.required_resource_id ?? null}, ${opts.seriesId ?? null},
        ${input.start}, ${end}, ${new Date(end.getTime() + (motif?.buffer_minutes ?? 0) * 60_000)}, ${input.channel},
        ${input.teleconsultation ?? motif?.teleconsultation ?? false}, ${input.note ?? null}, ${violation ? override : null}, ${ctx.accountId},
        ${motif?.capacity ?? 1}, ${now}, ${afterCommit !== undefined})`.execute(tx);
    row = rows[0];
  }
  if (!row) {
    if (opts.seriesId) throw Object.assign(ruleError('taken', undefined, false), { takenAt: input.start });
    throw await slotTaken(tx, ctx.practiceId, input.practitionerId, motif, input.start, input.channel, now);
  }
  if (afterCommit) {
    const change: AgendaChange = { practiceId: row.practice_id, appointmentId: row.id, practitionerId: row.practitioner_id, start: input.start.toISOString(), op: 'insert', previousPractitionerId: null, previousStart: null };
    afterCommit(async (db) => notifyAgendaChange(db, change));
  }
  if (!(auditInSql && inserted)) ctx.audit({
    action: 'appointment.booked',
    resourceType: 'appointment',
    resourceId: row.id,
    reason: violation ? override : null,
    details: { patientId: row.patient_id, practitionerId: row.practitioner_id, start: input.start.toISOString(), channel: input.channel, ...(violation ? { overridden: violation.reason } : {}) },
  });
  return { row, view: names && { ...row, ...names } };
}

async function lockAppointment(tx: Tx, practiceId: string, id: string): Promise<AppointmentRow> {
  const row = await tx.selectFrom('appointments').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

/** Runs an UPDATE that may meet the exclusion constraint; undefined when the time is taken. */
async function guardedUpdate<T>(tx: Tx, run: () => Promise<T>): Promise<T | undefined> {
  await sql`SAVEPOINT agenda_guard`.execute(tx);
  try {
    const out = await run();
    await sql`RELEASE SAVEPOINT agenda_guard`.execute(tx);
    return out;
  } catch (err) {
    if ((err as { code?: string }).code === '23P01') {
      await sql`ROLLBACK TO SAVEPOINT agenda_guard`.execute(tx);
      return undefined;
    }
    throw err;
  }
}

export interface MoveInput {
  start: Date;
  end?: Date | undefined;
  practitionerId?: string | undefined;
  overrideReason?: string | null | undefined;
  channel: BookingChannel;
  expectedVersion?: number | undefined;
}

/** Moves an appointment (drag and drop, or a proposed slot): same checks as a booking, same transaction. */
export async function moveAppointment(tx: Tx, ctx: BookingContext, id: string, input: MoveInput): Promise<AppointmentRow> {
  const now = ctx.now ?? clock.now();
  const current = await lockAppointment(tx, ctx.practiceId, id);
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
    throw new AppError('conflict', undefined, { fr: 'Ce rendez-vous a été modifié entre-temps : rechargez-le.', en: 'This appointment changed meanwhile: reload it.' });
  }
  if (current.status !== 'booked' && current.status !== 'confirmed') {
    throw new AppError('unprocessable', [{ field: 'status', message: 'Seul un rendez-vous à venir (réservé ou confirmé) peut être déplacé.' }]);
  }
  const practitionerId = input.practitionerId ?? current.practitioner_id;
  const override = input.overrideReason?.trim() || null;
  if (override && input.channel !== 'desk') throw new AppError('forbidden');
  let motif: MotifRow | undefined;
  let motifOverridden = false;
  if (practitionerId !== current.practitioner_id) {
    await requirePractitioner(tx, ctx.practiceId, practitionerId);
    const found = await motifForPractitioner(tx, ctx.practiceId, practitionerId, current.appointment_type_id);
    if (found !== null) motif = found;
    else {
      // The motif is the former practitioner's own, and the new one has none of that name: the desk may still move
      // it with a reason (kept, audited); otherwise the secretary is told why.
      if (!override) throw ruleError('motif_practitioner', undefined, input.channel === 'desk');
      motif = (await tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', ctx.practiceId).where('id', '=', current.appointment_type_id!).executeTakeFirstOrThrow()) as MotifRow;
      motifOverridden = true;
    }
  } else {
    motif = await loadMotif(tx, ctx.practiceId, practitionerId, current.appointment_type_id);
  }
  const oldDuration = new Date(current.ends_at).getTime() - new Date(current.starts_at).getTime();
  const end = input.end ?? new Date(input.start.getTime() + oldDuration);
  validateTimes(input.start, end);
  const cal = await loadCalendar(tx, ctx.practiceId, { practitionerIds: [practitionerId], from: input.start, to: end, excludeAppointmentId: id });
  let violation = checkRules(cal, motif, (end.getTime() - input.start.getTime()) / 60_000, input.channel, practitionerId, input.start, now);
  if (violation?.reason === 'taken' || violation?.reason === 'resource_taken') throw await slotTaken(tx, ctx.practiceId, practitionerId, motif, input.start, input.channel, now);
  if (violation && !override) throw ruleError(violation.reason, violation.detail, input.channel === 'desk');
  const overridden: string | undefined = violation?.reason ?? (motifOverridden ? 'motif_practitioner' : undefined);
  const capacity = current.capacity;
  const seatsToTry = capacity <= 1 ? [SEATS_EXCLUSIVE] : Array.from({ length: capacity }, (_, i) => `[${i + 1},${i + 2})`);
  let row: AppointmentRow | undefined;
  for (const seats of seatsToTry) {
    row = await guardedUpdate(tx, () =>
      tx
        .updateTable('appointments')
        .set({
          practitioner_id: practitionerId,
          // Another practitioner: their motif of the same name (or the former one, overridden).
          appointment_type_id: motif?.id ?? current.appointment_type_id,
          resource_id: motif ? motif.required_resource_id : current.resource_id,
          starts_at: input.start,
          ends_at: end,
          busy_until: new Date(end.getTime() + (motif?.buffer_minutes ?? 0) * 60_000),
          seats,
          override_reason: overridden ? override : current.override_reason,
          updated_at: now,
          version: current.version + 1,
        })
        .where('id', '=', id)
        .where('practice_id', '=', ctx.practiceId)
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    if (row) break;
  }
  if (!row) throw await slotTaken(tx, ctx.practiceId, practitionerId, motif, input.start, input.channel, now);
  await recordEvent(tx, ctx, id, input.channel, { kind: 'moved', fromStart: new Date(current.starts_at), toStart: input.start, reason: overridden ? override : null });
  ctx.audit({
    action: 'appointment.moved',
    resourceType: 'appointment',
    resourceId: id,
    reason: overridden ? override : null,
    details: {
      from: new Date(current.starts_at).toISOString(), to: input.start.toISOString(), practitionerId,
      ...(practitionerId !== current.practitioner_id ? { fromPractitionerId: current.practitioner_id, motifId: motif?.id ?? current.appointment_type_id } : {}),
      ...(overridden ? { overridden } : {}),
    },
  });
  return row;
}

const REFUSALS = {
  same_status: 'Le rendez-vous a déjà ce statut.',
  not_allowed: 'Ce changement de statut n’est pas possible.',
  too_early: 'Ce statut ne peut être enregistré qu’à partir de l’heure du rendez-vous.',
  reason_required: 'Indiquez le motif de l’annulation.',
} as const;

/** Changes the status (arrival, consultation, done, no-show, cancellation with its reason). */
export async function changeStatus(
  tx: Tx,
  ctx: BookingContext,
  id: string,
  to: AppointmentStatus,
  opts: { reason?: string | null | undefined; channel: BookingChannel; expectedVersion?: number | undefined },
): Promise<AppointmentRow> {
  const now = ctx.now ?? clock.now();
  const current = await lockAppointment(tx, ctx.practiceId, id);
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== current.version) {
    throw new AppError('conflict', undefined, { fr: 'Ce rendez-vous a été modifié entre-temps : rechargez-le.', en: 'This appointment changed meanwhile: reload it.' });
  }
  const verdict = checkTransition(current.status, to, { now, startsAt: new Date(current.starts_at), reason: opts.reason });
  if (!verdict.ok) throw new AppError('unprocessable', [{ field: 'status', message: REFUSALS[verdict.why], reason: verdict.why }], { fr: REFUSALS[verdict.why] });
  const reason = opts.reason?.trim() || null;
  const update = () =>
    tx
      .updateTable('appointments')
      .set({
        status: to,
        status_changed_at: now,
        cancelled_at: isCancelled(to) ? now : null,
        cancellation_reason: isCancelled(to) ? reason : current.cancellation_reason,
        updated_at: now,
        version: current.version + 1,
      })
      .where('id', '=', id)
      .where('practice_id', '=', ctx.practiceId)
      .returningAll()
      .executeTakeFirstOrThrow();
  const row = reclaimsTime(current.status, to) ? await guardedUpdate(tx, update) : await update();
  if (!row) {
    throw new AppError('conflict', undefined, {
      fr: 'Ce créneau a été réattribué entre-temps : le rendez-vous ne peut pas être rétabli à cette heure.',
      en: 'This time was given to someone else meanwhile: the appointment cannot be restored at this time.',
    });
  }
  await recordEvent(tx, ctx, id, opts.channel, { kind: 'status', from: current.status, to, reason });
  ctx.audit({
    action: isCancelled(to) ? 'appointment.cancelled' : 'appointment.status_changed',
    resourceType: 'appointment',
    resourceId: id,
    reason,
    details: { from: current.status, to },
  });
  return row;
}

export interface SeriesInput {
  practitionerId: string;
  patientId: string;
  motifId?: string | null | undefined;
  firstStart: Date;
  occurrences: number;
  intervalDays: number;
  channel: BookingChannel;
  overrideReason?: string | null | undefined;
  note?: string | null | undefined;
}

/**
 * A recurring series (e.g. 10 physiotherapy sessions), checked as a whole: every occurrence is booked or
 * none is. Occurrences keep the local wall-clock time across daylight-saving changes.
 */
export async function bookSeries(tx: Tx, ctx: BookingContext, input: SeriesInput): Promise<{ seriesId: string; appointments: AppointmentRow[] }> {
  await requirePractitioner(tx, ctx.practiceId, input.practitionerId);
  await requirePatient(tx, ctx.practiceId, input.patientId);
  const { timeZone } = await loadCalendar(tx, ctx.practiceId, { practitionerIds: [], from: input.firstStart, to: input.firstStart });
  const first = DateTime.fromJSDate(input.firstStart, { zone: timeZone });
  const starts = Array.from({ length: input.occurrences }, (_, i) => first.plus({ days: i * input.intervalDays }).toJSDate());
  const series = await tx
    .insertInto('appointment_series')
    .values({
      practice_id: ctx.practiceId,
      patient_id: input.patientId,
      practitioner_id: input.practitionerId,
      occurrences: input.occurrences,
      interval_days: input.intervalDays,
      created_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const calendar = await loadCalendar(tx, ctx.practiceId, { practitionerIds: [input.practitionerId], from: starts[0]!, to: starts[starts.length - 1]! });
  const booked: AppointmentRow[] = [];
  const failures: { field: string; message: string; index: number; start: string; reason: string }[] = [];
  // Occurrences notify from the trigger: a failed one is rolled back to its savepoint (no stray after-commit task).
  const silent: BookingContext = { practiceId: ctx.practiceId, accountId: ctx.accountId, audit: () => undefined, ...(ctx.now ? { now: ctx.now } : {}) };
  for (const [index, start] of starts.entries()) {
    await sql`SAVEPOINT agenda_series`.execute(tx);
    try {
      booked.push(
        await bookAppointment(
          tx,
          silent,
          { practitionerId: input.practitionerId, patientId: input.patientId, motifId: input.motifId, start, channel: input.channel, overrideReason: input.overrideReason, note: input.note },
          { seriesId: series.id, calendar },
        ),
      );
      await sql`RELEASE SAVEPOINT agenda_series`.execute(tx);
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT agenda_series`.execute(tx);
      if (!(err instanceof AppError)) throw err;
      const d = Array.isArray(err.details) ? (err.details[0] as { message?: string; reason?: string } | undefined) : undefined;
      const when = formatLocal(start, timeZone);
      failures.push({ field: `occurrences.${index}`, index, start: start.toISOString(), reason: d?.reason ?? err.code, message: `Séance ${index + 1} (${when}) : ${d?.message ?? 'impossible'}` });
    }
  }
  if (failures.length) {
    throw new AppError('conflict', failures, {
      fr: `La série ne peut pas être réservée : ${failures.length} séance(s) sur ${starts.length} impossible(s). Rien n’a été réservé.`,
      en: `The series cannot be booked: ${failures.length} of ${starts.length} sessions are not possible. Nothing was booked.`,
    });
  }
  ctx.audit({
    action: 'appointment.series_booked',
    resourceType: 'appointment_series',
    resourceId: series.id,
    reason: input.overrideReason?.trim() || null,
    details: { patientId: input.patientId, practitionerId: input.practitionerId, appointments: booked.map((b) => b.id) },
  });
  return { seriesId: series.id, appointments: booked };
}

export { isActive, defaultMotif };
