import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPivot } from '../../../../tests/helpers.js';
import { pdfText, pdfToPngs } from '../../platform/pdf/testing.js';
import { booksKit, daysAgo, injectAs, today, type BooksKit } from './test-kit.js';

/** The books through their routes: receipt PDF and e-mail, day book and closing, slips, expenses, FEC/CSV, rights. */
let pivot: TestPivot;
let k: BooksKit;
const db = () => pivot.database.db;
const inject: ReturnType<typeof injectAs> = (...args) => injectAs(pivot)(...args);

async function invoiceFor(practitionerId = k.martinId): Promise<string> {
  const r = await inject(k.desk, 'POST', '/api/billing/invoices', {
    patientId: k.patient, practitionerId, date: daysAgo(1), acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant: 'none', coverage: { mutuelle: { present: false } },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.json().invoice.id;
}
async function pay(invoiceId: string, payments: object[]): Promise<string[]> {
  const r = await inject(k.desk, 'POST', `/api/billing/invoices/${invoiceId}/payments`, { payments });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.json().paymentIds;
}
const cheque = (amountCents: number, number: string) => ({ method: 'cheque', amountCents, cheque: { bank: 'Banque Postale', number, drawer: 'Mme Éloïse Dupré' } });

beforeAll(async () => {
  k = await booksKit();
  pivot = k.pivot;
}, 180_000);
afterAll(async () => pivot?.close());

describe('receipt PDF and e-mail', () => {
  it('prints the note d’honoraires with its legal mentions; hidden from another practitioner and another practice', async () => {
    const inv = await invoiceFor();
    await pay(inv, [{ method: 'cash', amountCents: 1000 }]);
    const receipt = (await inject(k.desk, 'POST', `/api/billing/invoices/${inv}/receipts`)).json().receiptId as string;
    const r = await inject(k.desk, 'GET', `/api/billing/receipts/${receipt}/pdf`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const pdf = r.rawPayload;
    const text = pdfText(pdf);
    const profile = await db().selectFrom('billing_profiles').selectAll().where('practitioner_id', '=', k.martinId).executeTakeFirstOrThrow();
    expect(text).toMatch(/Note d’honoraires n° \d{4}-\d{6}/);
    for (const s of [`RPPS ${profile.rpps}`, `N° Assurance Maladie ${profile.am_number}`, 'Secteur 1', 'Médecine générale', k.patientName, ' G ', 'Part Assurance Maladie (AMO)', 'Tiers payant', 'Déjà réglé', '10,00 €', 'Reste dû', '20,00 €', 'Page 1 / 1'])
      expect(text).toContain(s);
    pdfToPngs(pdf, 'billing-receipt');
    expect((await inject(k.lefevre, 'GET', `/api/billing/receipts/${receipt}/pdf`)).statusCode).toBe(404);
    expect((await inject(k.otherAdmin, 'GET', `/api/billing/receipts/${receipt}/pdf`)).statusCode).toBe(404);
    const audit = await db().selectFrom('audit_log').select(['action', 'resource_id']).where('action', 'in', ['billing.receipt.printed', 'billing.receipt.read']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['billing.receipt.printed', 'billing.receipt.read']);

    const mail = await inject(k.desk, 'POST', `/api/billing/receipts/${receipt}/email`, { to: 'patient@example.fr' });
    expect(mail.statusCode, mail.body).toBe(200);
    // Queued in the request's transaction as a mail of the practice (never of the staff outbox), tried after the commit.
    const out = await db().selectFrom('outgoing_messages').selectAll().where('recipient', '=', 'patient@example.fr').executeTakeFirstOrThrow();
    expect(out.subject).toContain(mail.json().number);
    expect(out).toMatchObject({ kind: 'receipt', channel: 'email' });
    expect(out.practice_id).not.toBeNull();
    const emailed = await db().selectFrom('audit_log').select('details').where('action', '=', 'billing.receipt.emailed').executeTakeFirstOrThrow();
    expect(emailed.details).toMatchObject({ to: 'patient@example.fr', patientId: mail.json().patientId });
    expect((await inject(k.desk, 'POST', `/api/billing/receipts/${receipt}/email`, { to: 'pas-une-adresse' })).statusCode).toBe(400);
  });
});

describe('day book, closing, reversing entries', () => {
  it('lists the practitioner’s payments by means; the patient is a reference unless he chooses names; small cash is grouped', async () => {
    const a = await invoiceFor();
    const b = await invoiceFor();
    await pay(a, [{ method: 'cash', amountCents: 1200 }, { method: 'card', amountCents: 1800 }]);
    await pay(b, [{ method: 'cash', amountCents: 500 }, cheque(2500, '7000001')]);
    const r = await inject(k.martin, 'GET', `/api/billing/practitioners/${k.martinId}/day-book?from=${today()}&to=${today()}`);
    expect(r.statusCode, r.body).toBe(200);
    const book = r.json();
    expect(book.settings).toEqual({ patientLabel: 'reference', groupSmallCash: true });
    expect(JSON.stringify(book.lines)).not.toContain(k.patientName);
    const group = book.lines.find((l: { kind: string }) => l.kind === 'cash_group');
    expect(group.amountCents).toBeGreaterThanOrEqual(1700);
    const day = book.days.find((d: { day: string }) => d.day === today());
    expect(day.byMeans.card).toBeGreaterThanOrEqual(1800);
    expect(day.totalCents).toBe(Object.values(day.byMeans as Record<string, number>).reduce((s, v) => s + v, 0));

    expect((await inject(k.martin, 'PUT', `/api/billing/practitioners/${k.martinId}/book-settings`, { patientLabel: 'name', groupSmallCash: false })).statusCode).toBe(200);
    const named = (await inject(k.martin, 'GET', `/api/billing/practitioners/${k.martinId}/day-book?from=${today()}&to=${today()}`)).json();
    expect(JSON.stringify(named.lines)).toContain(k.patientName);
    expect(named.lines.some((l: { kind: string }) => l.kind === 'cash_group')).toBe(false);
    await inject(k.martin, 'PUT', `/api/billing/practitioners/${k.martinId}/book-settings`, { patientLabel: 'reference', groupSmallCash: true });
  });

  it('only the practitioner and admins read the books: a secretary is refused, another practitioner and another practice get 404', async () => {
    const url = `/api/billing/practitioners/${k.martinId}/day-book`;
    expect((await inject(k.desk, 'GET', url)).statusCode).toBe(403);
    expect((await inject(k.lefevre, 'GET', url)).statusCode).toBe(404);
    expect((await inject(k.otherAdmin, 'GET', url)).statusCode).toBe(404);
    expect((await inject(k.admin, 'GET', url)).statusCode).toBe(200);
    expect((await inject(k.desk, 'POST', `/api/billing/practitioners/${k.martinId}/closed-days`, { day: today() })).statusCode).toBe(403);
    expect((await inject(k.lefevre, 'POST', `/api/billing/practitioners/${k.martinId}/closed-days`, { day: today() })).statusCode).toBe(404);
  });

  it('a closed day takes nothing more (clear 409, and the database refuses it); a later correction is dated the day it is made', async () => {
    const inv = await invoiceFor();
    const [paymentId] = await pay(inv, [{ method: 'cash', amountCents: 1000 }]);
    // Yesterday's payment (written as yesterday's directly: the API only ever records « now »).
    const yesterday = daysAgo(1);
    const old = await db().insertInto('billing_payments').values({ practice_id: (await db().selectFrom('billing_invoices').select('practice_id').where('id', '=', inv).executeTakeFirstOrThrow()).practice_id, invoice_id: inv, method: 'cash', amount_cents: 700, recorded_by: (await db().selectFrom('accounts').select('id').where('email', '=', 'accueil@demo.pivot').executeTakeFirstOrThrow()).id, received_at: sql<Date>`pivot_now() - interval '1 day'` as unknown as Date }).returning('id').executeTakeFirstOrThrow();
    const closeY = await inject(k.martin, 'POST', `/api/billing/practitioners/${k.martinId}/closed-days`, { day: yesterday });
    expect(closeY.statusCode, closeY.body).toBe(201);
    expect(closeY.json().entries).toBeGreaterThanOrEqual(1);
    expect((await inject(k.martin, 'POST', `/api/billing/practitioners/${k.martinId}/closed-days`, { day: yesterday })).statusCode).toBe(409);
    expect((await inject(k.martin, 'POST', `/api/billing/practitioners/${k.martinId}/closed-days`, { day: daysAgo(-1) })).statusCode).toBe(422);
    // Reversing yesterday's payment today: allowed, dated today; yesterday's totals do not move.
    const before = (await inject(k.martin, 'GET', `/api/billing/practitioners/${k.martinId}/day-book?from=${yesterday}&to=${yesterday}`)).json().totalCents;
    const rev = await inject(k.martin, 'POST', `/api/billing/payments/${old.id}/reversal`, { reason: 'Encaissement saisi en double' });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json()).toMatchObject({ entryDay: today(), amountCents: 700 });
    expect((await inject(k.martin, 'GET', `/api/billing/practitioners/${k.martinId}/day-book?from=${yesterday}&to=${yesterday}`)).json().totalCents).toBe(before);
    const todayBook = (await inject(k.martin, 'GET', `/api/billing/practitioners/${k.martinId}/day-book?from=${today()}&to=${today()}`)).json();
    expect(todayBook.lines.some((l: { kind: string; amountCents: number; reversesPaymentId: string }) => l.kind === 'reversal' && l.amountCents === -700 && l.reversesPaymentId === old.id)).toBe(true);
    expect((await inject(k.martin, 'POST', `/api/billing/payments/${old.id}/reversal`, { reason: 'encore' })).statusCode).toBe(409);
    expect((await inject(k.desk, 'POST', `/api/billing/payments/${paymentId}/reversal`, { reason: 'secrétaire' })).statusCode).toBe(403);

    // Close today: the desk can no longer collect nor issue for Dr Martin today, the database neither.
    const close = await inject(k.martin, 'POST', `/api/billing/practitioners/${k.martinId}/closed-days`, { day: today() });
    expect(close.statusCode, close.body).toBe(201);
    const refused = await inject(k.desk, 'POST', `/api/billing/invoices/${inv}/payments`, { payments: [{ method: 'cash', amountCents: 100 }] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('est clôturée');
    expect((await inject(k.desk, 'POST', `/api/billing/invoices/${inv}/receipts`)).statusCode).toBe(409);
    const practiceId = (await db().selectFrom('billing_invoices').select('practice_id').where('id', '=', inv).executeTakeFirstOrThrow()).practice_id;
    const deskId = (await db().selectFrom('accounts').select('id').where('email', '=', 'accueil@demo.pivot').executeTakeFirstOrThrow()).id;
    await expect(db().insertInto('billing_payments').values({ practice_id: practiceId, invoice_id: inv, method: 'cash', amount_cents: 100, recorded_by: deskId }).execute()).rejects.toThrow(/closed/);
    await expect(db().deleteFrom('billing_closed_days').where('practitioner_id', '=', k.martinId).execute()).rejects.toThrow(/never/);
    // Another practitioner's day is not closed.
    const other = await invoiceFor((await db().selectFrom('practitioners as p').innerJoin('accounts as a', 'a.id', 'p.account_id').select('p.id').where('a.email', '=', 'medecin3@demo.pivot').executeTakeFirstOrThrow()).id);
    await pay(other, [{ method: 'cash', amountCents: 100 }]);
  });
});
