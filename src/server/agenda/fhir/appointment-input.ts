import { z } from 'zod';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { AppointmentDto } from '../appointments.js';
import type { BookingContext } from '../booking.js';
import { changeStatus, moveAppointment } from '../appointment-changes.js';
import type { AppointmentStatus } from '../schema.js';
import { fromFhirStatus, isCancelled } from '../status.js';
import { setAppointmentNote } from './fhir.service.js';
import { MOTIF_SYSTEM } from './resources.js';
import { refId, UUID_RE } from './search-params.js';
import { AGENDA_MESSAGES as M } from '../error-messages.js';

// What we read from an incoming Appointment (create, update, patched): everything else is ignored.
const coding = z.looseObject({ system: z.string().max(300).optional(), code: z.string().max(100).optional() });
const concept = z.looseObject({ coding: z.array(coding).max(20).optional(), text: z.string().max(500).optional() });
export const appointmentIn = z.looseObject({
  resourceType: z.literal('Appointment'),
  id: z.string().max(64).optional(),
  status: z.string().max(30),
  start: z.iso.datetime({ offset: true }).optional(),
  end: z.iso.datetime({ offset: true }).optional(),
  slot: z.array(z.looseObject({ reference: z.string().max(200).optional() })).max(5).optional(),
  serviceType: z.array(concept).max(5).optional(),
  cancelationReason: concept.optional(),
  comment: z.string().max(2000).optional(),
  participant: z
    .array(z.looseObject({ actor: z.looseObject({ reference: z.string().max(200).optional() }).optional(), status: z.string().max(30).optional() }))
    .min(1)
    .max(20),
});
export type AppointmentIn = z.infer<typeof appointmentIn>;

export function bad(field: string, message: string): AppError {
  return new AppError('unprocessable', [{ field, message }]);
}

export function participantId(a: AppointmentIn, type: string): string | undefined {
  const refs = a.participant.map((p) => p.actor?.reference).filter((r): r is string => !!r && r.startsWith(`${type}/`));
  if (refs.length > 1) throw bad('participant', `Un seul participant ${type} est pris en charge.`);
  if (!refs.length) return undefined;
  const id = refId(refs[0]!, type);
  if (!id) throw bad('participant', `Référence ${type} invalide.`);
  return id;
}

export function motifIdOf(a: AppointmentIn): string | undefined {
  const code = a.serviceType?.flatMap((s) => s.coding ?? []).find((c) => c.system === MOTIF_SYSTEM)?.code;
  if (code === undefined) return undefined;
  if (!UUID_RE.test(code)) throw bad('serviceType', 'Motif inconnu.');
  return code;
}

/** Applies an updated Appointment (PUT or patched): status change, move, note. */
export async function applyUpdate(tx: Tx, ctx: BookingContext, current: AppointmentDto, next: AppointmentIn, expectedVersion: number | undefined): Promise<void> {
  // A UUID in another case is the same id (the URL's arrives lowered by the route layer).
  if (next.id !== undefined && next.id.toLowerCase() !== current.id) throw new AppError('bad_request', [{ field: 'id', message: M.resourceIdMismatch }]);
  const patientId = participantId(next, 'Patient');
  if (patientId && patientId !== current.patientId) throw bad('participant', 'Le patient d’un rendez-vous ne se change pas : annulez et reprenez un rendez-vous.');
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new AppError('conflict', undefined, { fr: 'Ce rendez-vous a été modifié entre-temps : rechargez-le.', en: 'This appointment changed meanwhile: reload it.' });
  }
  const practitionerId = participantId(next, 'Practitioner') ?? current.practitionerId;
  const start = next.start ? new Date(next.start) : new Date(current.start);
  const end = next.end ? new Date(next.end) : new Date(current.end);
  let changed = false;
  if (practitionerId !== current.practitionerId || start.getTime() !== Date.parse(current.start) || end.getTime() !== Date.parse(current.end)) {
    await moveAppointment(tx, ctx, current.id, { start, end, practitionerId, channel: 'api' });
    changed = true;
  }
  const cancelledBy = next.cancelationReason?.coding?.some((c) => c.code === 'pat') ? 'patient' : 'practice';
  const to = fromFhirStatus(next.status, current.status, cancelledBy);
  if (!to) throw bad('status', `Statut FHIR non pris en charge : ${next.status}.`);
  if (to !== current.status) {
    const reason = next.cancelationReason?.text ?? next.cancelationReason?.coding?.find((c) => c.code)?.code ?? (isCancelled(to) ? 'Annulation (FHIR)' : undefined);
    await changeStatus(tx, ctx, current.id, to as AppointmentStatus, { reason, channel: 'api' });
    changed = true;
  }
  if ((next.comment ?? null) !== current.note) {
    await setAppointmentNote(tx, ctx.practiceId, current.id, next.comment ?? null);
    changed = true;
  }
  if (!changed) return;
}
