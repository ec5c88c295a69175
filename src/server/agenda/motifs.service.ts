import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { MotifRow } from './calendar.js';
import { ownPractitioner } from './practitioners.service.js';
import { AGENDA_MESSAGES as M } from './error-messages.js';
import type { MotifPatchFields } from './contract.js';

/**
 * Motifs (appointment types: duration, buffer, colour, who may book them, required equipment, capacity) and the
 * bookable resources (rooms, equipment). Every query is scoped by practice.
 */

/** What a motif's creation or change may set (the route's body, validated). */
export type MotifFields = MotifPatchFields;

type MotifRowFull = {
  id: string; practitioner_id: string | null; name: string; duration_minutes: number; buffer_minutes: number; colour: string; new_patients_allowed: boolean;
  online_bookable: boolean; teleconsultation: boolean; preparation_instructions: string | null; documents_to_bring: string | null; required_resource_id: string | null; capacity: number; active: boolean;
};
const toMotif = (m: MotifRowFull) => ({
  id: m.id,
  practitionerId: m.practitioner_id,
  name: m.name,
  durationMinutes: m.duration_minutes,
  bufferMinutes: m.buffer_minutes,
  colour: m.colour,
  newPatientsAllowed: m.new_patients_allowed,
  onlineBookable: m.online_bookable,
  teleconsultation: m.teleconsultation,
  preparationInstructions: m.preparation_instructions,
  documentsToBring: m.documents_to_bring,
  requiredResourceId: m.required_resource_id,
  capacity: m.capacity,
  active: m.active,
});

const motifValues = (b: MotifFields) => ({
  ...(b.practitionerId !== undefined ? { practitioner_id: b.practitionerId } : {}),
  ...(b.name !== undefined ? { name: b.name } : {}),
  ...(b.durationMinutes !== undefined ? { duration_minutes: b.durationMinutes } : {}),
  ...(b.bufferMinutes !== undefined ? { buffer_minutes: b.bufferMinutes } : {}),
  ...(b.colour !== undefined ? { colour: b.colour } : {}),
  ...(b.newPatientsAllowed !== undefined ? { new_patients_allowed: b.newPatientsAllowed } : {}),
  ...(b.onlineBookable !== undefined ? { online_bookable: b.onlineBookable } : {}),
  ...(b.teleconsultation !== undefined ? { teleconsultation: b.teleconsultation } : {}),
  ...(b.preparationInstructions !== undefined ? { preparation_instructions: b.preparationInstructions } : {}),
  ...(b.documentsToBring !== undefined ? { documents_to_bring: b.documentsToBring } : {}),
  ...(b.requiredResourceId !== undefined ? { required_resource_id: b.requiredResourceId } : {}),
  ...(b.capacity !== undefined ? { capacity: b.capacity } : {}),
  ...(b.active !== undefined ? { active: b.active } : {}),
});

async function requireResource(tx: Tx, practiceId: string, id: string | null | undefined) {
  if (!id) return;
  const r = await tx.selectFrom('resources').select('id').where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('unprocessable', [{ field: 'requiredResourceId', message: M.unknownResource }]);
}

/** A motif naming a practitioner must name one of this practice (422, not 404: the motif is what is asked). */
async function requireMotifPractitioner(tx: Tx, practiceId: string, practitionerId: string | null | undefined) {
  if (practitionerId) await ownPractitioner(tx, practiceId, practitionerId).catch(() => { throw new AppError('unprocessable', [{ field: 'practitionerId', message: M.unknownPractitioner }]); });
}

/** The practice-wide motifs and, with a practitioner, that practitioner's own. */
export async function listMotifs(tx: Tx, practiceId: string, practitionerId: string | undefined) {
  let q = tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', practiceId).orderBy('name');
  if (practitionerId) q = q.where((eb) => eb.or([eb('practitioner_id', 'is', null), eb('practitioner_id', '=', practitionerId)]));
  return (await q.execute()).map(toMotif);
}

export async function createMotif(tx: Tx, practiceId: string, body: MotifFields & { name: string; durationMinutes: number }) {
  await requireMotifPractitioner(tx, practiceId, body.practitionerId);
  await requireResource(tx, practiceId, body.requiredResourceId);
  const row = await tx.insertInto('appointment_types').values({ practice_id: practiceId, name: body.name, duration_minutes: body.durationMinutes, preparation_instructions: null, documents_to_bring: null, required_resource_id: null, practitioner_id: null, ...motifValues(body) }).returningAll().executeTakeFirstOrThrow();
  return toMotif(row);
}

export async function updateMotif(tx: Tx, practiceId: string, id: string, body: MotifFields) {
  const m = await tx.selectFrom('appointment_types').select('id').where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!m) throw new AppError('not_found');
  await requireMotifPractitioner(tx, practiceId, body.practitionerId);
  await requireResource(tx, practiceId, body.requiredResourceId);
  const values = motifValues(body);
  const row = Object.keys(values).length
    ? await tx.updateTable('appointment_types').set(values).where('practice_id', '=', practiceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
    : await tx.selectFrom('appointment_types').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return toMotif(row);
}

/** An active motif of this practice, or 404 (the free-slot search). */
export async function activeMotif(tx: Tx, practiceId: string, id: string): Promise<MotifRow> {
  const motif = (await tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).where('active', '=', true).executeTakeFirst()) as MotifRow | undefined;
  if (!motif) throw new AppError('not_found');
  return motif;
}

export async function listResources(tx: Tx, practiceId: string) {
  const rows = await tx.selectFrom('resources').selectAll().where('practice_id', '=', practiceId).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, roomId: r.room_id, active: r.active }));
}

export async function createResource(tx: Tx, practiceId: string, body: { name: string; kind: 'equipment' | 'room' | 'chair' | 'other' }) {
  const r = await tx.insertInto('resources').values({ practice_id: practiceId, name: body.name, kind: body.kind, room_id: null }).returningAll().executeTakeFirstOrThrow();
  return { id: r.id, name: r.name, kind: r.kind };
}
