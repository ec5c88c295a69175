import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPivot } from '../../../../tests/helpers.js';
import { withLuhnKey } from '../../platform/luhn.js';
import { pdfText, pdfToPngs } from '../../platform/pdf/testing.js';
import { checkFec } from './fec-check.js';
import { FEC_COLUMNS } from './fec.js';
import { booksKit, daysAgo, injectAs, practitionerOf, today, type BooksKit } from './test-kit.js';

/** Cheque deposit slips, expenses and summaries, FEC and CSV exports: through the routes, with the rights. */
let pivot: TestPivot;
let k: BooksKit;
const db = () => pivot.database.db;
const inject: ReturnType<typeof injectAs> = (...args) => injectAs(pivot)(...args);

async function paidInvoice(practitionerId: string, payments: object[]): Promise<string[]> {
  const r = await inject(k.desk, 'POST', '/api/billing/invoices', {
    patientId: k.patient, practitionerId, date: daysAgo(1), acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant: 'none', coverage: { mutuelle: { present: false } },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const p = await inject(k.desk, 'POST', `/api/billing/invoices/${r.json().invoice.id}/payments`, { payments });
  if (p.statusCode !== 201) throw new Error(p.body);
  return p.json().paymentIds;
}
const cheque = (amountCents: number, number: string) => ({ method: 'cheque', amountCents, cheque: { bank: 'Crédit Mutuel', number, drawer: 'M. Théo Lœuvre' } });

beforeAll(async () => {
  k = await booksKit();
  pivot = k.pivot;
}, 180_000);
afterAll(async () => pivot?.close());

describe('cheque deposit slips', () => {
  it('the desk deposits chosen cheques on a numbered slip per account; a cheque is on one slip only; the PDF lists them', async () => {
    const [c1] = await paidInvoice(k.martinId, [cheque(3000, '1000001')]);
    const [c2] = await paidInvoice(k.martinId, [cheque(2000, '1000002'), { method: 'cash', amountCents: 1000 }]);
    const [c3] = await paidInvoice(k.martinId, [cheque(3000, '1000003')]);
    const [foreign] = await paidInvoice(k.lefevreId, [cheque(3000, '2000001')]);
    expect((await inject(k.desk, 'POST', `/api/billing/practitioners/${k.martinId}/bank-accounts`, { label: 'Compte pro', holder: 'Dr Claire Martin', bank: 'Société Générale', iban: 'FR76 3000 6000 0112 3456 7890 189' })).statusCode).toBe(403);
    expect((await inject(k.martin, 'POST', `/api/billing/practitioners/${k.martinId}/bank-accounts`, { label: 'Compte pro', holder: 'Dr Claire Martin', bank: 'Société Générale', iban: 'FR76 3000 6000 0112 3456 7890 188' })).statusCode).toBe(422);
    const acct = await inject(k.martin, 'POST', `/api/billing/practitioners/${k.martinId}/bank-accounts`, { label: 'Compte pro', holder: 'Dr Claire Martin', bank: 'Société Générale', iban: 'FR76 3000 6000 0112 3456 7890 189' });
    expect(acct.statusCode, acct.body).toBe(201);
    const bankAccountId = acct.json().id;

    const list = await inject(k.desk, 'GET', `/api/billing/practitioners/${k.martinId}/cheques`);
    expect(list.statusCode).toBe(200);
    const ids = list.json().cheques.map((c: { paymentId: string }) => c.paymentId);
    expect(ids).toEqual(expect.arrayContaining([c1, c2, c3]));
    expect(ids).not.toContain(foreign);

    const slip = await inject(k.desk, 'POST', `/api/billing/practitioners/${k.martinId}/deposit-slips`, { bankAccountId, paymentIds: [c1, c2] });
    expect(slip.statusCode, slip.body).toBe(201);
    expect(slip.json().slip).toMatchObject({ number: 1, count: 2, totalCents: 5000, bankAccount: { holder: 'Dr Claire Martin', account: 'FR76 3000 6000 0112 3456 7890 189' } });
    expect((await inject(k.desk, 'POST', `/api/billing/practitioners/${k.martinId}/deposit-slips`, { bankAccountId, paymentIds: [c2, c3] })).statusCode).toBe(422);
    expect((await inject(k.desk, 'POST', `/api/billing/practitioners/${k.martinId}/deposit-slips`, { bankAccountId, paymentIds: [foreign] })).statusCode).toBe(422);
    const second = await inject(k.desk, 'POST', `/api/billing/practitioners/${k.martinId}/deposit-slips`, { bankAccountId, paymentIds: [c3] });
    expect(second.json().slip.number).toBe(2);
    // The database keeps a cheque on one slip, whatever the code does.
    await expect(db().insertInto('billing_deposit_slip_cheques').values({ practice_id: (await db().selectFrom('billing_deposit_slips').select('practice_id').where('id', '=', second.json().slip.id).executeTakeFirstOrThrow()).practice_id, slip_id: second.json().slip.id, payment_id: c1!, position: 2 }).execute()).rejects.toThrow(/unique|duplicate/i);

    const pdf = await inject(k.desk, 'GET', `/api/billing/deposit-slips/${slip.json().slip.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    for (const s of ['Bordereau de remise de chèques n° 1', 'Dr Claire Martin', 'FR76 3000 6000 0112 3456 7890 189', '1000001', '1000002', 'Crédit Mutuel', 'M. Théo Lœuvre', '2 chèques', '50,00 €'])
      expect(text).toContain(s);
    pdfToPngs(pdf.rawPayload, 'billing-deposit-slip');
    expect((await inject(k.lefevre, 'GET', `/api/billing/deposit-slips/${slip.json().slip.id}/pdf`)).statusCode).toBe(404);
    expect((await inject(k.otherAdmin, 'GET', `/api/billing/deposit-slips/${slip.json().slip.id}`)).statusCode).toBe(404);
    expect((await inject(k.lefevre, 'GET', `/api/billing/practitioners/${k.martinId}/cheques`)).statusCode).toBe(404);
  });
});

describe('expenses and summaries', () => {
  it('records, reverses (dated today) and sums expenses against receipts; the practitioner only', async () => {
    const summary = async () => (await inject(k.martin, 'GET', `/api/billing/practitioners/${k.martinId}/summaries?from=${daysAgo(10)}&to=${today()}&by=month`)).json();
    const before = await summary();
    const e = await inject(k.martin, 'POST', `/api/billing/practitioners/${k.martinId}/expenses`, { spentOn: daysAgo(2), payee: 'Fournitures Médicales SA', category: 'purchases', amountCents: 4590, means: 'card' });
    expect(e.statusCode, e.body).toBe(201);
    await inject(k.martin, 'POST', `/api/billing/practitioners/${k.martinId}/expenses`, { spentOn: daysAgo(2), payee: 'SCI des Tilleuls', category: 'rent', amountCents: 80000, means: 'transfer' });
    expect((await inject(k.martin, 'POST', `/api/billing/practitioners/${k.martinId}/expenses`, { spentOn: daysAgo(-3), payee: 'X', category: 'rent', amountCents: 1, means: 'transfer' })).statusCode).toBe(422);
    expect((await inject(k.martin, 'POST', `/api/billing/practitioners/${k.martinId}/expenses`, { spentOn: today(), payee: 'X', category: 'rent', amountCents: -5, means: 'transfer' })).statusCode).toBe(400);
    expect((await inject(k.desk, 'POST', `/api/billing/practitioners/${k.martinId}/expenses`, { spentOn: today(), payee: 'X', category: 'rent', amountCents: 5, means: 'cash' })).statusCode).toBe(403);
    const rev = await inject(k.martin, 'POST', `/api/billing/expenses/${e.json().id}/reversal`, { reason: 'Facture en double' });
    expect(rev.statusCode, rev.body).toBe(201);
    const list = (await inject(k.martin, 'GET', `/api/billing/practitioners/${k.martinId}/expenses?from=${daysAgo(10)}&to=${today()}`)).json().expenses;
    expect(list.find((x: { id: string }) => x.id === e.json().id).reversed).toBe(true);
    expect(list.find((x: { reversesExpenseId: string | null }) => x.reversesExpenseId === e.json().id)).toMatchObject({ amountCents: -4590, spentOn: today() });
    const s = await inject(k.martin, 'GET', `/api/billing/practitioners/${k.martinId}/summaries?from=${daysAgo(10)}&to=${today()}&by=month`);
    expect(s.statusCode, s.body).toBe(200);
    const sum = s.json();
    // The demo history may hold expenses in the window: the two new ones and the reversal add 80 000 cents.
    expect(sum.totals.expensesCents - before.totals.expensesCents).toBe(80000);
    expect(sum.totals.receiptsCents).toBe(sum.rows.reduce((t: number, r: { receiptsCents: number }) => t + r.receiptsCents, 0));
    expect(sum.totals.receiptsCents).toBeGreaterThan(0);
    expect((await inject(k.lefevre, 'GET', `/api/billing/practitioners/${k.martinId}/summaries`)).statusCode).toBe(404);
  });
});

describe('FEC and CSV exports', () => {
  it('returns the logged-in practitioner’s FEC, named <SIREN>FEC<AAAAMMJJ>.txt, structurally valid, recorded with its hash', async () => {
    const from = daysAgo(30);
    const to = today();
    const r = await inject(k.martin, 'GET', `/api/billing/exports/fec?from=${from}&to=${to}`);
    expect(r.statusCode, r.body).toBe(200);
    const siren = (await db().selectFrom('billing_profiles').select('siren').where('practitioner_id', '=', k.martinId).executeTakeFirstOrThrow()).siren!;
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${siren}FEC${to.replaceAll('-', '')}.txt"`);
    const text = r.rawPayload.toString('latin1');
    expect(text.split('\r\n')[0]).toBe(FEC_COLUMNS.join('\t'));
    expect(checkFec(text)).toEqual([]);
    // The day's receipts, cheques to deposit, the slips and expenses are there.
    for (const s of ['\t706000\t', '\t511200\t', '\t512000\t', '\t530000\t', 'Remise de chèques', 'Chèque', 'Espèces']) expect(text).toContain(s);
    expect(text).not.toMatch(/\d\.\d\d\t/);
    const log = await db().selectFrom('billing_exports').selectAll().where('practitioner_id', '=', k.martinId).execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ format: 'fec', from_day: from, to_day: to, sha256: createHash('sha256').update(r.rawPayload).digest('hex') });
    expect(await db().selectFrom('audit_log').select('id').where('action', '=', 'billing.export.fec').execute()).toHaveLength(1);
    const seen = (await inject(k.martin, 'GET', `/api/billing/practitioners/${k.martinId}/exports`)).json().exports;
    expect(seen[0]).toMatchObject({ format: 'fec', exportedBy: 'medecin@demo.pivot', sha256: log[0]!.sha256 });
  });

  it('least privilege: a secretary cannot export; an admin names the practitioner; another practitioner or practice gets 404', async () => {
    expect((await inject(k.desk, 'GET', '/api/billing/exports/fec')).statusCode).toBe(403);
    // An admin with no books of their own who names nobody is offered the practitioners to choose from.
    const noName = await inject(k.admin, 'GET', '/api/billing/exports/fec');
    expect(noName.statusCode).toBe(300);
    expect(noName.json().practitioners).toContainEqual({ id: k.martinId, name: 'Dr Claire Martin', url: `/api/billing/exports/fec?practitioner=${k.martinId}` });
    expect(await db().selectFrom('billing_exports').select('id').where('exported_by', '=', (await db().selectFrom('accounts').select('id').where('email', '=', 'admin@demo.pivot').executeTakeFirstOrThrow()).id).execute()).toHaveLength(0);
    expect((await inject(k.admin, 'GET', `/api/billing/exports/fec?practitioner=${k.martinId}`)).statusCode).toBe(200);
    expect((await inject(k.lefevre, 'GET', `/api/billing/exports/fec?practitioner=${k.martinId}`)).statusCode).toBe(404);
    expect((await inject(k.otherAdmin, 'GET', `/api/billing/exports/fec?practitioner=${k.martinId}`)).statusCode).toBe(404);
    expect((await inject(k.martin, 'GET', `/api/billing/exports/fec?from=${today()}&to=${daysAgo(1)}`)).statusCode).toBe(422);
    expect((await inject(k.martin, 'GET', '/api/billing/exports/fec?from=2026-02-30')).statusCode).toBe(400);
  });

  it('CSV carries the same entries; without a SIREN the FEC is refused with a clear message', async () => {
    const csv = await inject(k.martin, 'GET', `/api/billing/exports/csv?from=${daysAgo(30)}&to=${today()}`);
    expect(csv.statusCode).toBe(200);
    const fec = (await inject(k.martin, 'GET', `/api/billing/exports/fec?from=${daysAgo(30)}&to=${today()}`)).rawPayload.toString('latin1');
    expect(csv.body.trim().split('\r\n').length).toBe(fec.trim().split('\r\n').length);
    const benali = await practitionerOf(pivot, 'medecin3@demo.pivot');
    await db().updateTable('billing_profiles').set({ siren: null }).where('practitioner_id', '=', benali).execute();
    const r = await inject(k.admin, 'GET', `/api/billing/exports/fec?practitioner=${benali}`);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toContain('SIREN');
    await db().updateTable('billing_profiles').set({ siren: withLuhnKey('81000003') }).where('practitioner_id', '=', benali).execute();
    expect((await inject(k.admin, 'GET', `/api/billing/exports/fec?practitioner=${benali}`)).statusCode).toBe(200);
  });
});

describe('demo history', () => {
  it('carries three months of books dated from the clock: every means, slips, a credit note, expenses, closed days, a valid FEC', async () => {
    const methods = await db().selectFrom('billing_payments as p').innerJoin('billing_invoices as i', 'i.id', 'p.invoice_id').select('p.method').distinct().where('i.practitioner_id', '=', k.martinId).execute();
    expect(methods.map((m) => m.method).sort()).toEqual(['card', 'cash', 'cheque', 'transfer']);
    const oldest = await db().selectFrom('billing_invoices').select((eb) => eb.fn.min('care_date').as('d')).where('practitioner_id', '=', k.martinId).executeTakeFirstOrThrow();
    expect(oldest.d! <= daysAgo(85)).toBe(true);
    expect((await db().selectFrom('billing_deposit_slips').select('id').where('practitioner_id', '=', k.martinId).execute()).length).toBeGreaterThan(5);
    expect(await db().selectFrom('billing_receipts').select('id').where('practitioner_id', '=', k.martinId).where('kind', '=', 'credit_note').execute()).toHaveLength(1);
    expect((await db().selectFrom('billing_closed_days').select('day').where('practitioner_id', '=', k.martinId).execute()).length).toBeGreaterThan(50);
    const s = (await inject(k.martin, 'GET', `/api/billing/practitioners/${k.martinId}/summaries?from=${daysAgo(91)}&to=${today()}`)).json();
    expect(s.totals.expensesCents).toBeGreaterThan(0);
    const fec = await inject(k.admin, 'GET', `/api/billing/exports/fec?practitioner=${k.martinId}&from=${daysAgo(91)}&to=${today()}`);
    expect(fec.statusCode).toBe(200);
    expect(checkFec(fec.rawPayload.toString('latin1'))).toEqual([]);
    expect(fec.rawPayload.toString('latin1').split('\r\n').length).toBeGreaterThan(300);
  });
});
