import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { RequestContext } from '../platform/http/context.js';
import { practiceSettings } from '../agenda/index.js';
import type { Amc, Amo, Gp } from '../patients/index.js';
import { buildChecklist, missingItems, type ChecklistItem } from './checklist.js';
import { serviceDateOf } from './days.js';
import { deskPatient, patientSelect, type DeskPatient, type PatientCols } from './desk-patient.js';
import type { ChecklistItemKey } from './schema.js';
import { lockVisit, storeTicks, visitNotFound } from './visits.service.js';
import { clock } from '../platform/clock.js';

export function checklistFor(p: PatientCols, motifDocuments: string | null, today: string, ticks: ChecklistTicks): ChecklistItem[] {
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

export type ChecklistTicks = Partial<Record<ChecklistItemKey, { at: string; by: string | null }>>;

export async function ticksOf(tx: Tx | Db, practiceId: string, visitIds: string[]): Promise<Map<string, ChecklistTicks>> {
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
