import crypto from 'node:crypto';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { RequestContext } from '../platform/http/context.js';
import { changeStatus } from '../agenda/index.js';
import { practiceSettings } from '../agenda/calendar.js';
import { allowedChannels, toE164 } from '../agenda/notifications.js';
import { langOf } from '../agenda/messages.js';
import type { SendPayload } from '../agenda/outgoing.js';
import { enqueue } from '../jobs/index.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { accessibilityFlags } from '../patients/administrative/rights.js';
import type { Accessibility, Amc, Amo, Gp } from '../patients/administrative/sections.js';
import { buildChecklist, missingItems, type ChecklistItem } from './checklist.js';
import { renderDelayMessage } from './messages.js';
import { averageWaitMinutes, boardLabel, expectedDelay, expectedState, sortQueue, nextPatient, type Delay } from './rules.js';
import type { BoardDisplay, ChecklistItemKey, VisitStatus } from './schema.js';
import './schema.js';
import { clock } from '../platform/clock.js';
import { identityName, identityParts } from '../patients/identity/display.js';

/**
 * The reception desk's service: the day's list, check-in, walk-ins, calls, consultations, delays and the
 * waiting-room board. Appointment status changes always go through the agenda's `changeStatus` (state
 * machine, history, audit), so FHIR `Appointment?status=arrived` lists the waiting room.
 */
export interface ReceptionSettings {
  lateGraceMinutes: number;
  noShowGraceMinutes: number;
  boardDisplay: BoardDisplay;
  boardShowAverageWait: boolean;
  boardLinkActive: boolean;
  boardLinkCreatedAt: string | null;
}

export const DEFAULT_RECEPTION_SETTINGS = { lateGraceMinutes: 10, noShowGraceMinutes: 30, boardDisplay: 'ticket' as BoardDisplay, boardShowAverageWait: false };

export async function receptionSettings(db: Db | Tx, practiceId: string): Promise<ReceptionSettings> {
  const r = await db.selectFrom('reception_settings').selectAll().where('practice_id', '=', practiceId).executeTakeFirst();
  if (!r) return { ...DEFAULT_RECEPTION_SETTINGS, boardLinkActive: false, boardLinkCreatedAt: null };
  return {
    lateGraceMinutes: r.late_grace_minutes,
    noShowGraceMinutes: r.no_show_grace_minutes,
    boardDisplay: r.board_display,
    boardShowAverageWait: r.board_show_average_wait,
    boardLinkActive: r.board_token_hash !== null,
    boardLinkCreatedAt: r.board_token_created_at ? new Date(r.board_token_created_at).toISOString() : null,
  };
}

export async function saveReceptionSettings(tx: Tx, practiceId: string, s: Omit<ReceptionSettings, 'boardLinkActive' | 'boardLinkCreatedAt'>): Promise<ReceptionSettings> {
  if (s.noShowGraceMinutes <= s.lateGraceMinutes) {
    throw new AppError('validation_failed', [{ field: 'noShowGraceMinutes', message: 'Le délai d’absence doit dépasser le délai de retard.' }], {
      fr: 'Le délai avant de proposer « absent » doit être plus long que le délai avant « en retard ».',
      en: 'The no-show delay must be longer than the late delay.',
    });
  }
  const values = {
    late_grace_minutes: s.lateGraceMinutes,
    no_show_grace_minutes: s.noShowGraceMinutes,
    board_display: s.boardDisplay,
    board_show_average_wait: s.boardShowAverageWait,
    updated_at: clock.now(),
  };
  await tx.insertInto('reception_settings').values({ practice_id: practiceId, ...values }).onConflict((oc) => oc.column('practice_id').doUpdateSet(values)).execute();
  return receptionSettings(tx, practiceId);
}

/** A new secret board link (the previous one stops working). The token is shown once; only its hash is kept. */
export async function createBoardLink(tx: Tx, practiceId: string): Promise<{ token: string; path: string }> {
  const { token, hash } = newToken(24);
  const now = clock.now();
  await tx
    .insertInto('reception_settings')
    .values({ practice_id: practiceId, board_token_hash: hash, board_token_created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('practice_id').doUpdateSet({ board_token_hash: hash, board_token_created_at: now, updated_at: now }))
    .execute();
  return { token, path: `/#/salle-attente/${token}` };
}

export async function revokeBoardLink(tx: Tx, practiceId: string): Promise<void> {
  await tx.updateTable('reception_settings').set({ board_token_hash: null, board_token_created_at: null, updated_at: clock.now() }).where('practice_id', '=', practiceId).execute();
}

/** The practice of a board token, or undefined (unknown or revoked token). */
export async function practiceForBoardToken(db: Db | Tx, token: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
  const r = await db.selectFrom('reception_settings').select('practice_id').where('board_token_hash', '=', hashToken(token)).executeTakeFirst();
  return r?.practice_id;
}

// ---------- days ----------

export function serviceDateOf(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}

function dayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

// ---------- the day ----------

export type RowState = 'expected' | 'late' | 'no_show_suggested' | 'no_show' | VisitStatus;

export interface DeskPatient {
  id: string;
  name: string;
  birthName: string;
  usedName: string | null;
  firstName: string;
  birthDate: string;
  sex: string;
  identityStatus: string;
  accessibilityNeeds: string[];
  accessibilityNotes: string | null;
  interpreterLanguage: string | null;
  preferredLanguage: string;
}

export interface DeskRow {
  key: string;
  visitId: string | null;
  appointmentId: string | null;
  appointmentStatus: string | null;
  kind: 'appointment' | 'walk_in';
  patient: DeskPatient;
  practitionerId: string | null;
  practitionerName: string | null;
  motifName: string | null;
  scheduledStart: string | null;
  scheduledEnd: string | null;
  state: RowState;
  urgent: boolean;
  urgentReason: string | null;
  ticketNumber: number | null;
  arrivedAt: string | null;
  calledAt: string | null;
  calledTo: string | null;
  startedAt: string | null;
  endedAt: string | null;
  leftAt: string | null;
  waitingMinutes: number | null;
  missing: ChecklistItemKey[];
  /** Rank in the practitioner's waiting queue (1 = next), for waiting and called visits. */
  queueRank: number | null;
}

export interface PractitionerDay {
  id: string;
  name: string;
  accountId: string | null;
  delay: Delay;
  waiting: number;
  inConsultation: boolean;
}

interface PatientCols {
  patient_id: string;
  birth_name: string;
  used_name: string | null;
  first_name: string;
  birth_date: string;
  sex: string;
  identity_status: string;
  accessibility: unknown;
  preferred_language: string;
  amo: unknown;
  amc: unknown;
  gp: unknown;
}

function deskPatient(p: PatientCols): DeskPatient {
  const a = p.accessibility as Accessibility | null;
  return {
    id: p.patient_id,
    name: identityName(identityParts(p)),
    birthName: p.birth_name,
    usedName: p.used_name,
    firstName: p.first_name,
    birthDate: p.birth_date,
    sex: p.sex,
    identityStatus: p.identity_status,
    accessibilityNeeds: accessibilityFlags(a),
    accessibilityNotes: a?.notes ?? null,
    interpreterLanguage: a?.interpreter ? (a.interpreterLanguage ?? null) : null,
    preferredLanguage: p.preferred_language,
  };
}

function checklistFor(p: PatientCols, motifDocuments: string | null, today: string, ticks: ChecklistTicks): ChecklistItem[] {
  return buildChecklist({
    today,
    identityStatus: p.identity_status as 'provisoire',
    birthDate: p.birth_date,
    amo: p.amo as Amo | null,
    amc: p.amc as Amc | null,
    gp: p.gp as Gp | null,
    motifDocuments,
    ticks,
  });
}

type ChecklistTicks = Partial<Record<ChecklistItemKey, { at: string; by: string | null }>>;

const patientSelect = [
  'p.id as patient_id', 'p.birth_name', 'p.used_name', 'p.first_name', 'p.birth_date', 'p.sex', 'p.identity_status', 'p.accessibility',
  'p.preferred_language', 'p.amo', 'p.amc', 'p.gp',
] as const;

async function ticksOf(tx: Tx | Db, practiceId: string, visitIds: string[]): Promise<Map<string, ChecklistTicks>> {
  const out = new Map<string, ChecklistTicks>();
  if (!visitIds.length) return out;
  const rows = await tx.selectFrom('reception_checklist_ticks').selectAll().where('practice_id', '=', practiceId).where('visit_id', 'in', visitIds).execute();
  for (const r of rows) {
    const m = out.get(r.visit_id) ?? {};
    m[r.item] = { at: new Date(r.ticked_at).toISOString(), by: r.ticked_by };
    out.set(r.visit_id, m);
  }
  return out;
}

export interface DayView {
  date: string;
  timeZone: string;
  now: string;
  settings: ReceptionSettings;
  practitioners: PractitionerDay[];
  rows: DeskRow[];
}

/** Everything the desk shows for a day: expected patients, arrivals, walk-ins, per practitioner, with delays. */
export async function dayView(tx: Tx | Db, practiceId: string, now: Date): Promise<DayView> {
  const { timeZone } = await practiceSettings(tx as Tx, practiceId);
  const settings = await receptionSettings(tx, practiceId);
  const date = serviceDateOf(now, timeZone);
  const { from, to } = dayBounds(date, timeZone);

  const appts = await tx
    .selectFrom('appointments as a')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'a.patient_id').onRef('p.practice_id', '=', 'a.practice_id'))
    .innerJoin('practitioners as pr', (j) => j.onRef('pr.id', '=', 'a.practitioner_id').onRef('pr.practice_id', '=', 'a.practice_id'))
    .leftJoin('appointment_types as t', (j) => j.onRef('t.id', '=', 'a.appointment_type_id').onRef('t.practice_id', '=', 'a.practice_id'))
    .leftJoin('reception_visits as v', (j) => j.onRef('v.appointment_id', '=', 'a.id').onRef('v.practice_id', '=', 'a.practice_id'))
    .select([...patientSelect, 'a.id as appointment_id', 'a.status as appointment_status', 'a.starts_at', 'a.ends_at', 'a.practitioner_id', 'pr.display_name as practitioner_name', 't.name as motif_name', 't.documents_to_bring'])
    .select(['v.id as visit_id', 'v.status as visit_status', 'v.urgent', 'v.urgent_reason', 'v.ticket_number', 'v.arrived_at', 'v.called_at', 'v.called_to', 'v.started_at', 'v.ended_at', 'v.left_at'])
    .where('a.practice_id', '=', practiceId)
    .where('a.starts_at', '>=', from)
    .where('a.starts_at', '<', to)
    .where('a.status', 'not in', ['cancelled_by_patient', 'cancelled_by_practice'])
    .orderBy('a.starts_at')
    .execute();
  // Visits of the day left without being seen keep their (cancelled) appointment: show them too.
  const leftAppts = await tx
    .selectFrom('reception_visits as v')
    .innerJoin('appointments as a', (j) => j.onRef('a.id', '=', 'v.appointment_id').onRef('a.practice_id', '=', 'v.practice_id'))
    .select('a.id')
    .where('v.practice_id', '=', practiceId)
    .where('v.service_date', '=', date)
    .where('a.status', 'in', ['cancelled_by_patient', 'cancelled_by_practice'])
    .execute();
  const extra = leftAppts.length
    ? await tx
        .selectFrom('appointments as a')
        .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'a.patient_id').onRef('p.practice_id', '=', 'a.practice_id'))
        .innerJoin('practitioners as pr', (j) => j.onRef('pr.id', '=', 'a.practitioner_id').onRef('pr.practice_id', '=', 'a.practice_id'))
        .leftJoin('appointment_types as t', (j) => j.onRef('t.id', '=', 'a.appointment_type_id').onRef('t.practice_id', '=', 'a.practice_id'))
        .innerJoin('reception_visits as v', (j) => j.onRef('v.appointment_id', '=', 'a.id').onRef('v.practice_id', '=', 'a.practice_id'))
        .select([...patientSelect, 'a.id as appointment_id', 'a.status as appointment_status', 'a.starts_at', 'a.ends_at', 'a.practitioner_id', 'pr.display_name as practitioner_name', 't.name as motif_name', 't.documents_to_bring'])
        .select(['v.id as visit_id', 'v.status as visit_status', 'v.urgent', 'v.urgent_reason', 'v.ticket_number', 'v.arrived_at', 'v.called_at', 'v.called_to', 'v.started_at', 'v.ended_at', 'v.left_at'])
        .where('a.practice_id', '=', practiceId)
        .where('a.id', 'in', leftAppts.map((r) => r.id))
        .execute()
    : [];
  const walkIns = await tx
    .selectFrom('reception_visits as v')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'v.patient_id').onRef('p.practice_id', '=', 'v.practice_id'))
    .leftJoin('practitioners as pr', (j) => j.onRef('pr.id', '=', 'v.practitioner_id').onRef('pr.practice_id', '=', 'v.practice_id'))
    .select([...patientSelect, 'v.practitioner_id', 'pr.display_name as practitioner_name'])
    .select(['v.id as visit_id', 'v.status as visit_status', 'v.urgent', 'v.urgent_reason', 'v.ticket_number', 'v.arrived_at', 'v.called_at', 'v.called_to', 'v.started_at', 'v.ended_at', 'v.left_at'])
    .where('v.practice_id', '=', practiceId)
    .where('v.service_date', '=', date)
    .where('v.kind', '=', 'walk_in')
    .execute();
  const practitioners = await tx
    .selectFrom('practitioners')
    .select(['id', 'display_name', 'account_id'])
    .where('practice_id', '=', practiceId)
    .where('active', '=', true)
    .orderBy('display_name')
    .execute();
  const declared = await tx.selectFrom('reception_declared_delays').select(['practitioner_id', 'minutes']).where('practice_id', '=', practiceId).where('service_date', '=', date).execute();

  const visitIds = [...appts, ...extra, ...walkIns].map((r) => r.visit_id).filter((x): x is string => !!x);
  const ticks = await ticksOf(tx, practiceId, visitIds);
  const waitMinutes = (arrived: Date | null, seen: Date | null) => (arrived ? Math.max(0, Math.floor(((seen ?? now).getTime() - new Date(arrived).getTime()) / 60_000)) : null);

  const rows: DeskRow[] = [];
  for (const r of [...appts, ...extra]) {
    const visit = r.visit_id !== null;
    let state: RowState;
    if (visit) state = r.visit_status as VisitStatus;
    else if (r.appointment_status === 'no_show') state = 'no_show';
    else if (r.appointment_status === 'done') state = 'done';
    else if (r.appointment_status === 'in_consultation') state = 'in_consultation';
    else if (r.appointment_status === 'arrived') state = 'waiting';
    else state = expectedState(new Date(r.starts_at), now, settings);
    const items = checklistFor(r, r.documents_to_bring, date, visit ? (ticks.get(r.visit_id!) ?? {}) : {});
    rows.push({
      key: r.visit_id ?? r.appointment_id,
      visitId: r.visit_id,
      appointmentId: r.appointment_id,
      appointmentStatus: r.appointment_status,
      kind: 'appointment',
      patient: deskPatient(r),
      practitionerId: r.practitioner_id,
      practitionerName: r.practitioner_name,
      motifName: r.motif_name,
      scheduledStart: iso(r.starts_at),
      scheduledEnd: iso(r.ends_at),
      state,
      urgent: r.urgent ?? false,
      urgentReason: r.urgent_reason ?? null,
      ticketNumber: r.ticket_number ?? null,
      arrivedAt: iso(r.arrived_at),
      calledAt: iso(r.called_at),
      calledTo: r.called_to ?? null,
      startedAt: iso(r.started_at),
      endedAt: iso(r.ended_at),
      leftAt: iso(r.left_at),
      waitingMinutes: waitMinutes(r.arrived_at ? new Date(r.arrived_at) : null, r.called_at ? new Date(r.called_at) : r.started_at ? new Date(r.started_at) : r.left_at ? new Date(r.left_at) : null),
      missing: missingItems(items).map((i) => i.key),
      queueRank: null,
    });
  }
  for (const r of walkIns) {
    const items = checklistFor(r, null, date, ticks.get(r.visit_id) ?? {});
    rows.push({
      key: r.visit_id,
      visitId: r.visit_id,
      appointmentId: null,
      appointmentStatus: null,
      kind: 'walk_in',
      patient: deskPatient(r),
      practitionerId: r.practitioner_id,
      practitionerName: r.practitioner_name,
      motifName: null,
      scheduledStart: null,
      scheduledEnd: null,
      state: r.visit_status,
      urgent: r.urgent,
      urgentReason: r.urgent_reason,
      ticketNumber: r.ticket_number,
      arrivedAt: iso(r.arrived_at),
      calledAt: iso(r.called_at),
      calledTo: r.called_to,
      startedAt: iso(r.started_at),
      endedAt: iso(r.ended_at),
      leftAt: iso(r.left_at),
      waitingMinutes: waitMinutes(new Date(r.arrived_at), r.called_at ? new Date(r.called_at) : r.started_at ? new Date(r.started_at) : r.left_at ? new Date(r.left_at) : null),
      missing: missingItems(items).map((i) => i.key),
      queueRank: null,
    });
  }

  // Queue ranks per practitioner (a « first free » walk-in is in every queue; its rank is in the shared one).
  const queueOf = (practitionerId: string | null) =>
    sortQueue(rows.filter((r) => r.visitId && r.state === 'waiting' && (practitionerId === null ? r.practitionerId === null : r.practitionerId === practitionerId || r.practitionerId === null)).map(queueEntry));
  for (const pid of [null, ...practitioners.map((p) => p.id)]) {
    queueOf(pid).forEach((e, i) => {
      const row = e.row;
      if (row.practitionerId === pid) row.queueRank = i + 1;
    });
  }

  const days: PractitionerDay[] = practitioners.map((p) => {
    const mine = rows.filter((r) => r.practitionerId === p.id);
    const d = declared.find((x) => x.practitioner_id === p.id);
    const delay = expectedDelay({
      now,
      declaredMinutes: d?.minutes ?? null,
      started: mine.filter((r) => r.startedAt && r.scheduledStart).map((r) => ({ scheduledStart: new Date(r.scheduledStart!), scheduledEnd: new Date(r.scheduledEnd!), startedAt: new Date(r.startedAt!), endedAt: r.endedAt ? new Date(r.endedAt) : null })),
      upcoming: mine.filter((r) => r.scheduledStart && !r.startedAt && ['expected', 'late', 'waiting', 'called'].includes(r.state)).map((r) => new Date(r.scheduledStart!)),
    });
    return { id: p.id, name: p.display_name, accountId: p.account_id, delay, waiting: queueOf(p.id).length, inConsultation: mine.some((r) => r.state === 'in_consultation') };
  });

  rows.sort((a, b) => Number(b.urgent && isActiveState(b.state)) - Number(a.urgent && isActiveState(a.state)) || (a.scheduledStart ?? a.arrivedAt ?? '').localeCompare(b.scheduledStart ?? b.arrivedAt ?? ''));
  return { date, timeZone, now: now.toISOString(), settings, practitioners: days, rows };
}

const isActiveState = (s: RowState) => s === 'waiting' || s === 'called' || s === 'in_consultation';

function queueEntry(r: DeskRow) {
  return { id: r.visitId!, urgent: r.urgent, arrivedAt: new Date(r.arrivedAt!), scheduledStart: r.scheduledStart ? new Date(r.scheduledStart) : null, ticketNumber: r.ticketNumber ?? 0, row: r };
}

// ---------- visits ----------

async function nextTicket(tx: Tx, practiceId: string, date: string): Promise<number> {
  const r = await tx
    .insertInto('reception_ticket_counters')
    .values({ practice_id: practiceId, service_date: date, last_number: 1 })
    .onConflict((oc) => oc.columns(['practice_id', 'service_date']).doUpdateSet({ last_number: sql`reception_ticket_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return r.last_number;
}

async function storeTicks(tx: Tx, ctx: RequestContext, visitId: string, items: readonly ChecklistItemKey[], now: Date) {
  if (!items.length) return;
  await tx
    .insertInto('reception_checklist_ticks')
    .values([...new Set(items)].map((item) => ({ practice_id: ctx.practiceId, visit_id: visitId, item, ticked_by: ctx.accountId, ticked_at: now, note: null })))
    .onConflict((oc) => oc.columns(['visit_id', 'item']).doNothing())
    .execute();
}

const visitNotFound = () => new AppError('not_found', undefined, { fr: 'Passage introuvable dans ce cabinet.', en: 'Visit not found in this practice.' });

async function lockVisit(tx: Tx, practiceId: string, id: string) {
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
    throw new AppError('unprocessable', [{ field: 'appointmentId', message: 'Ce rendez-vous n’est pas aujourd’hui.' }], { fr: 'Ce rendez-vous n’est pas aujourd’hui : l’arrivée ne s’enregistre que le jour du rendez-vous.', en: 'This appointment is not today.' });
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
async function requirePractitioner(tx: Tx, practiceId: string, id: string, from: 'path' | 'body' = 'body') {
  const p = await tx.selectFrom('practitioners').select(['id', 'display_name']).where('practice_id', '=', practiceId).where('id', '=', id).where('active', '=', true).executeTakeFirst();
  const message = { fr: 'Praticien inconnu dans ce cabinet.', en: 'Unknown practitioner in this practice.' };
  if (!p && from === 'path') throw new AppError('not_found', undefined, message);
  if (!p) throw new AppError('unprocessable', [{ field: 'practitionerId', message: message.fr }], message);
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
  if (!practitionerId) throw new AppError('unprocessable', [{ field: 'practitionerId', message: 'Praticien requis' }], { fr: 'Choisissez le praticien qui reçoit ce patient.', en: 'Choose the practitioner who sees this patient.' });
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
  if (!practitionerId) throw new AppError('unprocessable', [{ field: 'practitionerId', message: 'Praticien requis' }], { fr: 'Appelez d’abord ce patient vers un praticien.', en: 'Call this patient to a practitioner first.' });
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

// ---------- checklist ----------

async function checklistData(tx: Tx, practiceId: string, patientId: string, appointmentId: string | null) {
  const p = await tx.selectFrom('patients as p').select([...patientSelect, 'p.email', 'p.phones', 'p.address', 'p.sms_consent', 'p.email_consent', 'p.nir', 'p.sex', 'p.birth_place_code']).where('p.practice_id', '=', practiceId).where('p.id', '=', patientId).executeTakeFirstOrThrow();
  let docs: string | null = null;
  let motifName: string | null = null;
  if (appointmentId) {
    const m = await tx
      .selectFrom('appointments as a')
      .leftJoin('appointment_types as t', (j) => j.onRef('t.id', '=', 'a.appointment_type_id').onRef('t.practice_id', '=', 'a.practice_id'))
      .select(['t.documents_to_bring', 't.name'])
      .where('a.id', '=', appointmentId)
      .executeTakeFirst();
    docs = m?.documents_to_bring ?? null;
    motifName = m?.name ?? null;
  }
  return { p, docs, motifName };
}

export interface ChecklistView {
  visitId: string | null;
  appointmentId: string | null;
  patient: DeskPatient & { contact: { phones: unknown; email: string | null; address: unknown; smsConsent: boolean; emailConsent: boolean; preferredLanguage: string }; amo: Amo | null; amc: Amc | null; gp: Gp | null; nir: string | null };
  motifName: string | null;
  items: ChecklistItem[];
  missing: ChecklistItemKey[];
}

async function checklistView(tx: Tx, practiceId: string, patientId: string, appointmentId: string | null, visitId: string | null, now: Date): Promise<ChecklistView> {
  const { timeZone } = await practiceSettings(tx, practiceId);
  const today = serviceDateOf(now, timeZone);
  const { p, docs, motifName } = await checklistData(tx, practiceId, patientId, appointmentId);
  const ticks = visitId ? ((await ticksOf(tx, practiceId, [visitId])).get(visitId) ?? {}) : {};
  const items = checklistFor(p, docs, today, ticks);
  return {
    visitId,
    appointmentId,
    patient: {
      ...deskPatient(p),
      contact: { phones: p.phones, email: p.email, address: p.address, smsConsent: p.sms_consent, emailConsent: p.email_consent, preferredLanguage: p.preferred_language },
      amo: p.amo as Amo | null,
      amc: p.amc as Amc | null,
      gp: p.gp as Gp | null,
      nir: p.nir,
    },
    motifName,
    items,
    missing: missingItems(items).map((i) => i.key),
  };
}

/** The checklist before check-in (nothing ticked yet), for the dialog opened from the day's list. */
export async function appointmentChecklist(tx: Tx, practiceId: string, appointmentId: string, now = clock.now()): Promise<ChecklistView> {
  const a = await tx.selectFrom('appointments').select(['id', 'patient_id']).where('practice_id', '=', practiceId).where('id', '=', appointmentId).executeTakeFirst();
  if (!a) throw new AppError('not_found', undefined, { fr: 'Rendez-vous introuvable dans ce cabinet.', en: 'Appointment not found in this practice.' });
  const v = await tx.selectFrom('reception_visits').select('id').where('appointment_id', '=', a.id).executeTakeFirst();
  return checklistView(tx, practiceId, a.patient_id, a.id, v?.id ?? null, now);
}

export async function visitChecklist(tx: Tx, practiceId: string, visitId: string, now = clock.now()): Promise<ChecklistView> {
  const v = await tx.selectFrom('reception_visits').select(['id', 'patient_id', 'appointment_id']).where('practice_id', '=', practiceId).where('id', '=', visitId).executeTakeFirst();
  if (!v) throw visitNotFound();
  return checklistView(tx, practiceId, v.patient_id, v.appointment_id, v.id, now);
}

export async function tickItem(tx: Tx, ctx: RequestContext, visitId: string, item: ChecklistItemKey, ticked: boolean, now = clock.now()): Promise<ChecklistView> {
  await lockVisit(tx, ctx.practiceId, visitId);
  if (ticked) await storeTicks(tx, ctx, visitId, [item], now);
  else await tx.deleteFrom('reception_checklist_ticks').where('practice_id', '=', ctx.practiceId).where('visit_id', '=', visitId).where('item', '=', item).execute();
  return visitChecklist(tx, ctx.practiceId, visitId, now);
}

/** Ticks items on today's open visit of a patient, if any (after a card read, an ID check at the desk…). */
export async function tickOpenVisit(tx: Tx, ctx: RequestContext, patientId: string, items: ChecklistItemKey[], now = clock.now()): Promise<void> {
  const { timeZone } = await practiceSettings(tx, ctx.practiceId);
  const v = await tx.selectFrom('reception_visits').select('id').where('practice_id', '=', ctx.practiceId).where('patient_id', '=', patientId).where('service_date', '=', serviceDateOf(now, timeZone)).where('status', 'in', ['waiting', 'called', 'in_consultation']).executeTakeFirst();
  if (v) await storeTicks(tx, ctx, v.id, items, now);
}

// ---------- delays ----------

export async function declareDelay(tx: Tx, ctx: RequestContext, practitionerId: string, minutes: number | null, now = clock.now()): Promise<void> {
  await requirePractitioner(tx, ctx.practiceId, practitionerId, 'path');
  const { timeZone } = await practiceSettings(tx, ctx.practiceId);
  const date = serviceDateOf(now, timeZone);
  if (minutes === null) {
    await tx.deleteFrom('reception_declared_delays').where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', practitionerId).where('service_date', '=', date).execute();
    return;
  }
  await tx
    .insertInto('reception_declared_delays')
    .values({ practice_id: ctx.practiceId, practitioner_id: practitionerId, service_date: date, minutes, declared_by: ctx.accountId, declared_at: now })
    .onConflict((oc) => oc.columns(['practice_id', 'practitioner_id', 'service_date']).doUpdateSet({ minutes, declared_by: ctx.accountId, declared_at: now }))
    .execute();
}

export interface DelayNoticeResult {
  noticeId: string;
  minutes: number;
  patients: { appointmentId: string; patientId: string; start: string; channels: ('sms' | 'email')[] }[];
  messages: number;
}

/**
 * Tells the next `count` patients of a practitioner (today, not arrived yet, appointment still to come) that
 * the practitioner runs `minutes` late: one `agenda.send` job per allowed channel (consent from the patient's
 * file, as the agenda's reminders), in the patient's language. Patients without consent are listed, not sent.
 */
export async function notifyDelay(tx: Tx, ctx: RequestContext, practitionerId: string, input: { count: number; minutes?: number | undefined }, now = clock.now()): Promise<DelayNoticeResult> {
  const pr = await requirePractitioner(tx, ctx.practiceId, practitionerId, 'path');
  const view = await dayView(tx, ctx.practiceId, now);
  const minutes = input.minutes ?? view.practitioners.find((p) => p.id === practitionerId)?.delay.minutes ?? 0;
  if (minutes < 1) {
    throw new AppError('unprocessable', [{ field: 'minutes', message: 'Retard nul' }], { fr: 'Aucun retard à annoncer : indiquez le retard en minutes.', en: 'No delay to announce: give the delay in minutes.' });
  }
  const practice = await tx.selectFrom('practices').select(['name', 'timezone']).where('id', '=', ctx.practiceId).executeTakeFirstOrThrow();
  const targets = await tx
    .selectFrom('appointments as a')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'a.patient_id').onRef('p.practice_id', '=', 'a.practice_id'))
    .leftJoin('reception_visits as v', 'v.appointment_id', 'a.id')
    .select(['a.id', 'a.starts_at', 'a.channel', 'p.id as patient_id', 'p.email', 'p.phone', 'p.email_consent', 'p.sms_consent', 'p.preferred_language'])
    .where('a.practice_id', '=', ctx.practiceId)
    .where('a.practitioner_id', '=', practitionerId)
    .where('a.status', 'in', ['booked', 'confirmed'])
    .where('v.id', 'is', null)
    .where('a.starts_at', '>', now)
    .where('a.starts_at', '<', dayBounds(view.date, view.timeZone).to)
    .orderBy('a.starts_at')
    .limit(input.count)
    .execute();
  const noticeId = crypto.randomUUID();
  const patients: DelayNoticeResult['patients'] = [];
  let messages = 0;
  for (const t of targets) {
    const channels = allowedChannels({ event: 'reminder', bookedOnline: t.channel === 'online', email: t.email, phone: t.phone, emailConsent: t.email_consent, smsConsent: t.sms_consent });
    const msg = renderDelayMessage({ lang: langOf(t.preferred_language), practiceName: practice.name, timeZone: practice.timezone, start: new Date(t.starts_at), minutes, practitionerName: pr.display_name });
    for (const channel of channels) {
      const payload: SendPayload = {
        practiceId: ctx.practiceId,
        key: `msg:delay:${noticeId}:${t.id}:${channel}`,
        kind: 'delay' as SendPayload['kind'],
        channel,
        to: channel === 'email' ? t.email! : toE164(t.phone!)!,
        subject: channel === 'email' ? msg.subject : null,
        text: channel === 'email' ? msg.text : msg.sms,
        appointmentId: t.id,
      };
      await enqueue(tx, { kind: 'agenda.send', practiceId: ctx.practiceId, dedupeKey: `send:delay:${noticeId}:${t.id}:${channel}`, payload: payload as unknown as Record<string, unknown> });
      messages++;
    }
    patients.push({ appointmentId: t.id, patientId: t.patient_id, start: new Date(t.starts_at).toISOString(), channels });
  }
  await tx
    .insertInto('reception_delay_notices')
    .values({ id: noticeId, practice_id: ctx.practiceId, practitioner_id: practitionerId, service_date: view.date, minutes, appointment_ids: targets.map((t) => t.id), messages, created_by: ctx.accountId })
    .execute();
  return { noticeId, minutes, patients, messages };
}

// ---------- the board ----------

export interface BoardView {
  practiceName: string;
  display: BoardDisplay;
  averageWaitMinutes: number | null;
  waiting: { label: string }[];
  calls: { id: string; label: string; to: string; at: string; count: number }[];
  now: string;
}

/** The waiting-room board: tickets (or initials) only, never names; calls of the last 15 minutes first. */
export async function boardView(db: Db | Tx, practiceId: string, now = clock.now()): Promise<BoardView> {
  const practice = await db.selectFrom('practices').select(['name', 'timezone']).where('id', '=', practiceId).executeTakeFirstOrThrow();
  const settings = await receptionSettings(db, practiceId);
  const date = serviceDateOf(now, practice.timezone);
  const visits = await db
    .selectFrom('reception_visits as v')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'v.patient_id').onRef('p.practice_id', '=', 'v.practice_id'))
    .leftJoin('appointments as a', (j) => j.onRef('a.id', '=', 'v.appointment_id').onRef('a.practice_id', '=', 'v.practice_id'))
    .select(['v.id', 'v.status', 'v.urgent', 'v.ticket_number', 'v.arrived_at', 'v.called_at', 'v.called_to', 'v.call_count', 'v.started_at', 'a.starts_at', 'p.first_name', 'p.birth_name', 'p.used_name'])
    .where('v.practice_id', '=', practiceId)
    .where('v.service_date', '=', date)
    .execute();
  const label = (v: (typeof visits)[number]) => boardLabel(settings.boardDisplay, v.ticket_number, v.first_name, v.used_name ?? v.birth_name);
  const waiting = sortQueue(visits.filter((v) => v.status === 'waiting').map((v) => ({ id: v.id, urgent: v.urgent, arrivedAt: new Date(v.arrived_at), scheduledStart: v.starts_at ? new Date(v.starts_at) : null, ticketNumber: v.ticket_number, v })));
  const calls = visits
    .filter((v) => v.status === 'called' && v.called_at && now.getTime() - new Date(v.called_at).getTime() < 15 * 60_000)
    .sort((a, b) => new Date(b.called_at!).getTime() - new Date(a.called_at!).getTime())
    .slice(0, 6);
  return {
    practiceName: practice.name,
    display: settings.boardDisplay,
    averageWaitMinutes: settings.boardShowAverageWait ? averageWaitMinutes(visits.map((v) => ({ arrivedAt: new Date(v.arrived_at), calledAt: v.called_at ? new Date(v.called_at) : null, startedAt: v.started_at ? new Date(v.started_at) : null }))) : null,
    // The board shows the order only: never a name, nor who is urgent or why.
    waiting: waiting.map((w) => ({ label: label(w.v) })),
    calls: calls.map((v) => ({ id: v.id, label: label(v), to: v.called_to ?? '', at: new Date(v.called_at!).toISOString(), count: v.call_count })),
    now: now.toISOString(),
  };
}
