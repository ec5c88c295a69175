import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { clock } from '../platform/clock.js';
import type { AppointmentRow } from './appointments.js';
import { loadCalendar, type MotifRow } from './calendar.js';
import type { AppointmentStatus, BookingChannel } from './schema.js';
import { checkTransition, isCancelled, reclaimsTime } from './status.js';
import type { BookingContext } from './booking.js';
import { checkRules, guardedUpdate, loadMotif, lockAppointment, motifForPractitioner, recordEvent, requirePractitioner, ruleError, SEATS_EXCLUSIVE, slotTaken, validateTimes } from './booking-checks.js';
import { AGENDA_MESSAGES as M } from './error-messages.js';

/** Changes to a booked appointment: moving it (time or practitioner) and changing its status. */

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
    throw new AppError('unprocessable', [{ field: 'status', message: M.onlyUpcomingMoves }]);
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
