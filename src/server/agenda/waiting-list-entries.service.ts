import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { clock } from '../platform/clock.js';
import { identityName, identityParts } from '../platform/identity-display.js';
import { practitionerOf } from './ical-feed.service.js';
import { AGENDA_MESSAGES as M } from './error-messages.js';
import type { NewWaitingListEntry } from './contract.js';

/**
 * The desk's side of the waiting list: patients who want an earlier slot, listed with the offers they were sent,
 * added and removed. The offers themselves (sending, accepting, declining) are in waiting-list.ts.
 */

export type EntryStatus = 'active' | 'satisfied' | 'removed';

/** A new entry: the route's body, validated (defaults applied). */
export type NewEntry = NewWaitingListEntry;

export async function listEntries(tx: Tx, practiceId: string, status: EntryStatus, id?: string) {
  let q = tx
    .selectFrom('waiting_list_entries as w')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'w.patient_id').onRef('p.practice_id', '=', 'w.practice_id'))
    .select(['w.id', 'w.patient_id', 'p.birth_name', 'p.used_name', 'p.first_name', 'w.practitioner_id', 'w.motif_id', 'w.current_appointment_id', 'w.earliest', 'w.latest', 'w.weekdays', 'w.time_of_day', 'w.note', 'w.status', 'w.created_at'])
    .where('w.practice_id', '=', practiceId)
    .orderBy('w.created_at')
    .limit(500);
  q = id ? q.where('w.id', '=', id) : q.where('w.status', '=', status);
  const rows = await q.execute();
  const offers = rows.length
    ? await tx.selectFrom('waiting_offers').select(['id', 'entry_id', 'starts_at', 'status', 'expires_at']).where('practice_id', '=', practiceId).where('entry_id', 'in', rows.map((r) => r.id)).orderBy('created_at').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    patientName: identityName(identityParts(r)),
    practitionerId: r.practitioner_id,
    motifId: r.motif_id,
    currentAppointmentId: r.current_appointment_id,
    earliest: r.earliest,
    latest: r.latest,
    weekdays: r.weekdays,
    timeOfDay: r.time_of_day,
    note: r.note,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    offers: offers.filter((o) => o.entry_id === r.id).map((o) => ({ id: o.id, start: new Date(o.starts_at).toISOString(), status: o.status, expiresAt: new Date(o.expires_at).toISOString() })),
  }));
}

/** Adds a patient to the list; every id named must be of this practice (422 otherwise). */
export async function addEntry(tx: Tx, ctx: { practiceId: string; accountId: string }, body: NewEntry) {
  const patient = await tx.selectFrom('patients').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', body.patientId).executeTakeFirst();
  if (!patient) throw new AppError('unprocessable', [{ field: 'patientId', message: M.unknownPatient }]);
  if (body.practitionerId) await practitionerOf(tx, ctx.practiceId, body.practitionerId).catch(() => { throw new AppError('unprocessable', [{ field: 'practitionerId', message: M.unknownPractitioner }]); });
  if (body.motifId && !(await tx.selectFrom('appointment_types').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', body.motifId).executeTakeFirst())) {
    throw new AppError('unprocessable', [{ field: 'motifId', message: M.unknownMotif }]);
  }
  if (body.currentAppointmentId) {
    const a = await tx.selectFrom('appointments').select(['patient_id']).where('practice_id', '=', ctx.practiceId).where('id', '=', body.currentAppointmentId).executeTakeFirst();
    if (!a || a.patient_id !== body.patientId) throw new AppError('unprocessable', [{ field: 'currentAppointmentId', message: M.notThisPatientsAppointment }]);
  }
  if (body.earliest && body.latest && body.latest < body.earliest) throw new AppError('validation_failed', [{ field: 'latest', message: M.latestBeforeEarliest }]);
  const row = await tx
    .insertInto('waiting_list_entries')
    .values({
      practice_id: ctx.practiceId, patient_id: body.patientId, practitioner_id: body.practitionerId ?? null, motif_id: body.motifId ?? null,
      current_appointment_id: body.currentAppointmentId ?? null, earliest: body.earliest ?? null, latest: body.latest ?? null,
      ...(body.weekdays ? { weekdays: [...new Set(body.weekdays)].sort() } : {}), time_of_day: body.timeOfDay, note: body.note ?? null, created_by: ctx.accountId, updated_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await listEntries(tx, ctx.practiceId, 'active', row.id))[0]!;
}

/** Removes an active entry; its pending offers are lost. */
export async function removeEntry(tx: Tx, practiceId: string, id: string): Promise<void> {
  const r = await tx.updateTable('waiting_list_entries').set({ status: 'removed', updated_at: clock.now() }).where('practice_id', '=', practiceId).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new AppError('not_found');
  await tx.updateTable('waiting_offers').set({ status: 'lost' }).where('practice_id', '=', practiceId).where('entry_id', '=', id).where('status', '=', 'pending').execute();
}
