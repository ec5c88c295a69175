import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { clock } from '../platform/clock.js';
import type { RequestContext } from '../platform/http/context.js';
import { recordPayments } from './payments.service.js';
import { SimulatedPaymentTerminal } from './terminal.js';

/** Payments (every method, split, partial, never beyond what is due) and receipts (numbering, credit notes). */
let pivot: TestPivot;
let desk: string;
let martin: string;
let lefevre: string;
let martinId: string;
let patient: string;
const db = () => pivot.database.db;
const day = (daysAgo: number) => DateTime.fromJSDate(clock.now()).setZone('Europe/Paris').minus({ days: daysAgo }).toISODate()!;
const year = () => DateTime.fromJSDate(clock.now()).setZone('Europe/Paris').year;
const inject = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

async function newInvoice(tiersPayant = 'none'): Promise<string> {
  const r = await inject(desk, 'POST', '/api/billing/invoices', {
    patientId: patient, practitionerId: martinId, date: day(1), acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant, coverage: { mutuelle: { present: false } },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.json().invoice.id;
}

beforeAll(async () => {
  pivot = await createTestPivot();
  [desk, martin, lefevre] = (await Promise.all(['accueil', 'medecin', 'medecin2'].map((u) => pivot.login(`${u}@demo.pivot`)))) as [string, string, string];
  martinId = (await db().selectFrom('practitioners as p').innerJoin('accounts as a', 'a.id', 'p.account_id').select('p.id').where('a.email', '=', 'medecin@demo.pivot').executeTakeFirstOrThrow()).id;
  const practiceA = (await db().selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  patient = (await db().selectFrom('patients').select('id').where('practice_id', '=', practiceA).where('birth_date', '<', '1990-01-01').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
}, 180_000);
afterAll(async () => pivot?.close());

describe('payments', () => {
  it('partial cash, then a split cheque + card settles it; the balance follows; beyond what is due is refused', async () => {
    const id = await newInvoice(); // 30 € due at the desk
    const cash = await inject(desk, 'POST', `/api/billing/invoices/${id}/payments`, { payments: [{ method: 'cash', amountCents: 1000 }] });
    expect(cash.statusCode, cash.body).toBe(201);
    expect(cash.json().invoice.amounts).toMatchObject({ paidCents: 1000, remainingCents: 2000 });
    const balance = await inject(desk, 'GET', `/api/billing/patients/${patient}/balance`);
    expect(balance.statusCode).toBe(200);
    expect(balance.json().invoices.find((i: { id: string }) => i.id === id)).toMatchObject({ remainingCents: 2000 });
    const over = await inject(desk, 'POST', `/api/billing/invoices/${id}/payments`, { payments: [{ method: 'cash', amountCents: 2001 }] });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.message).toBe('Le montant dépasse le reste dû (20,00 €).');
    const split = await inject(desk, 'POST', `/api/billing/invoices/${id}/payments`, {
      payments: [
        { method: 'cheque', amountCents: 1500, cheque: { bank: 'Crédit Agricole', number: '0012345', drawer: 'M. Dupont' } },
        { method: 'card', amountCents: 500 },
      ],
    });
    expect(split.statusCode, split.body).toBe(201);
    const inv = split.json().invoice;
    expect(inv.amounts).toMatchObject({ paidCents: 3000, remainingCents: 0 });
    expect(inv.payments.map((p: { method: string }) => p.method)).toEqual(['cash', 'cheque', 'card']);
    expect(inv.payments[1].cheque).toEqual({ bank: 'Crédit Agricole', number: '0012345', drawer: 'M. Dupont' });
    expect(inv.payments[2].card).toMatchObject({ terminal: 'simulated-terminal', transactionId: expect.stringMatching(/^SIM-/), authorisation: expect.stringMatching(/^\d{6}$/) });
    const paid = await inject(desk, 'POST', `/api/billing/invoices/${id}/payments`, { payments: [{ method: 'transfer', amountCents: 1, reference: 'VIR 42' }] });
    expect(paid.json().error.message).toBe('Cette facture est déjà entièrement réglée.');
    expect((await inject(desk, 'GET', `/api/billing/patients/${patient}/balance`)).json().invoices.some((i: { id: string }) => i.id === id)).toBe(false);
    const audit = await db().selectFrom('audit_log').select('action').where('action', '=', 'billing.payment.recorded').execute();
    expect(audit.length).toBe(3);
  });

  it('a cheque without its drawer, a zero or negative amount: 400, nothing written', async () => {
    const id = await newInvoice();
    for (const p of [{ method: 'cheque', amountCents: 100, cheque: { bank: 'LCL', number: '1' } }, { method: 'cash', amountCents: 0 }, { method: 'cash', amountCents: -5 }, { method: 'cash', amountCents: 1.5 }])
      expect((await inject(desk, 'POST', `/api/billing/invoices/${id}/payments`, { payments: [p] })).statusCode).toBe(400);
    expect((await inject(lefevre, 'POST', `/api/billing/invoices/${id}/payments`, { payments: [{ method: 'cash', amountCents: 100 }] })).statusCode).toBe(404);
    expect((await db().selectFrom('billing_payments').select('id').where('invoice_id', '=', id).execute()).length).toBe(0);
  });

  it('payments are immutable, and the database refuses an overpayment written past the application', async () => {
    const id = await newInvoice();
    const account = (await db().selectFrom('accounts').select('id').where('email', '=', 'accueil@demo.pivot').executeTakeFirstOrThrow()).id;
    const practiceId = (await db().selectFrom('billing_invoices').select('practice_id').where('id', '=', id).executeTakeFirstOrThrow()).practice_id;
    const insert = (cents: number) => sql`INSERT INTO billing_payments (practice_id, invoice_id, method, amount_cents, recorded_by) VALUES (${practiceId}, ${id}, 'cash', ${cents}, ${account})`.execute(db());
    await insert(2999);
    await expect(insert(2)).rejects.toThrow(/paid_within_due/);
    await expect(sql`UPDATE billing_payments SET amount_cents = 1 WHERE invoice_id = ${id}`.execute(db())).rejects.toThrow(/never updated/);
    await expect(sql`DELETE FROM billing_payments WHERE invoice_id = ${id}`.execute(db())).rejects.toThrow(/never updated/);
  });

  it('a card declined by the terminal records nothing (service with a terminal that declines above 1 €)', async () => {
    const id = await newInvoice();
    const inv = await db().selectFrom('billing_invoices').select(['practice_id', 'created_by']).where('id', '=', id).executeTakeFirstOrThrow();
    const ctx = { practiceId: inv.practice_id, accountId: inv.created_by, roles: ['secretary'], language: 'fr', audit: () => undefined, afterCommit: () => undefined } as unknown as RequestContext;
    const declining = new SimulatedPaymentTerminal({ declineAboveCents: 100 });
    await expect(
      db().transaction().execute((tx) => recordPayments(tx, ctx, declining, id, [{ method: 'cash', amountCents: 500 }, { method: 'card', amountCents: 500 }])),
    ).rejects.toMatchObject({ status: 422, overrideMessage: { fr: expect.stringMatching(/^Paiement par carte refusé : plafond/) } });
    expect((await db().selectFrom('billing_payments').select('id').where('invoice_id', '=', id).execute()).length).toBe(0);
  });

  it('the simulated payment terminal approves up to its ceiling and declines above', async () => {
    const t = new SimulatedPaymentTerminal({ declineAboveCents: 1000 });
    expect(await t.charge({ amountCents: 1000, reference: 'x' })).toMatchObject({ approved: true });
    expect(await t.charge({ amountCents: 1001, reference: 'x' })).toMatchObject({ approved: false, reason: expect.stringMatching(/simulé/) });
  });
});

describe('receipts', () => {
  const number = (n: number) => `${year()}-${String(n).padStart(6, '0')}`;

  it('numbered per practitioner and year; one receipt per invoice; a correction is a credit note and a new receipt', async () => {
    const id = await newInvoice();
    const first = await inject(desk, 'POST', `/api/billing/invoices/${id}/receipts`);
    expect(first.statusCode, first.body).toBe(201);
    const n0 = Number(first.json().invoice.receipts[0].number.split('-')[1]);
    expect(first.json().invoice.receipts[0]).toMatchObject({ kind: 'receipt', number: number(n0), cancelled: false, paidCents: 0 });
    expect((await inject(desk, 'POST', `/api/billing/invoices/${id}/receipts`)).statusCode).toBe(409);
    await inject(desk, 'POST', `/api/billing/invoices/${id}/payments`, { payments: [{ method: 'cash', amountCents: 3000 }] });
    const fix = await inject(desk, 'POST', `/api/billing/receipts/${first.json().receiptId}/credit-note`, { reason: 'Reçu émis avant le paiement' });
    expect(fix.statusCode, fix.body).toBe(201);
    const view = (await inject(martin, 'GET', `/api/billing/invoices/${id}`)).json().invoice;
    expect(view.receipts.map((r: { kind: string; number: string; cancelled: boolean; paidCents: number }) => [r.kind, r.number, r.cancelled, r.paidCents])).toEqual([
      ['receipt', number(n0), true, 0],
      ['credit_note', number(n0 + 1), false, 0],
      ['receipt', number(n0 + 2), false, 3000],
    ]);
    expect((await inject(desk, 'POST', `/api/billing/receipts/${first.json().receiptId}/credit-note`, { reason: 'encore' })).statusCode).toBe(409);
    expect((await inject(desk, 'POST', `/api/billing/receipts/${fix.json().creditNoteId}/credit-note`, { reason: 'encore' })).statusCode).toBe(409);
    expect((await inject(lefevre, 'POST', `/api/billing/receipts/${fix.json().receiptId}/credit-note`, { reason: 'pas le mien' })).statusCode).toBe(404);
    const actions = (await db().selectFrom('audit_log').select('action').where('action', 'like', 'billing.%').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['billing.receipt.issued', 'billing.credit_note.issued', 'billing.invoice.read']));
  });

  it('the database gives the numbers: a rolled-back issue leaves no gap; issued documents and counters cannot be edited', async () => {
    const id = await newInvoice();
    const inv = await db().selectFrom('billing_invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const last = async () => (await db().selectFrom('billing_receipt_counters').select('last_number').where('practitioner_id', '=', martinId).where('year', '=', year()).executeTakeFirst())?.last_number ?? 0;
    const before = await last();
    const values = {
      practice_id: inv.practice_id, practitioner_id: martinId, invoice_id: id, kind: 'receipt' as const, total_cents: 3000, amo_cents: 2100, amc_cents: 0,
      patient_cents: 900, due_at_desk_cents: 3000, paid_cents: 0, issued_by: inv.created_by,
    };
    await expect(
      db().transaction().execute(async (tx) => {
        const r = await tx.insertInto('billing_receipts').values(values).returning('number').executeTakeFirstOrThrow();
        expect(r.number).toBe(before + 1);
        throw new Error('printer on fire: roll back');
      }),
    ).rejects.toThrow(/printer on fire/);
    expect(await last()).toBe(before);
    const next = await inject(desk, 'POST', `/api/billing/invoices/${id}/receipts`);
    expect(next.json().invoice.receipts[0].number).toBe(number(before + 1));
    const rid = next.json().receiptId as string;
    await expect(sql`UPDATE billing_receipts SET paid_cents = 0 WHERE id = ${rid}`.execute(db())).rejects.toThrow(/never updated/);
    await expect(sql`DELETE FROM billing_receipts WHERE id = ${rid}`.execute(db())).rejects.toThrow(/never updated/);
    await expect(sql`UPDATE billing_receipt_counters SET last_number = last_number + 2 WHERE practitioner_id = ${martinId}`.execute(db())).rejects.toThrow(/one step up/);
    await expect(sql`DELETE FROM billing_receipt_counters WHERE practitioner_id = ${martinId}`.execute(db())).rejects.toThrow(/one step up/);
    // A second receipt in force for the invoice is refused by the database too; the figures are the invoice's.
    await expect(db().insertInto('billing_receipts').values(values).execute()).rejects.toThrow(/already has a receipt in force/);
    const stated = await db().selectFrom('billing_receipts').select(['patient_cents', 'paid_cents', 'due_at_desk_cents']).where('id', '=', rid).executeTakeFirstOrThrow();
    expect(stated).toEqual({ patient_cents: inv.patient_cents, paid_cents: 0, due_at_desk_cents: inv.due_at_desk_cents });
    const other = await newInvoice();
    const wrong = await db().transaction().execute(async (tx) => {
      const r = await tx.insertInto('billing_receipts').values({ ...values, invoice_id: other, total_cents: 1, amo_cents: 0, patient_cents: 1, due_at_desk_cents: 1 }).returning(['total_cents', 'paid_cents']).executeTakeFirstOrThrow();
      return r;
    });
    expect(wrong).toEqual({ total_cents: 3000, paid_cents: 0 });
    const numbers = (await db().selectFrom('billing_receipts').select('number').where('practitioner_id', '=', martinId).where('year', '=', year()).orderBy('number').execute()).map((r) => r.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});
