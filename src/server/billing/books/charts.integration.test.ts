import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPivot } from '../../../../tests/helpers.js';
import { booksKit, injectAs, today, type BooksKit } from './test-kit.js';

/** GET /api/billing/charts: the books by month, per practitioner and payer, and what is still due; rights. */
let pivot: TestPivot;
let k: BooksKit;
const inject: ReturnType<typeof injectAs> = (...args) => injectAs(pivot)(...args);
interface Row { month: string; practitionerId: string; patientCents: number; amoCents: number; amcCents: number; billedCents: number; dueFromPatientsCents: number; dueFromPayersCents: number }
const ZERO = { patientCents: 0, amoCents: 0, amcCents: 0, billedCents: 0, dueFromPatientsCents: 0, dueFromPayersCents: 0 };

async function monthOf(token: string, practitionerId: string): Promise<Omit<Row, 'month' | 'practitionerId'>> {
  const d = today();
  const r = await inject(token, 'GET', `/api/billing/charts?from=${d.slice(0, 8)}01&to=${d}`);
  expect(r.statusCode, r.body).toBe(200);
  const row = (r.json().rows as Row[]).find((x) => x.practitionerId === practitionerId && x.month === d.slice(0, 7));
  if (!row) return { ...ZERO };
  const { month: _m, practitionerId: _p, ...amounts } = row;
  return amounts;
}

beforeAll(async () => {
  k = await booksKit();
  pivot = k.pivot;
}, 180_000);
afterAll(async () => pivot?.close());

describe('billing charts', () => {
  it('counts a tiers payant invoice by payer, the desk payment as the patient’s, the rest as still due; a reversal makes it due again', async () => {
    const before = await monthOf(k.martin, k.martinId);
    const created = await inject(k.desk, 'POST', '/api/billing/invoices', {
      patientId: k.patient, practitionerId: k.martinId, date: today(), acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant: 'amo', coverage: { mutuelle: { present: false } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const inv = created.json().invoice;
    const a = inv.amounts as { totalCents: number; amoCents: number; dueAtDeskCents: number };
    expect(a.amoCents).toBeGreaterThan(0);
    const paid = await inject(k.desk, 'POST', `/api/billing/invoices/${inv.id}/payments`, { payments: [{ method: 'cash', amountCents: a.dueAtDeskCents - 100 }] });
    expect(paid.statusCode, paid.body).toBe(201);
    const after = await monthOf(k.martin, k.martinId);
    expect(after.billedCents - before.billedCents).toBe(a.totalCents);
    expect(after.amoCents - before.amoCents).toBe(a.amoCents);
    expect(after.amcCents - before.amcCents).toBe(a.totalCents - a.dueAtDeskCents - a.amoCents);
    expect(after.patientCents - before.patientCents).toBe(a.dueAtDeskCents - 100);
    expect(after.dueFromPatientsCents - before.dueFromPatientsCents).toBe(100);
    expect(after.dueFromPayersCents - before.dueFromPayersCents).toBe(a.totalCents - a.dueAtDeskCents);

    const rev = await inject(k.martin, 'POST', `/api/billing/payments/${paid.json().paymentIds[0]}/reversal`, { reason: 'Billet refusé' });
    expect(rev.statusCode, rev.body).toBe(201);
    const reversed = await monthOf(k.martin, k.martinId);
    expect(reversed.patientCents - before.patientCents).toBe(0);
    expect(reversed.dueFromPatientsCents - before.dueFromPatientsCents).toBe(a.dueAtDeskCents);
  });

  it('a practitioner sees their own books, an admin every practitioner’s or the one named; months listed with the defaults', async () => {
    const own = (await inject(k.martin, 'GET', '/api/billing/charts')).json();
    expect(own.practitioners.map((p: { id: string }) => p.id)).toEqual([k.martinId]);
    expect(new Set(own.rows.map((r: Row) => r.practitionerId))).toEqual(new Set([k.martinId]));
    expect(own.months).toHaveLength(12);
    expect(own.months.at(-1)).toBe(today().slice(0, 7));
    const all = (await inject(k.admin, 'GET', '/api/billing/charts')).json();
    expect(all.practitioners.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([k.martinId, k.lefevreId]));
    const named = await inject(k.admin, 'GET', `/api/billing/charts?practitioner=${k.lefevreId}`);
    expect(named.json().practitioners.map((p: { id: string }) => p.id)).toEqual([k.lefevreId]);
    const audit = await pivot.database.db.selectFrom('audit_log').select('details').where('action', '=', 'billing.charts.read').execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses the secretary (403), another practitioner’s books and another practice (404), bad periods (4xx in French)', async () => {
    expect((await inject(k.desk, 'GET', '/api/billing/charts')).statusCode).toBe(403);
    expect((await inject(k.martin, 'GET', `/api/billing/charts?practitioner=${k.lefevreId}`)).statusCode).toBe(404);
    expect((await inject(k.otherAdmin, 'GET', `/api/billing/charts?practitioner=${k.martinId}`)).statusCode).toBe(404);
    const backwards = await inject(k.martin, 'GET', `/api/billing/charts?from=${today()}&to=2020-01-01`);
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('La date de début est après la date de fin.');
    expect((await inject(k.martin, 'GET', '/api/billing/charts?from=2020-01-01&to=2024-01-01')).statusCode).toBe(422);
    expect((await inject(k.martin, 'GET', '/api/billing/charts?from=hier')).statusCode).toBe(400);
  });
});
