import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { assertBooksAccess, isAdmin, ownPractitionerId, unprocessable } from '../access.js';
import { practiceToday } from './daybook.service.js';

/**
 * The books by month, for the charts screen: what each practitioner received and from whom (the patient at the
 * desk, net of reversing entries, by the month of the book day; the AMO and AMC shares billed in tiers payant, by
 * the month of care), and what is still due (the desk's remainder, the caisses' shares not yet received: until the
 * claims are recorded, every tiers payant share counts as due). An admin sees every practitioner's books, a
 * practitioner their own; a secretary none (the route's roles).
 */
export interface ChartsQuery {
  from?: string | undefined;
  to?: string | undefined;
  practitioner?: string | undefined;
}

export interface MonthRow {
  month: string;
  practitionerId: string;
  patientCents: number;
  amoCents: number;
  amcCents: number;
  billedCents: number;
  dueFromPatientsCents: number;
  dueFromPayersCents: number;
}

export interface BooksCharts {
  from: string;
  to: string;
  months: string[];
  practitioners: { id: string; name: string }[];
  rows: MonthRow[];
}

/** Whose books the caller may chart: the one named (if allowed), else every one for an admin, else their own. */
async function scope(tx: Tx, ctx: RequestContext, named: string | undefined): Promise<string[]> {
  if (named) {
    await assertBooksAccess(tx, ctx, named);
    return [named];
  }
  if (isAdmin(ctx)) {
    const rows = await tx.selectFrom('billing_profiles').select('practitioner_id').where('practice_id', '=', ctx.practiceId).execute();
    return rows.map((r) => r.practitioner_id);
  }
  const own = await ownPractitionerId(tx, ctx);
  if (!own) throw unprocessable('practitioner', 'Ce compte n’est pas celui d’un praticien.', 'This account is not a practitioner’s.');
  return [own];
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = DateTime.fromISO(from).startOf('month'); m <= DateTime.fromISO(to); m = m.plus({ months: 1 })) out.push(m.toFormat('yyyy-MM'));
  return out;
}

export async function booksCharts(tx: Tx, ctx: RequestContext, q: ChartsQuery): Promise<BooksCharts> {
  const to = q.to ?? (await practiceToday(tx, ctx.practiceId));
  // By default the last twelve months, the current one included.
  const from = q.from ?? DateTime.fromISO(to).minus({ months: 11 }).startOf('month').toISODate()!;
  if (from > to) throw unprocessable('from', 'La date de début est après la date de fin.', 'The start date is after the end date.');
  if (DateTime.fromISO(to).diff(DateTime.fromISO(from), 'months').months > 36) throw unprocessable('to', 'Les graphiques couvrent au plus trois ans.', 'The charts cover three years at most.');
  const ids = await scope(tx, ctx, q.practitioner);
  const practitioners = ids.length
    ? await tx.selectFrom('practitioners').select(['id', 'display_name as name']).where('practice_id', '=', ctx.practiceId).where('id', 'in', ids).orderBy('display_name').execute()
    : [];
  if (!ids.length) return { from, to, months: monthsBetween(from, to), practitioners, rows: [] };
  const inScope = sql.join(ids.map((id) => sql`${id}::uuid`));
  const month = (d: ReturnType<typeof sql>) => sql`to_char(${d}, 'YYYY-MM')`;
  const bookDay = sql`billing_local_day(p.practice_id, p.received_at)`;
  // One row per practitioner and month; each part of the UNION fills its own columns.
  const rows = await sql<{ month: string; practitioner_id: string; patient: string; amo: string; amc: string; billed: string; due_patients: string; due_payers: string }>`
    SELECT month, practitioner_id, sum(patient) AS patient, sum(amo) AS amo, sum(amc) AS amc, sum(billed) AS billed,
           sum(due_patients) AS due_patients, sum(due_payers) AS due_payers
      FROM (
        SELECT ${month(bookDay)} AS month, i.practitioner_id, p.amount_cents AS patient, 0 AS amo, 0 AS amc, 0 AS billed, 0 AS due_patients, 0 AS due_payers
          FROM billing_payments p JOIN billing_invoices i ON i.id = p.invoice_id
         WHERE p.practice_id = ${ctx.practiceId} AND i.practitioner_id IN (${inScope}) AND ${bookDay} BETWEEN ${from}::date AND ${to}::date
        UNION ALL
        SELECT ${month(sql`v.entry_day`)}, v.practitioner_id, -v.amount_cents, 0, 0, 0, 0, 0
          FROM billing_reversals v
         WHERE v.practice_id = ${ctx.practiceId} AND v.practitioner_id IN (${inScope}) AND v.entry_day BETWEEN ${from}::date AND ${to}::date
        UNION ALL
        SELECT ${month(sql`i.care_date`)}, i.practitioner_id, 0,
               CASE WHEN i.tiers_payant <> 'none' THEN i.amo_cents ELSE 0 END,
               i.total_cents - i.due_at_desk_cents - CASE WHEN i.tiers_payant <> 'none' THEN i.amo_cents ELSE 0 END,
               i.total_cents,
               i.due_at_desk_cents - i.paid_cents + coalesce((SELECT sum(v.amount_cents) FROM billing_reversals v JOIN billing_payments rp ON rp.id = v.payment_id WHERE rp.invoice_id = i.id), 0),
               i.total_cents - i.due_at_desk_cents
          FROM billing_invoices i
         WHERE i.practice_id = ${ctx.practiceId} AND i.practitioner_id IN (${inScope}) AND i.care_date BETWEEN ${from}::date AND ${to}::date
      ) parts
     GROUP BY month, practitioner_id
     ORDER BY month, practitioner_id`.execute(tx);
  ctx.audit({ action: 'billing.charts.read', resourceType: 'practice', resourceId: ctx.practiceId, details: { from, to, practitioners: ids.length } });
  return {
    from, to, months: monthsBetween(from, to), practitioners,
    rows: rows.rows.map((r) => ({
      month: r.month, practitionerId: r.practitioner_id, patientCents: Number(r.patient), amoCents: Number(r.amo), amcCents: Number(r.amc),
      billedCents: Number(r.billed), dueFromPatientsCents: Number(r.due_patients), dueFromPayersCents: Number(r.due_payers),
    })),
  };
}
