import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { RequestContext } from '../platform/http/context.js';
import { changeStatus } from '../agenda/index.js';
import { practiceSettings } from '../agenda/index.js';
import { iso, serviceDateOf } from './days.js';
import { nextPatient } from './rules.js';
import type { ChecklistItemKey } from './schema.js';
import { clock } from '../platform/clock.js';
import { RECEPTION_MESSAGES as M } from './error-messages.js';

/**
 * Visits: check-in, walk-ins, calls, consultations. Appointment status changes always go through the agenda's
 * `changeStatus` (state machine, history, audit), so FHIR `Appointment?status=arrived` lists the waiting room.
 */
async function nextTicket(tx: Tx, practiceId: string, date: string): Promise<number> {
  const r = await tx
    .insertInto('reception_ticket_counters')
    .values({ practice_id: practiceId, service_date: date, last_number: 1 })
    .onConflict((oc) => oc.columns(['practice_id', 'service_date']).doUpdateSet({ last_number: sql`reception_ticket_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return r.last_number;
}

export async function storeTicks(tx: Tx, ctx: RequestContext, visitId: string, items: readonly ChecklistItemKey[], now: Date) {
  if (!items.length) return;
  await tx
    .insertInto('reception_checklist_ticks')
    .values([...new Set(items)].map((item) => ({ practice_id: ctx.practiceId, visit_id: visitId, item, ticked_by: ctx.accountId, ticked_at: now, note: null })))
    .onConflict((oc) => oc.columns(['visit_id', 'item']).doNothing())
    .execute();
}

export const visitNotFound = () => new AppError('not_found', undefined, { fr: 'Passage introuvable dans ce cabinet.', en: 'Visit not found in this practice.' });

export async function lockVisit(tx: Tx, practiceId: string, id: string) {
  const v = await tx.selectFrom('reception_visits').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!v) throw visitNotFound();
  return v;
}

export type VisitRow = Awaited<ReturnType<typeof lockVisit>>;

export function visitDto(v: VisitRow) {
  return {
    id: v.id,
    appointmentId: v.appointment_id,
    patientId: v.patient_id,
    practitionerId: v.practitioner_id,
    kind: v.kind,
    urgent: v.urgent,
    urgentReason: v.urgent_reason,
    ticketNumber: v.ticket_number,
    serviceDate: v.service_date,
    status: v.status,
    arrivedAt: iso(v.arrived_at)!,
    calledAt: iso(v.called_at),
    calledTo: v.called_to,
    startedAt: iso(v.started_at),
    endedAt: iso(v.ended_at),
    leftAt: iso(v.left_at),
  };
}
export type VisitDto = ReturnType<typeof visitDto>;

/**
 * Check-in: the appointment becomes `arrived` (agenda state machine) and a visit with today's next ticket
 * number is created, with the checklist items ticked in the dialog. Only today's appointments.
 */
export async function checkIn(tx: Tx, ctx: RequestContext, input: { appointmentId: string; ticks?: ChecklistItemKey[] | undefined; urgent?: boolean | undefined; urgentReason?: string | null | undefined }, now = clock.now()): Promise<VisitDto> {
  const appt = await tx.selectFrom('appointments').select(['id', 'status', 'starts_at', 'patient_id', 'practitioner_id']).where('practice_id', '=', ctx.practiceId).where('id', '=', input.appointmentId).executeTakeFirst();
  if (!appt) throw new AppError('not_found', undefined, { fr: 'Rendez-vous introuvable dans ce cabinet.', en: 'Appointment not found in this practice.' });
  const { timeZone } = await practiceSettings(tx, ctx.practiceId);
  const date = serviceDateOf(now, timeZone);
  if (serviceDateOf(new Date(appt.starts_at), timeZone) !== date) {
    throw new AppError('unprocessable', [{ field: 'appointmentId', message: M.notToday }], { fr: 'Ce rendez-vous n’est pas aujourd’hui : l’arrivée ne s’enregistre que le jour du rendez-vous.', en: 'This appointment is not today.' });
  }
  const existing = await tx.selectFrom('reception_visits').select('id').where('appointment_id', '=', appt.id).executeTakeFirst();
  if (existing) throw new AppError('conflict', { visitId: existing.id }, { fr: 'Ce patient est déjà enregistré comme arrivé.', en: 'This patient is already checked in.' });
  if (appt.status !== 'arrived') await changeStatus(tx, { ...ctx, now }, appt.id, 'arrived', { channel: 'desk' });
  const ticket = await nextTicket(tx, ctx.practiceId, date);
  const v = await tx
    .insertInto('reception_visits')
    .values({
      practice_id: ctx.practiceId, appointment_id: appt.id, patient_id: appt.patient_id, practitioner_id: appt.practitioner_id, kind: 'appointment',
      urgent: input.urgent ?? false, urgent_reason: input.urgent ? (input.urgentReason?.trim() || null) : null,
      ticket_number: ticket, service_date: date, waiting_room_id: null, arrived_at: now, created_by: ctx.accountId, note: null, updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await storeTicks(tx, ctx, v.id, input.ticks ?? [], now);
  return visitDto(v);
}

/** A walk-in (no appointment): an existing patient, or one just created with a provisional identity. */
export async function addWalkIn(tx: Tx, ctx: RequestContext, input: { patientId: string; practitionerId: string | null; urgent: boolean; urgentReason?: string | null | undefined; note?: string | null | undefined }, now = clock.now()): Promise<VisitDto> {
  const patient = await tx.selectFrom('patients').select(['id', 'merged_into_id']).where('practice_id', '=', ctx.practiceId).where('id', '=', input.patientId).executeTakeFirst();
  if (!patient) throw new AppError('not_found', undefined, { fr: 'Patient introuvable dans ce cabinet.', en: 'Patient not found in this practice.' });
  if (patient.merged_into_id) throw new AppError('conflict', { mergedIntoId: patient.merged_into_id }, { fr: 'Ce dossier a été fusionné : choisissez le dossier conservé.', en: 'This record was merged: pick the surviving one.' });
  if (input.practitionerId) await requirePractitioner(tx, ctx.practiceId, input.practitionerId);
  const { timeZone } = await practiceSettings(tx, ctx.practiceId);
  const date = serviceDateOf(now, timeZone);
  const already = await tx.selectFrom('reception_visits').select('id').where('practice_id', '=', ctx.practiceId).where('patient_id', '=', input.patientId).where('service_date', '=', date).where('status', 'in', ['waiting', 'called', 'in_consultation']).executeTakeFirst();
  if (already) throw new AppError('conflict', { visitId: already.id }, { fr: 'Ce patient est déjà en salle d’attente ou en consultation.', en: 'This patient is already waiting or in consultation.' });
  const ticket = await nextTicket(tx, ctx.practiceId, date);
  const v = await tx
    .insertInto('reception_visits')
    .values({
      practice_id: ctx.practiceId, appointment_id: null, patient_id: input.patientId, practitioner_id: input.practitionerId, kind: 'walk_in',
      urgent: input.urgent, urgent_reason: input.urgent ? (input.urgentReason?.trim() || null) : null,
      ticket_number: ticket, service_date: date, waiting_room_id: null, arrived_at: now, created_by: ctx.accountId, note: input.note?.trim() || null, updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return visitDto(v);
}

/**
 * The practitioner, within the practice. Named in the URL (`/practitioners/:id/…`), an unknown one is the resource
 * the request acts on: 404, like any other id that is not the practice's. Chosen in a form, it is a wrong field: 422.
 */
export async function requirePractitioner(tx: Tx, practiceId: string, id: string, from: 'path' | 'body' = 'body') {
  const p = await tx.selectFrom('practitioners').select(['id', 'display_name']).where('practice_id', '=', practiceId).where('id', '=', id).where('active', '=', true).executeTakeFirst();
  const message = { fr: 'Praticien inconnu dans ce cabinet.', en: 'Unknown practitioner in this practice.' };
  if (!p && from === 'path') throw new AppError('not_found', undefined, message);
  if (!p) throw new AppError('unprocessable', [{ field: 'practitionerId', message }], message);
  return p;
}

export async function setUrgent(tx: Tx, ctx: RequestContext, id: string, urgent: boolean, reason: string | null | undefined, now = clock.now()): Promise<VisitDto> {
  const v = await lockVisit(tx, ctx.practiceId, id);
  if (v.status === 'done' || v.status === 'left') throw new AppError('unprocessable', undefined, { fr: 'Ce passage est terminé.', en: 'This visit is over.' });
  const row = await tx.updateTable('reception_visits').set({ urgent, urgent_reason: urgent ? (reason?.trim() || null) : null, updated_at: now }).where('id', '=', id).where('practice_id', '=', ctx.practiceId).returningAll().executeTakeFirstOrThrow();
  return visitDto(row);
}

/** Where a call sends the patient (board): the room of the practitioner's hours today, else their name. */
async function defaultCallTarget(tx: Tx, practiceId: string, practitionerId: string, now: Date, timeZone: string): Promise<string> {
  const weekday = DateTime.fromJSDate(now, { zone: timeZone }).weekday;
  const room = await tx
    .selectFrom('opening_hours as h')
    .innerJoin('rooms as r', (j) => j.onRef('r.id', '=', 'h.room_id').onRef('r.practice_id', '=', 'h.practice_id'))
    .select('r.name')
    .where('h.practice_id', '=', practiceId)
    .where('h.practitioner_id', '=', practitionerId)
    .where('h.weekday', '=', weekday)
    .executeTakeFirst();
  if (room) return room.name.slice(0, 60);
  const p = await tx.selectFrom('practitioners').select('display_name').where('practice_id', '=', practiceId).where('id', '=', practitionerId).executeTakeFirstOrThrow();
  return p.display_name.slice(0, 60);
}

/** Calls a waiting (or already called) patient to a practitioner; a « first free » walk-in is assigned. */
export async function callVisit(tx: Tx, ctx: RequestContext, id: string, opts: { practitionerId?: string | undefined; calledTo?: string | null | undefined }, now = clock.now()): Promise<VisitDto> {
  const v = await lockVisit(tx, ctx.practiceId, id);
  if (v.status !== 'waiting' && v.status !== 'called') throw new AppError('unprocessable', undefined, { fr: 'Ce patient n’est pas en salle d’attente.', en: 'This patient is not in the waiting room.' });
  const practitionerId = v.practitioner_id ?? opts.practitionerId ?? (await practitionerOfAccount(tx, ctx));
  if (!practitionerId) throw new AppError('unprocessable', [{ field: 'practitionerId', message: M.practitionerRequired }], { fr: 'Choisissez le praticien qui reçoit ce patient.', en: 'Choose the practitioner who sees this patient.' });
  if (!v.practitioner_id) await requirePractitioner(tx, ctx.practiceId, practitionerId);
  const { timeZone } = await practiceSettings(tx, ctx.practiceId);
  const calledTo = opts.calledTo?.trim() || (await defaultCallTarget(tx, ctx.practiceId, practitionerId, now, timeZone));
  const row = await tx
    .updateTable('reception_visits')
    .set({ status: 'called', practitioner_id: practitionerId, called_at: now, called_to: calledTo, call_count: v.call_count + 1, updated_at: now })
    .where('id', '=', id)
    .where('practice_id', '=', ctx.practiceId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return visitDto(row);
}

async function practitionerOfAccount(tx: Tx, ctx: RequestContext): Promise<string | undefined> {
  const p = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', ctx.practiceId).where('account_id', '=', ctx.accountId).executeTakeFirst();
  return p?.id;
}

/** « Appeler le patient suivant »: urgent first, then by due time (rules.ts). Null when nobody waits. */
export async function callNext(tx: Tx, ctx: RequestContext, practitionerId: string, calledTo: string | null | undefined, now = clock.now()): Promise<VisitDto | null> {
  await requirePractitioner(tx, ctx.practiceId, practitionerId, 'path');
  const { timeZone } = await practiceSettings(tx, ctx.practiceId);
  const date = serviceDateOf(now, timeZone);
  const waiting = await tx
    .selectFrom('reception_visits as v')
    .leftJoin('appointments as a', (j) => j.onRef('a.id', '=', 'v.appointment_id').onRef('a.practice_id', '=', 'v.practice_id'))
    .select(['v.id', 'v.urgent', 'v.arrived_at', 'v.ticket_number', 'a.starts_at'])
    .where('v.practice_id', '=', ctx.practiceId)
    .where('v.service_date', '=', date)
    .where('v.status', '=', 'waiting')
    .where((eb) => eb.or([eb('v.practitioner_id', '=', practitionerId), eb('v.practitioner_id', 'is', null)]))
    .execute();
  const next = nextPatient(waiting.map((w) => ({ id: w.id, urgent: w.urgent, arrivedAt: new Date(w.arrived_at), scheduledStart: w.starts_at ? new Date(w.starts_at) : null, ticketNumber: w.ticket_number })));
  if (!next) return null;
  return callVisit(tx, ctx, next.id, { practitionerId, calledTo }, now);
}

/** The consultation starts: visit in consultation, appointment `in_consultation` (agenda). */
export async function startConsultation(tx: Tx, ctx: RequestContext, id: string, now = clock.now()): Promise<VisitDto> {
  const v = await lockVisit(tx, ctx.practiceId, id);
  if (v.status !== 'waiting' && v.status !== 'called') throw new AppError('unprocessable', undefined, { fr: 'Ce patient n’est pas en salle d’attente.', en: 'This patient is not in the waiting room.' });
  const practitionerId = v.practitioner_id ?? (await practitionerOfAccount(tx, ctx));
  if (!practitionerId) throw new AppError('unprocessable', [{ field: 'practitionerId', message: M.practitionerRequired }], { fr: 'Appelez d’abord ce patient vers un praticien.', en: 'Call this patient to a practitioner first.' });
  if (v.appointment_id) {
    const a = await tx.selectFrom('appointments').select('status').where('id', '=', v.appointment_id).executeTakeFirstOrThrow();
    if (a.status === 'arrived') await changeStatus(tx, { ...ctx, now }, v.appointment_id, 'in_consultation', { channel: 'desk' });
  }
  const row = await tx.updateTable('reception_visits').set({ status: 'in_consultation', practitioner_id: practitionerId, started_at: now, updated_at: now }).where('id', '=', id).where('practice_id', '=', ctx.practiceId).returningAll().executeTakeFirstOrThrow();
  return visitDto(row);
}

/** The consultation ends: visit done, appointment `done` (also for a patient seen before the booked time). */
export async function endConsultation(tx: Tx, ctx: RequestContext, id: string, now = clock.now()): Promise<VisitDto> {
  const v = await lockVisit(tx, ctx.practiceId, id);
  if (v.status !== 'in_consultation') throw new AppError('unprocessable', undefined, { fr: 'Aucune consultation en cours pour ce patient.', en: 'No consultation in progress for this patient.' });
  if (v.appointment_id) {
    const a = await tx.selectFrom('appointments').select(['status']).where('id', '=', v.appointment_id).executeTakeFirstOrThrow();
    if (a.status === 'in_consultation') await changeStatus(tx, { ...ctx, now }, v.appointment_id, 'done', { channel: 'desk' });
  }
  const row = await tx.updateTable('reception_visits').set({ status: 'done', ended_at: now, updated_at: now }).where('id', '=', id).where('practice_id', '=', ctx.practiceId).returningAll().executeTakeFirstOrThrow();
  return visitDto(row);
}

/** Left without being seen: the appointment is cancelled by the patient (its time is freed) with that reason. */
export async function markLeft(tx: Tx, ctx: RequestContext, id: string, now = clock.now()): Promise<VisitDto> {
  const v = await lockVisit(tx, ctx.practiceId, id);
  if (v.status !== 'waiting' && v.status !== 'called') throw new AppError('unprocessable', undefined, { fr: 'Seul un patient en salle d’attente peut partir sans être vu.', en: 'Only a waiting patient can leave without being seen.' });
  if (v.appointment_id) {
    const a = await tx.selectFrom('appointments').select('status').where('id', '=', v.appointment_id).executeTakeFirstOrThrow();
    if (a.status === 'arrived') await changeStatus(tx, { ...ctx, now }, v.appointment_id, 'cancelled_by_patient', { channel: 'desk', reason: 'Parti sans être vu (salle d’attente)' });
  }
  const row = await tx.updateTable('reception_visits').set({ status: 'left', called_at: null, called_to: null, left_at: now, updated_at: now }).where('id', '=', id).where('practice_id', '=', ctx.practiceId).returningAll().executeTakeFirstOrThrow();
  return visitDto(row);
}

/** The secretary records a no-show (suggested by the screen after the grace period). */
export async function markNoShow(tx: Tx, ctx: RequestContext, appointmentId: string, now = clock.now()) {
  const visit = await tx.selectFrom('reception_visits').select('id').where('appointment_id', '=', appointmentId).where('practice_id', '=', ctx.practiceId).executeTakeFirst();
  if (visit) throw new AppError('conflict', undefined, { fr: 'Ce patient est arrivé : il ne peut pas être marqué absent.', en: 'This patient has arrived: not a no-show.' });
  const row = await changeStatus(tx, { ...ctx, now }, appointmentId, 'no_show', { channel: 'desk' });
  return { appointmentId: row.id, patientId: row.patient_id, status: row.status };
}
