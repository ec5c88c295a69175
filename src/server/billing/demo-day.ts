import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { appendAudit } from '../audit/service.js';
import type { Db, Tx } from '../platform/db/database.js';
import { clock } from '../platform/clock.js';
import type { QuoteCase } from './contract.js';
import { resolveCoverage, type FileAmc, type FileAmo } from './rules/coverage.js';
import { ageOn, quote } from './rules/quote.js';
import { proposeDraft } from './rules/suggest.js';
import { tariffOn } from './tariffs.js';
import { SimulatedPaymentTerminal } from './terminal.js';

/**
 * Today's billing at the demo desk, so that `npm start` shows a living « Encaisser » screen: most consultations
 * already seen today are billed, paid (cash, card on the simulated terminal, cheque) and have their receipt; one
 * is billed and left unpaid; the others wait to be billed. Runs after the reception demo (it bills the visits that
 * demo marked as seen), once a day (idempotent), as the demo secretary. Demo data only: rows are written directly,
 * the database's triggers still number the receipts and apply the payments.
 */
const METHODS = ['card', 'cash', 'cheque'] as const;

export async function seedBillingDayDemo(db: Db, now = clock.now(), slug = 'maison-de-sante-des-tilleuls'): Promise<{ invoices: number; paid: number }> {
  return db.transaction().execute(async (tx) => {
    const practice = await tx.selectFrom('practices').select(['id', 'timezone']).where('slug', '=', slug).executeTakeFirst();
    const desk = await tx.selectFrom('accounts').select('id').where('email', '=', 'secretaire@demo.pivot').executeTakeFirst();
    if (!practice || !desk) return { invoices: 0, paid: 0 };
    const date = DateTime.fromJSDate(now, { zone: practice.timezone }).toISODate()!;
    await sql`SELECT pg_advisory_xact_lock(hashtext('billing-demo'), hashtext(${practice.id + date}))`.execute(tx);
    const already = await tx.selectFrom('billing_invoices').select('id').where('practice_id', '=', practice.id).where('care_date', '=', date).limit(1).executeTakeFirst();
    if (already) return { invoices: 0, paid: 0 };
    const dayStart = DateTime.fromISO(date, { zone: practice.timezone }).startOf('day').toJSDate();
    const seen = await tx
      .selectFrom('appointments as a')
      .innerJoin('billing_profiles as b', (j) => j.onRef('b.practice_id', '=', 'a.practice_id').onRef('b.practitioner_id', '=', 'a.practitioner_id'))
      .innerJoin('patients as p', 'p.id', 'a.patient_id')
      .leftJoin('appointment_types as t', 't.id', 'a.appointment_type_id')
      .select(['a.id', 'a.practitioner_id', 'a.patient_id', 'a.teleconsultation', 't.name as motif', 'b.sector', 'b.specialty', 'b.practises_depassements', 'p.birth_date', 'p.amo', 'p.amc', 'p.gp'])
      .where('a.practice_id', '=', practice.id)
      .where('a.status', '=', 'done')
      .where('a.starts_at', '>=', dayStart)
      .where('a.starts_at', '<', now)
      .where('b.specialty', '=', 'general_practice')
      .where('p.merged_into_id', 'is', null)
      .orderBy('a.starts_at')
      .execute();
    // Leave the last two consultations of the morning to bill, so the screen has work to show.
    const toBill = seen.slice(0, Math.max(0, seen.length - 2));
    const quoted = toBill.flatMap((a, k) => {
      const coverage = resolveCoverage(a.amo as FileAmo | null, a.amc as FileAmc | null, date);
      const care = { aldRelated: false, atmp: false };
      const gp = a.gp as { practitionerId?: string | null } | null;
      const proposal = proposeDraft({
        specialty: a.specialty, practisesDepassements: a.practises_depassements, motif: { name: a.motif ?? '', teleconsultation: a.teleconsultation },
        age: ageOn(a.birth_date, date), coverage: coverage.patient, care, gp: !gp ? 'none' : gp.practitionerId === a.practitioner_id ? 'this_practitioner' : 'other',
      }, { tiersPayant: k % 4 === 1 ? 'amo' : 'none' });
      const qc: QuoteCase = { id: 'demo', date, practitioner: { specialty: a.specialty, sector: a.sector }, patient: { birthDate: a.birth_date, ...coverage.patient }, care, parcours: proposal.parcours, mutuelle: coverage.mutuelle, acts: proposal.acts, tiersPayant: proposal.tiersPayant };
      const q = quote(qc);
      return 'error' in q ? [] : [{ a, proposal, qc, q, warnings: [...q.detail.warnings, ...coverage.notes] }];
    });
    // The last invoice with something to collect stays unpaid: the desk sees what remains due.
    const unpaid = quoted.map((x) => x.q.dueAtDeskCents > 0).lastIndexOf(true);
    let paid = 0;
    for (const [k, { a, proposal, qc, q, warnings }] of quoted.entries()) {
      const inv = await tx
        .insertInto('billing_invoices')
        .values({
          practice_id: practice.id, practitioner_id: a.practitioner_id, patient_id: a.patient_id, appointment_id: a.id, care_date: date, sector: a.sector, specialty: a.specialty,
          parcours: proposal.parcours, tiers_payant: proposal.tiersPayant, quote_case: JSON.stringify(qc), quote: JSON.stringify(q), warnings,
          total_cents: q.totalCents, amo_cents: q.amoCents, amc_cents: q.amcCents, patient_cents: q.patientCents, participation_forfaitaire_cents: q.participationForfaitaireCents,
          due_at_desk_cents: q.dueAtDeskCents, created_by: desk.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('billing_invoice_lines')
        .values(proposal.acts.map((act, i) => {
          const row = tariffOn(act.code, date)!;
          return { practice_id: practice.id, invoice_id: inv.id, position: i + 1, code: row.code, label: row.label, tariff_cents: row.cents, fee_cents: row.cents };
        }))
        .execute();
      if (k === unpaid) continue;
      if (q.dueAtDeskCents > 0) {
        const method = METHODS[k % METHODS.length]!;
        await tx
          .insertInto('billing_payments')
          .values({
            practice_id: practice.id, invoice_id: inv.id, method, amount_cents: q.dueAtDeskCents, recorded_by: desk.id,
            ...(method === 'cheque' ? { cheque_bank: 'Crédit Agricole', cheque_number: String(4_812_000 + k), cheque_drawer: 'Titulaire du compte' } : {}),
            ...(method === 'card' ? { terminal: new SimulatedPaymentTerminal().name, terminal_transaction_id: `SIM-DEMO-${date}-${k}`, terminal_authorisation: String(100_000 + k) } : {}),
          })
          .execute();
        paid++;
      }
      await issueDemoReceipt(tx, practice.id, a.practitioner_id, inv.id, { ...q, paidCents: q.dueAtDeskCents }, desk.id);
    }
    const invoices = quoted.length;
    if (invoices) await appendAudit(tx, [{ accountId: null, practiceId: practice.id, action: 'demo.billing_day_seeded', resourceType: 'practice', resourceId: practice.id, details: { date, invoices, paid } }]);
    return { invoices, paid };
  });
}

type Amounts = { totalCents: number; amoCents: number; amcCents: number; patientCents: number; dueAtDeskCents: number; paidCents?: number };

async function issueDemoReceipt(tx: Tx, practiceId: string, practitionerId: string, invoiceId: string, q: Amounts, by: string) {
  await tx
    .insertInto('billing_receipts')
    .values({
      practice_id: practiceId, practitioner_id: practitionerId, invoice_id: invoiceId, kind: 'receipt', total_cents: q.totalCents, amo_cents: q.amoCents, amc_cents: q.amcCents,
      patient_cents: q.patientCents, due_at_desk_cents: q.dueAtDeskCents, paid_cents: q.paidCents ?? 0, issued_by: by,
    })
    .execute();
}
