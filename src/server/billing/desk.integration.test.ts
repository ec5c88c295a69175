import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, zoneWithRoomToday, type TestPivot } from '../../../tests/helpers.js';
import { clock } from '../platform/clock.js';
import { seedBillingDayDemo } from './index.js';

/**
 * The desk's billing screen through HTTP: the day's consultations to bill per practitioner, the draft with the
 * engine's proposal and reminders (MEG, compulsory tiers payant, written information from 70 €), and the demo day.
 * Appointments are placed an hour before now on the practice's local day (a zone whose day has room for them, and whose
 * date is Paris's: the demo's books, seeded in Paris before the switch, end on Paris's yesterday).
 */
const ZONE = zoneWithRoomToday(120, 0, clock.now(), 'Europe/Paris');
let pivot: TestPivot;
let desk: string;
let lefevre: string;
let practiceA: string;
let martinId: string;
let lefevreId: string;
const appt: Record<'adult' | 'child' | 'css', string> = { adult: '', child: '', css: '' };
const pat: Record<'adult' | 'child' | 'css', string> = { adult: '', child: '', css: '' };
const db = () => pivot.database.db;
const today = () => DateTime.fromJSDate(clock.now()).setZone(ZONE).toISODate()!;
const inject = (token: string, method: 'GET' | 'POST', url: string, payload?: object) => pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
const practitionerOf = async (email: string) =>
  (await db().selectFrom('practitioners as p').innerJoin('accounts as a', 'a.id', 'p.account_id').select(['p.id', 'p.practice_id']).where('a.email', '=', email).executeTakeFirstOrThrow());

/** The demo agenda's appointments of this practitioner around now are cancelled, so that the test's own fit. */
async function clearAround(practitionerId: string): Promise<void> {
  await sql`UPDATE appointments SET status = 'cancelled_by_practice', cancelled_at = now() WHERE practitioner_id = ${practitionerId}
    AND starts_at > ${new Date(clock.nowMs() - 4 * 3_600_000)} AND starts_at < ${new Date(clock.nowMs() + 3_600_000)} AND status IN ('booked', 'confirmed', 'arrived', 'in_consultation', 'done')`.execute(db());
}

async function doneAppointment(practiceId: string, practitionerId: string, patientId: string, minutesAgo: number): Promise<string> {
  const start = new Date(clock.nowMs() - minutesAgo * 60_000);
  const row = await db()
    .insertInto('appointments')
    .values({ practice_id: practiceId, practitioner_id: practitionerId, patient_id: patientId, starts_at: start, ends_at: new Date(start.getTime() + 10 * 60_000), busy_until: new Date(start.getTime() + 10 * 60_000), channel: 'desk', status: 'done', updated_at: clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  pivot = await createTestPivot();
  [desk, lefevre] = (await Promise.all(['secretaire', 'medecin2'].map((u) => pivot.login(`${u}@demo.pivot`)))) as [string, string];
  const martin = await practitionerOf('medecin@demo.pivot');
  martinId = martin.id;
  practiceA = martin.practice_id;
  lefevreId = (await practitionerOf('medecin2@demo.pivot')).id;
  await db().updateTable('practices').set({ timezone: ZONE }).execute();
  const six = DateTime.fromISO(today()).minus({ years: 6 }).toISODate()!;
  const adults = await db().selectFrom('patients').select('id').where('practice_id', '=', practiceA).where('birth_date', '<', '1990-01-01').where('merged_into_id', 'is', null).orderBy('id').limit(2).execute();
  pat.adult = adults[0]!.id;
  pat.css = adults[1]!.id;
  pat.child = (await db().selectFrom('patients').select('id').where('practice_id', '=', practiceA).where('birth_date', '>', six).where('merged_into_id', 'is', null).limit(1).executeTakeFirstOrThrow()).id;
  await sql`UPDATE patients SET amo = NULL, amc = NULL, gp = ${JSON.stringify({ inPractice: true, practitionerId: martinId, accountId: null, name: 'Dr Claire Martin', rpps: null, city: null, phone: null })}::jsonb WHERE id IN (${pat.adult}, ${pat.child})`.execute(db());
  await sql`UPDATE patients SET amc = NULL, gp = NULL, amo = ${JSON.stringify({ regime: 'general', caisse: 'CPAM 75', insuredNir: null, rightsFrom: null, rightsUntil: null, ald: [], exemptions: [{ kind: 'css', label: null, from: null, until: null }] })}::jsonb WHERE id = ${pat.css}`.execute(db());
  await clearAround(martinId);
  appt.adult = await doneAppointment(practiceA, martinId, pat.adult, 60);
  appt.child = await doneAppointment(practiceA, martinId, pat.child, 45);
  appt.css = await doneAppointment(practiceA, martinId, pat.css, 30);
}, 180_000);
afterAll(async () => pivot?.close());

describe('the demo billing day', () => {
  it('bills the consultations seen today but the last two, pays all but one, issues receipts; once a day', async () => {
    const moreau = await practitionerOf('moreau@demo.pivot');
    const patients = await db().selectFrom('patients').select('id').where('practice_id', '=', moreau.practice_id).where('merged_into_id', 'is', null).orderBy('id').limit(6).execute();
    await clearAround(moreau.id);
    for (const [i, p] of patients.entries()) await doneAppointment(moreau.practice_id, moreau.id, p.id, 100 - i * 12);
    const dayStart = DateTime.fromISO(today(), { zone: ZONE }).toJSDate();
    const seen = await db().selectFrom('appointments').select('id').where('practitioner_id', '=', moreau.id).where('status', '=', 'done').where('starts_at', '>=', dayStart).where('starts_at', '<', clock.now()).execute();
    const first = await seedBillingDayDemo(db(), clock.now(), 'cabinet-du-dr-moreau');
    const invoices = await db().selectFrom('billing_invoices').select(['id', 'paid_cents', 'due_at_desk_cents']).where('practice_id', '=', moreau.practice_id).where('care_date', '=', today()).execute();
    expect(first.invoices).toBe(invoices.length);
    expect(invoices).toHaveLength(seen.length - 2);
    expect(invoices.filter((i) => i.paid_cents < i.due_at_desk_cents)).toHaveLength(1);
    // Every invoice but the unpaid one has its receipt, numbered after the practitioner's earlier ones without a gap.
    const year = Number(today().slice(0, 4));
    const receipts = await db().selectFrom('billing_receipts').select('number').where('practitioner_id', '=', moreau.id).where('year', '=', year).orderBy('number').execute();
    const numbers = receipts.map((r) => r.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const ofToday = await db().selectFrom('billing_receipts').innerJoin('billing_invoices as i', 'i.id', 'billing_receipts.invoice_id').select('billing_receipts.number').where('i.practice_id', '=', moreau.practice_id).where('i.care_date', '=', today()).execute();
    expect(ofToday).toHaveLength(invoices.length - 1);
    expect(await seedBillingDayDemo(db(), clock.now(), 'cabinet-du-dr-moreau')).toEqual({ invoices: 0, paid: 0 });
  });
});

describe('the desk’s day', () => {
  it('lists today’s consultations to bill per practitioner; a practitioner sees only their own', async () => {
    const r = await inject(desk, 'GET', '/api/billing/desk');
    expect(r.statusCode, r.body).toBe(200);
    const day = r.json();
    expect(day.date).toBe(today());
    const mine = day.consultations.filter((c: { practitionerId: string }) => c.practitionerId === martinId);
    expect(mine.map((c: { appointmentId: string }) => c.appointmentId)).toEqual(expect.arrayContaining([appt.adult, appt.child, appt.css]));
    expect(mine.every((c: { invoice: unknown }) => c.invoice === null)).toBe(true);
    expect(day.practitioners.find((p: { id: string }) => p.id === martinId)).toMatchObject({ hasProfile: true, toBill: mine.length });
    const own = (await inject(lefevre, 'GET', '/api/billing/desk')).json();
    expect(own.practitioners.map((p: { id: string }) => p.id)).toEqual([lefevreId]);
    expect(own.consultations.some((c: { practitionerId: string }) => c.practitionerId === martinId)).toBe(false);
    expect((await inject(desk, 'GET', '/api/billing/desk?date=2026-02-30')).statusCode).toBe(400);
  });

  it('proposes G + MEG for a child under 6, with the reason, and quotes it to the cent', async () => {
    const r = await inject(desk, 'POST', '/api/billing/drafts', { appointmentId: appt.child });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json().draft;
    expect(d.acts.map((a: { code: string }) => a.code)).toEqual(['G', 'MEG']);
    expect(d.parcours).toBe('medecin_traitant');
    expect(d.suggestions.map((s: { kind: string }) => s.kind)).toContain('meg_under_6');
    // Under 18: no participation forfaitaire; no mutuelle, no tiers payant: the desk collects the whole fee.
    expect(d.amounts).toEqual({ totalCents: 3500, amoCents: 2450, amcCents: 0, patientCents: 1050, participationForfaitaireCents: 0, dueAtDeskCents: 3500 });
  });

  it('a CSS patient: full tiers payant forced with its reason, nothing to collect', async () => {
    const d = (await inject(desk, 'POST', '/api/billing/drafts', { appointmentId: appt.css, tiersPayant: 'none' })).json().draft;
    expect(d.tiersPayant).toBe('amo_amc');
    expect(d.suggestions.find((s: { kind: string }) => s.kind === 'tiers_payant_compulsory').fr).toContain('CSS');
    expect(d.amounts.dueAtDeskCents).toBe(0);
  });

  it('an OPTAM dépassement reaching 70 € asks for the written information; an engine refusal is shown, not thrown', async () => {
    const d = (await inject(desk, 'POST', '/api/billing/drafts', { patientId: pat.adult, practitionerId: lefevreId, date: today(), acts: [{ code: 'APC', feeCents: 8000 }], parcours: 'referred' })).json().draft;
    expect(d.amounts.totalCents).toBe(8000);
    expect(d.suggestions.map((s: { kind: string }) => s.kind)).toContain('written_information_70');
    const bad = await inject(desk, 'POST', '/api/billing/drafts', { appointmentId: appt.adult, acts: [{ code: 'MEG' }] });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().draft.error).toMatch(/^Facturation impossible : .*acte principal/);
    expect(bad.json().draft.amounts).toBeNull();
    expect(await db().selectFrom('billing_invoices').select('id').where('appointment_id', '=', appt.adult).execute()).toEqual([]);
  });

  it('after billing and a partial payment, the day shows what is paid and what remains; both reads are audited', async () => {
    const inv = (await inject(desk, 'POST', '/api/billing/invoices', { appointmentId: appt.adult, acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant: 'none' })).json().invoice;
    await inject(desk, 'POST', `/api/billing/invoices/${inv.id}/payments`, { payments: [{ method: 'cash', amountCents: 1000 }] });
    const row = (await inject(desk, 'GET', '/api/billing/desk')).json().consultations.find((c: { appointmentId: string }) => c.appointmentId === appt.adult);
    expect(row.invoice).toMatchObject({ id: inv.id, totalCents: 3000, paidCents: 1000, remainingCents: 2000, receipt: null });
    const next = (await inject(desk, 'POST', '/api/billing/drafts', { appointmentId: appt.adult })).json().draft;
    expect(next.alreadyBilledInvoiceId).toBe(inv.id);
    const actions = (await db().selectFrom('audit_log').select('action').where('action', 'in', ['billing.desk.read', 'billing.draft.read']).execute()).map((a) => a.action);
    expect(new Set(actions)).toEqual(new Set(['billing.desk.read', 'billing.draft.read']));
  });
});
