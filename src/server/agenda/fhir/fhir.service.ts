import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { clock } from '../../platform/clock.js';
import { appointmentQuery, getAppointment, toAppointmentDto } from '../appointments.js';
import { defaultMotif, type MotifRow } from '../calendar.js';
import type { AppointmentStatus } from '../schema.js';
import { UUID_RE } from './search-params.js';

/** The FHIR routes' database work, every query scoped by practice. */

/** Practitioners by name (contains) and RPPS identifier (with or without the IDNPS '8'). */
export async function searchPractitioners(tx: Tx, practiceId: string, s: { name?: string | undefined; identifier?: string | undefined; count: number }) {
  let q = tx.selectFrom('practitioners').selectAll().where('practice_id', '=', practiceId).orderBy('display_name');
  if (s.name) q = q.where('display_name', 'ilike', `%${s.name.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (s.identifier) {
    const v = s.identifier.split('|').pop()!;
    q = q.where('rpps', '=', v.length === 12 && v.startsWith('8') ? v.slice(1) : v);
  }
  return q.limit(s.count).execute();
}

/** Practitioners whose schedule is searched: one id or all, active or not. */
export async function schedulePractitioners(tx: Tx, practiceId: string, s: { id?: string | undefined; active: boolean; count: number }) {
  let q = tx.selectFrom('practitioners').selectAll().where('practice_id', '=', practiceId).orderBy('display_name');
  if (s.id !== undefined) q = q.where('id', '=', s.id);
  q = q.where('active', '=', s.active);
  return q.limit(s.count).execute();
}

/** A practitioner of the practice by id (a Practitioner id is also its Schedule id), else 404. */
export async function practitionerOr404(tx: Tx, practiceId: string, id: string) {
  if (!UUID_RE.test(id)) throw new AppError('not_found');
  const p = await tx.selectFrom('practitioners').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!p) throw new AppError('not_found');
  return p;
}

export async function readFhirAppointment(tx: Tx, practiceId: string, id: string) {
  const dto = await getAppointment(tx, practiceId, id);
  if (!dto) throw new AppError('not_found');
  return dto;
}

export interface AppointmentSearch {
  from?: Date | undefined;
  to?: Date | undefined;
  patientId?: string | undefined;
  practitionerId?: string | undefined;
  /** Patient or practitioner. */
  actorId?: string | undefined;
  statuses?: AppointmentStatus[] | undefined;
  count: number;
}

export async function searchAppointments(tx: Tx, practiceId: string, s: AppointmentSearch) {
  let q = appointmentQuery(tx, practiceId);
  if (s.from) q = q.where('a.starts_at', '>=', s.from);
  if (s.to) q = q.where('a.starts_at', '<', s.to);
  if (s.patientId !== undefined) q = q.where('a.patient_id', '=', s.patientId);
  if (s.practitionerId !== undefined) q = q.where('a.practitioner_id', '=', s.practitionerId);
  const actorId = s.actorId;
  if (actorId !== undefined) q = q.where((eb) => eb.or([eb('a.patient_id', '=', actorId), eb('a.practitioner_id', '=', actorId)]));
  if (s.statuses) q = q.where('a.status', 'in', s.statuses);
  const rows = await q.orderBy('a.starts_at').orderBy('a.id').limit(s.count).execute();
  return rows.map(toAppointmentDto);
}

/** The slot's motif when a booking names none: the practitioner's default motif when its duration matches. */
export async function motifForSlot(tx: Tx, practiceId: string, practitionerId: string, minutes: number): Promise<string | undefined> {
  const motifs = (await tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', practiceId).where('active', '=', true)
    .where((eb) => eb.or([eb('practitioner_id', 'is', null), eb('practitioner_id', '=', practitionerId)])).orderBy('created_at').orderBy('name').execute()) as MotifRow[];
  const d = defaultMotif(motifs, practitionerId);
  return d && d.duration_minutes === minutes ? d.id : motifs.find((m) => m.duration_minutes === minutes && m.capacity === 1)?.id;
}

export async function setAppointmentNote(tx: Tx, practiceId: string, id: string, note: string | null): Promise<void> {
  await tx.updateTable('appointments').set((eb) => ({ note, updated_at: clock.now(), version: eb('version', '+', 1) })).where('practice_id', '=', practiceId).where('id', '=', id).execute();
}
