import { sql } from 'kysely';
import crypto from 'node:crypto';
import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { AuditDraft } from '../platform/http/context.js';
import type { AppointmentRow, JoinedAppointment } from './appointments.js';
import { buildCalendar, defaultMotif, type Calendar, type CalendarRows, type MotifRow, type PractitionerRow, DEFAULT_DURATION } from './calendar.js';
import { notifyAgendaChange, type AgendaChange } from './live.js';
import type { FrenchRegion } from './slots/index.js';
import type { BookingChannel } from './schema.js';
import { isActive } from './status.js';
import { clock } from '../platform/clock.js';
import { checkRules, isNewPatient, loadMotif, requirePatient, ruleError, slotTaken, validateTimes } from './booking-checks.js';
import { AGENDA_MESSAGES as M } from './error-messages.js';

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
  if (!c.practitioner) throw new AppError('unprocessable', [{ field: 'practitionerId', message: M.unknownPractitioner }]);
  if (!c.patient) throw new AppError('unprocessable', [{ field: 'patientId', message: M.unknownPatient }]);
  let motif: MotifRow | undefined;
  if (input.motifId) {
    const m = c.motif;
    if (!m || !m.active) throw new AppError('unprocessable', [{ field: 'motifId', message: M.unknownOrInactiveMotif }]);
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
      throw new AppError('unprocessable', [{ field: 'practitionerId', message: M.unknownPractitioner }]);
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

export { isActive, defaultMotif };
