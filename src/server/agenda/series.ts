import { inSavepoint } from '../platform/db/savepoint.js';
import { DateTime } from 'luxon';
import type { Tx } from '../platform/db/database.js';
import { AppError, type Localized } from '../platform/http/errors.js';
import type { AppointmentRow } from './appointments.js';
import { loadCalendar } from './calendar.js';
import type { BookingChannel } from './schema.js';
import { bookAppointment, type BookingContext } from './booking.js';
import { requirePatient, requirePractitioner } from './booking-checks.js';
import { seriesSessionRefused } from './error-messages.js';

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
  const failures: { field: string; message: Localized; index: number; start: string; reason: string }[] = [];
  // Occurrences notify from the trigger: a failed one is rolled back to its savepoint (no stray after-commit task).
  const silent: BookingContext = { practiceId: ctx.practiceId, accountId: ctx.accountId, audit: () => undefined, ...(ctx.now ? { now: ctx.now } : {}) };
  for (const [index, start] of starts.entries()) {
    try {
      booked.push(
        await inSavepoint(tx, 'agenda_series', () =>
          bookAppointment(
            tx,
            silent,
            { practitionerId: input.practitionerId, patientId: input.patientId, motifId: input.motifId, start, channel: input.channel, overrideReason: input.overrideReason, note: input.note },
            { seriesId: series.id, calendar },
          ),
        ),
      );
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const d = Array.isArray(err.details) ? (err.details[0] as { message?: string | Localized; reason?: string } | undefined) : undefined;
      failures.push({ field: `occurrences.${index}`, index, start: start.toISOString(), reason: d?.reason ?? err.code, message: seriesSessionRefused(index, start, timeZone, d?.message) });
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
