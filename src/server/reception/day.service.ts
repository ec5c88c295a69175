import type { Db, Tx } from '../platform/db/database.js';
import { practiceSettings } from '../agenda/index.js';
import { missingItems } from './checklist.js';
import { checklistFor, ticksOf } from './checklist.service.js';
import { dayBounds, iso, serviceDateOf } from './days.js';
import { deskPatient, patientSelect, type DeskPatient } from './desk-patient.js';
import { expectedDelay, expectedState, sortQueue, type Delay } from './rules.js';
import type { RowState } from './contract.js';
import type { ChecklistItemKey, VisitStatus } from './schema.js';
import { receptionSettings, type ReceptionSettings } from './settings.service.js';

// ---------- the day ----------

export type { RowState } from './contract.js';

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
