import { DateTime } from 'luxon';
import { appendAudit } from '../audit/service.js';
import type { Db, Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { seededRandom } from '../platform/seeded-random.js';
import type { ExpenseCategory, Means } from './books/fec.js';
import { ibanWithKey } from './books/rules.js';
import type { Insertable } from 'kysely';
import { quote } from './rules/quote.js';
import type { BillingInvoiceLinesTable, BillingInvoicesTable, BillingPaymentsTable } from './schema.js';
import { TABLE_START, tariffOn } from './tariffs.js';
import { correctReceipt, issueReceipt } from './receipts.service.js';

/**
 * The demo practitioners' last three months of books, dated from the clock: consultations billed and paid by
 * every means (cash, card through the simulated terminal, cheque, transfer), cheques deposited weekly on numbered
 * slips, receipts and one credit note, monthly expenses, every day closed but the last few. Idempotent: a
 * practitioner who already has a bank account is left alone. Payments and slips are written with their past
 * dates directly (the routes only ever record « now »); invoices go through the service, so they are the engine's.
 */
const DAYS = 91;
const LEFT_OPEN = 4;
interface Plan { email: string; acts: { code: string; feeCents?: number }[]; parcours: 'medecin_traitant' | 'referred'; perDay: [number, number] }
const PLANS: Plan[] = [
  { email: 'medecin@demo.pivot', acts: [{ code: 'G' }], parcours: 'medecin_traitant', perDay: [2, 4] },
  { email: 'medecin2@demo.pivot', acts: [{ code: 'G' }], parcours: 'medecin_traitant', perDay: [1, 3] },
  { email: 'medecin3@demo.pivot', acts: [{ code: 'G' }], parcours: 'medecin_traitant', perDay: [1, 3] },
  { email: 'pediatre@demo.pivot', acts: [{ code: 'APC', feeCents: 7000 }], parcours: 'referred', perDay: [0, 2] },
  { email: 'moreau@demo.pivot', acts: [{ code: 'G' }], parcours: 'medecin_traitant', perDay: [1, 3] },
];
const EXPENSES: { day: number; payee: string; category: ExpenseCategory; cents: number; means: Means }[] = [
  { day: 1, payee: 'SCI des Tilleuls (loyer du cabinet)', category: 'rent', cents: 85000, means: 'transfer' },
  { day: 5, payee: 'Opérateur téléphonique', category: 'telecom', cents: 4599, means: 'direct_debit' },
  { day: 12, payee: 'Fournitures Médicales SA', category: 'purchases', cents: 12840, means: 'card' },
  { day: 15, payee: 'URSSAF (cotisations personnelles)', category: 'social_charges', cents: 98000, means: 'direct_debit' },
  { day: 20, payee: 'Banque (frais de tenue de compte)', category: 'bank_fees', cents: 1890, means: 'direct_debit' },
];

export async function seedBillingBooksDemo(db: Db, now: Date): Promise<{ invoices: number }> {
  let invoices = 0;
  for (const [i, plan] of PLANS.entries()) {
    invoices += await db.transaction().execute((tx) => seedPractitioner(tx, plan, now, seededRandom(4242 + i)));
  }
  return { invoices };
}

async function seedPractitioner(tx: Tx, plan: Plan, now: Date, rand: () => number): Promise<number> {
  const pr = await tx
    .selectFrom('practitioners as p').innerJoin('accounts as a', 'a.id', 'p.account_id').innerJoin('practices as pc', 'pc.id', 'p.practice_id')
    .innerJoin('billing_profiles as b', (j) => j.onRef('b.practitioner_id', '=', 'p.id').onRef('b.practice_id', '=', 'p.practice_id'))
    .select(['p.id', 'p.practice_id', 'p.display_name', 'pc.timezone'])
    .where('a.email', '=', plan.email).executeTakeFirst();
  if (!pr) return 0;
  if (await tx.selectFrom('billing_bank_accounts').select('id').where('practitioner_id', '=', pr.id).executeTakeFirst()) return 0;
  // The desk of the practice collects: its secretary when it has one, otherwise the practitioner's own account.
  const collector = await tx
    .selectFrom('memberships as m').innerJoin('accounts as a', 'a.id', 'm.account_id').select('a.id')
    .where('m.practice_id', '=', pr.practice_id).orderBy('a.email').where((eb) => eb.or([eb('a.email', '=', 'accueil@demo.pivot'), eb('a.email', '=', plan.email)]))
    .execute();
  const accountId = collector[0]!.id;
  const ctx = {
    sessionId: 'demo', accountId, email: 'demo', practiceId: pr.practice_id, roles: ['admin', 'secretary'], language: 'fr', mfaEnrollmentRequired: false, ip: '127.0.0.1',
    // The history's own entries stay out of the audit log (one summary entry below): a log of demo noise helps nobody.
    audit: () => undefined, afterCommit: () => undefined,
  } as unknown as RequestContext;
  const patients = await tx.selectFrom('patients').select(['id', 'birth_name', 'first_name', 'birth_date']).where('practice_id', '=', pr.practice_id).where('merged_into_id', 'is', null)
    .where('birth_date', '<', DateTime.fromJSDate(now).minus({ years: 20 }).toISODate()!).where('birth_date', '>', DateTime.fromJSDate(now).minus({ years: 75 }).toISODate()!).orderBy('id').limit(60).execute();
  if (patients.length === 0) return 0;
  const bank = await tx.insertInto('billing_bank_accounts')
    .values({ practice_id: pr.practice_id, practitioner_id: pr.id, label: 'Compte professionnel', holder: pr.display_name, bank_name: 'Crédit Mutuel', account: ibanWithKey('FR', `1027800000${String(Math.floor(rand() * 1e11)).padStart(11, '0')}42`) })
    .returning('id').executeTakeFirstOrThrow();

  const today = DateTime.fromJSDate(now).setZone(pr.timezone).startOf('day');
  const profile = await tx.selectFrom('billing_profiles').select(['sector', 'specialty']).where('practitioner_id', '=', pr.id).executeTakeFirstOrThrow();
  // Built in memory with the pure engine and written in a few statements: the demo is seeded before every
  // integration test file, so hundreds of one-row round trips would cost every test run.
  const invoiceRows: Insertable<BillingInvoicesTable>[] = [];
  const lineRows: Omit<Insertable<BillingInvoiceLinesTable>, 'invoice_id'>[][] = [];
  const paymentRows: (Omit<Insertable<BillingPaymentsTable>, 'invoice_id'> & { invoice: number })[] = [];
  let chequeNo = 1000000 + Math.floor(rand() * 8000000);
  const slipsByMonday = new Map<string, number[]>();
  let week: number[] = [];
  for (let d = DAYS; d >= 1; d--) {
    const day = today.minus({ days: d });
    if (day.weekday > 5) continue;
    if (day.weekday === 1 && week.length) {
      slipsByMonday.set(day.toISODate()!, week);
      week = [];
    }
    const date = day.toISODate()!;
    if (date < TABLE_START) continue; // the tariff table starts there (a clock set far back)
    const n = plan.perDay[0] + Math.floor(rand() * (plan.perDay[1] - plan.perDay[0] + 1));
    for (let k = 0; k < n; k++) {
      const patient = patients[Math.floor(rand() * patients.length)]!;
      const mutuelle = rand() < 0.2 ? { present: false } : { present: true, responsible: true, coversTicketModerateur: true, coveragePercentOfBR: 100 };
      const qc = {
        id: 'invoice', date, practitioner: { specialty: profile.specialty, sector: profile.sector },
        patient: { birthDate: patient.birth_date, ald: false, css: false, ame: false, maternity: false }, care: { aldRelated: false, atmp: false },
        parcours: plan.parcours, mutuelle, acts: plan.acts, tiersPayant: 'none' as const,
      };
      const q = quote(qc as Parameters<typeof quote>[0]);
      if ('error' in q) throw new Error(`demo billing: ${q.error}`);
      invoiceRows.push({
        practice_id: pr.practice_id, practitioner_id: pr.id, patient_id: patient.id, appointment_id: null, care_date: date, sector: profile.sector, specialty: profile.specialty,
        parcours: plan.parcours, tiers_payant: 'none', quote_case: JSON.stringify(qc), quote: JSON.stringify(q), warnings: q.detail.warnings, total_cents: q.totalCents,
        amo_cents: q.amoCents, amc_cents: q.amcCents, patient_cents: q.patientCents, participation_forfaitaire_cents: q.participationForfaitaireCents, due_at_desk_cents: q.dueAtDeskCents, created_by: accountId,
      });
      lineRows.push(plan.acts.map((a, i) => {
        const t = tariffOn(a.code, date)!;
        return { practice_id: pr.practice_id, position: i + 1, code: t.code, label: t.label, tariff_cents: t.cents, fee_cents: a.feeCents ?? t.cents };
      }));
      const r = rand();
      // Mostly card, then cash, cheque, transfer; one in twelve leaves part of the fee due.
      const method = r < 0.45 ? 'card' : r < 0.7 ? 'cash' : r < 0.92 ? 'cheque' : 'transfer';
      const cents = rand() < 1 / 12 ? Math.floor(q.dueAtDeskCents / 2) : q.dueAtDeskCents;
      if (method === 'cheque') week.push(paymentRows.length);
      paymentRows.push({
        invoice: invoiceRows.length - 1, practice_id: pr.practice_id, method, amount_cents: cents, received_at: day.set({ hour: 9 + k, minute: Math.floor(rand() * 50) }).toJSDate(), recorded_by: accountId,
        ...(method === 'cheque' ? { cheque_bank: ['Crédit Agricole', 'BNP Paribas', 'Banque Postale', 'Société Générale'][k % 4]!, cheque_number: String(chequeNo++), cheque_drawer: `${patient.first_name} ${patient.birth_name}` } : {}),
        ...(method === 'card' ? { terminal: 'simulated-terminal', terminal_transaction_id: `SIM-DEMO-${pr.id.slice(0, 4)}-${invoiceRows.length}`, terminal_authorisation: String(100000 + Math.floor(rand() * 899999)) } : {}),
        ...(method === 'transfer' ? { transfer_reference: `VIR ${patient.birth_name}` } : {}),
      });
    }
  }
  if (invoiceRows.length === 0) return 0;
  // The lines are checked against the invoice total at commit (deferred trigger), so invoices go first.
  const ids = (await tx.insertInto('billing_invoices').values(invoiceRows).returning('id').execute()).map((r) => r.id);
  await tx.insertInto('billing_invoice_lines').values(lineRows.flatMap((ls, i) => ls.map((l) => ({ ...l, invoice_id: ids[i]! })))).execute();
  const paymentIds = (await tx.insertInto('billing_payments').values(paymentRows.map(({ invoice, ...p }) => ({ ...p, invoice_id: ids[invoice]! }))).returning('id').execute()).map((r) => r.id);
  // Monday: last week's cheques go to the bank on one slip.
  for (const [monday, positions] of slipsByMonday) {
    const slip = await tx.insertInto('billing_deposit_slips')
      .values({ practice_id: pr.practice_id, practitioner_id: pr.id, bank_account_id: bank.id, number: 0, deposited_on: monday, cheque_count: positions.length, total_cents: positions.reduce((s, i) => s + paymentRows[i]!.amount_cents, 0), created_by: accountId })
      .returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('billing_deposit_slip_cheques').values(positions.map((i, n) => ({ practice_id: pr.practice_id, slip_id: slip.id, payment_id: paymentIds[i]!, position: n + 1 }))).execute();
  }
  const count = ids.length;
  const receipts = ids.filter((_, i) => i % 9 === 0);
  // Receipts are issued now (the database dates them), a few of them; the first one is corrected by a credit note.
  for (const id of receipts.slice(0, 8)) await issueReceipt(tx, ctx, id);
  const first = await tx.selectFrom('billing_receipts').select('id').where('practitioner_id', '=', pr.id).where('kind', '=', 'receipt').orderBy('number').limit(1).executeTakeFirst();
  if (first) await correctReceipt(tx, ctx, first.id, 'Démonstration : reçu réédité à la demande du patient');

  for (let m = 3; m >= 0; m--) {
    const month = today.minus({ months: m }).startOf('month');
    for (const e of EXPENSES) {
      const day = month.set({ day: e.day });
      if (day >= today || day < today.minus({ days: DAYS })) continue;
      await tx.insertInto('billing_expenses')
        .values({ practice_id: pr.practice_id, practitioner_id: pr.id, spent_on: day.toISODate()!, payee: e.payee, category: e.category, amount_cents: e.cents, means: e.means, created_by: accountId })
        .execute();
    }
  }
  // Every worked day is closed but the last few, which the practitioner still has to check.
  const closing: string[] = [];
  for (let d = DAYS; d > LEFT_OPEN; d--) {
    const day = today.minus({ days: d });
    if (day.weekday <= 5) closing.push(day.toISODate()!);
  }
  const totals = new Map<string, { entries: number; cents: number }>();
  for (const p of paymentRows) {
    const day = DateTime.fromJSDate(p.received_at as Date).setZone(pr.timezone).toISODate()!;
    const t = totals.get(day) ?? { entries: 0, cents: 0 };
    totals.set(day, { entries: t.entries + 1, cents: t.cents + p.amount_cents });
  }
  await tx.insertInto('billing_closed_days')
    .values(closing.map((day) => ({ practice_id: pr.practice_id, practitioner_id: pr.id, day, entries: totals.get(day)?.entries ?? 0, total_cents: totals.get(day)?.cents ?? 0, closed_by: accountId })))
    .execute();
  await appendAudit(tx, [{ accountId: null, practiceId: pr.practice_id, action: 'demo.billing_books_seeded', resourceType: 'practitioner', resourceId: pr.id, details: { invoices: count } }]);
  return count;
}
