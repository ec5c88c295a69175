import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { clock } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { assertBooksAccess, unprocessable } from '../access.js';
import { dayBookLines, dayTotals, patientReference, type BookEntry, type BookLine, type DayTotals } from './rules.js';

/**
 * The practitioner's day book (livre-journal des recettes): every payment received, by day and means of payment,
 * reversing entries on the day they were made, closed days. Only the practitioner and an admin read or close it.
 */
export interface BookSettings {
  patientLabel: 'name' | 'reference';
  groupSmallCash: boolean;
}

export async function bookSettings(tx: Tx, practiceId: string, practitionerId: string): Promise<BookSettings> {
  const s = await tx.selectFrom('billing_book_settings').selectAll().where('practice_id', '=', practiceId).where('practitioner_id', '=', practitionerId).executeTakeFirst();
  // Default: the reference, not the name (medical secrecy: the books go to the accountant).
  return { patientLabel: s?.patient_label ?? 'reference', groupSmallCash: s?.group_small_cash ?? true };
}

export async function saveBookSettings(tx: Tx, ctx: RequestContext, practitionerId: string, s: BookSettings): Promise<BookSettings> {
  await assertBooksAccess(tx, ctx, practitionerId);
  await tx
    .insertInto('billing_book_settings')
    .values({ practice_id: ctx.practiceId, practitioner_id: practitionerId, patient_label: s.patientLabel, group_small_cash: s.groupSmallCash, updated_by: ctx.accountId, updated_at: clock.now() })
    .onConflict((oc) => oc.columns(['practice_id', 'practitioner_id']).doUpdateSet({ patient_label: s.patientLabel, group_small_cash: s.groupSmallCash, updated_by: ctx.accountId, updated_at: clock.now() }))
    .execute();
  return s;
}

/** Today in the practice's time zone. */
export async function practiceToday(tx: Tx, practiceId: string): Promise<string> {
  const p = await tx.selectFrom('practices').select('timezone').where('id', '=', practiceId).executeTakeFirstOrThrow();
  return DateTime.fromJSDate(clock.now()).setZone(p.timezone).toISODate()!;
}

const localDay = (col: string) => sql<string>`billing_local_day(${sql.ref('i.practice_id')}, ${sql.ref(col)})::text`;

/** Payments and reversals of a practitioner whose book day falls in [from, to]. Access is the caller's business. */
export async function bookEntries(tx: Tx, practiceId: string, practitionerId: string, from: string, to: string, label: BookSettings['patientLabel']): Promise<BookEntry[]> {
  const payments = await tx
    .selectFrom('billing_payments as p')
    .innerJoin('billing_invoices as i', 'i.id', 'p.invoice_id')
    .innerJoin('patients as pa', 'pa.id', 'i.patient_id')
    .select([
      'p.id', 'p.method', 'p.amount_cents', 'p.received_at', 'p.cheque_bank', 'p.cheque_number', 'p.cheque_drawer', 'i.id as invoice_id', 'i.patient_id',
      'pa.birth_name', 'pa.used_name', 'pa.first_name', localDay('p.received_at').as('day'),
      (eb) =>
        eb.selectFrom('billing_receipts as r').select(sql<string>`r.year || '-' || lpad(r.number::text, 6, '0')`.as('n'))
          .whereRef('r.invoice_id', '=', 'i.id').where('r.kind', '=', 'receipt').orderBy('r.year', 'desc').orderBy('r.number', 'desc').limit(1).as('receipt'),
    ])
    .where('i.practice_id', '=', practiceId)
    .where('i.practitioner_id', '=', practitionerId)
    .where(localDay('p.received_at'), '>=', from)
    .where(localDay('p.received_at'), '<=', to)
    .execute();
  const reversals = await tx
    .selectFrom('billing_reversals as v')
    .innerJoin('billing_payments as p', 'p.id', 'v.payment_id')
    .innerJoin('billing_invoices as i', 'i.id', 'p.invoice_id')
    .innerJoin('patients as pa', 'pa.id', 'i.patient_id')
    .select(['v.id', 'v.payment_id', 'v.amount_cents', 'v.entry_day', 'v.created_at', 'p.method', 'i.id as invoice_id', 'i.patient_id', 'pa.birth_name', 'pa.used_name', 'pa.first_name'])
    .where('v.practice_id', '=', practiceId)
    .where('v.practitioner_id', '=', practitionerId)
    .where('v.entry_day', '>=', from)
    .where('v.entry_day', '<=', to)
    .execute();
  const who = (r: { patient_id: string; birth_name: string; used_name: string | null; first_name: string }) =>
    label === 'name' ? `${(r.used_name ?? r.birth_name).toUpperCase()} ${r.first_name}` : patientReference(r.patient_id);
  return [
    ...payments.map((p): BookEntry => ({
      id: p.id, kind: 'payment', day: p.day, at: new Date(p.received_at).toISOString(), means: p.method, amountCents: p.amount_cents, patient: who(p),
      invoiceId: p.invoice_id, receiptNumber: p.receipt ?? null,
      cheque: p.cheque_bank ? { bank: p.cheque_bank, number: p.cheque_number!, drawer: p.cheque_drawer! } : null, reversesPaymentId: null,
    })),
    ...reversals.map((v): BookEntry => ({
      id: v.id, kind: 'reversal', day: v.entry_day, at: new Date(v.created_at).toISOString(), means: v.method, amountCents: -v.amount_cents, patient: who(v),
      invoiceId: v.invoice_id, receiptNumber: null, cheque: null, reversesPaymentId: v.payment_id,
    })),
  ];
}

export interface DayBook {
  practitionerId: string;
  from: string;
  to: string;
  settings: BookSettings;
  lines: BookLine[];
  days: (DayTotals & { closed: boolean })[];
  closedDays: string[];
  totalCents: number;
}

export async function dayBook(tx: Tx, ctx: RequestContext, practitionerId: string, from: string, to: string): Promise<DayBook> {
  await assertBooksAccess(tx, ctx, practitionerId);
  if (from > to) throw unprocessable('from', 'La date de début est après la date de fin.', 'The start date is after the end date.');
  const settings = await bookSettings(tx, ctx.practiceId, practitionerId);
  const entries = await bookEntries(tx, ctx.practiceId, practitionerId, from, to, settings.patientLabel);
  const closed = await tx
    .selectFrom('billing_closed_days').select(sql<string>`day::text`.as('day'))
    .where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', practitionerId).where('day', '>=', from).where('day', '<=', to)
    .orderBy('day').execute();
  const closedSet = new Set(closed.map((c) => c.day));
  return {
    practitionerId, from, to, settings,
    lines: dayBookLines(entries, settings.groupSmallCash),
    days: dayTotals(entries).map((d) => ({ ...d, closed: closedSet.has(d.day) })),
    closedDays: [...closedSet],
    totalCents: entries.reduce((s, e) => s + e.amountCents, 0),
  };
}

/** Refuses, with a clear message, what the database would refuse anyway (billing_books_closed_day). */
export async function assertDayOpen(tx: Tx, practiceId: string, practitionerId: string, day?: string): Promise<void> {
  const d = day ?? (await practiceToday(tx, practiceId));
  const closed = await tx.selectFrom('billing_closed_days').select('day').where('practice_id', '=', practiceId).where('practitioner_id', '=', practitionerId).where('day', '=', d).executeTakeFirst();
  // The day as a secretary reads it (07/12/2026), not as the database stores it.
  const shown = `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  if (closed)
    throw new AppError('conflict', [{ field: null, message: { fr: `La journée du ${shown} est clôturée pour ce praticien : rien ne peut plus y être encaissé ni émis.`, en: `The day ${shown} is closed for this practitioner: nothing more can be collected or issued on it.` } }], {
      fr: `La journée du ${shown} est clôturée pour ce praticien : rien ne peut plus y être encaissé ni émis.`,
      en: `The day ${shown} is closed for this practitioner: nothing more can be collected or issued on it.`,
    });
}

export async function closeDay(tx: Tx, ctx: RequestContext, practitionerId: string, day: string): Promise<{ day: string; entries: number; totalCents: number }> {
  await assertBooksAccess(tx, ctx, practitionerId);
  if (day > (await practiceToday(tx, ctx.practiceId))) throw unprocessable('day', 'On ne clôture pas une journée à venir.', 'A future day cannot be closed.');
  // Every payment, receipt or reversal takes this row FOR SHARE in its trigger: once we hold it, those in flight
  // have committed (and are counted below) and the next ones wait, then meet the closed day.
  await tx.selectFrom('practitioners').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', practitionerId).forUpdate().execute();
  await assertDayOpen(tx, ctx.practiceId, practitionerId, day);
  const entries = await bookEntries(tx, ctx.practiceId, practitionerId, day, day, 'reference');
  const totalCents = entries.reduce((s, e) => s + e.amountCents, 0);
  await tx
    .insertInto('billing_closed_days')
    .values({ practice_id: ctx.practiceId, practitioner_id: practitionerId, day, entries: entries.length, total_cents: totalCents, closed_by: ctx.accountId })
    .execute();
  ctx.audit({ action: 'billing.day.closed', resourceType: 'practitioner', resourceId: practitionerId, details: { day, entries: entries.length, totalCents } });
  return { day, entries: entries.length, totalCents };
}

/** A reversing entry of a payment (recorded in error, cheque returned unpaid), dated today, once per payment. */
export async function reversePayment(tx: Tx, ctx: RequestContext, paymentId: string, reason: string): Promise<{ id: string; entryDay: string; amountCents: number }> {
  const p = await tx
    .selectFrom('billing_payments as p').innerJoin('billing_invoices as i', 'i.id', 'p.invoice_id')
    .select(['p.id', 'i.practitioner_id', 'i.patient_id', 'p.method'])
    .where('p.practice_id', '=', ctx.practiceId).where('p.id', '=', paymentId).executeTakeFirst();
  if (!p) throw new AppError('not_found');
  await assertBooksAccess(tx, ctx, p.practitioner_id);
  await assertDayOpen(tx, ctx.practiceId, p.practitioner_id);
  const done = await tx.selectFrom('billing_reversals').select('id').where('payment_id', '=', paymentId).executeTakeFirst();
  if (done) throw new AppError('conflict', [{ field: null, message: { fr: 'Ce paiement a déjà été contre-passé.', en: 'This payment was already reversed.' } }], { fr: 'Ce paiement a déjà été contre-passé.', en: 'This payment was already reversed.' });
  const row = await tx
    .insertInto('billing_reversals')
    .values({ practice_id: ctx.practiceId, practitioner_id: p.practitioner_id, payment_id: paymentId, amount_cents: 0, entry_day: '1970-01-01', reason: reason.trim(), created_by: ctx.accountId })
    .returning(['id', sql<string>`entry_day::text`.as('entry_day'), 'amount_cents'])
    .executeTakeFirstOrThrow();
  ctx.audit({ action: 'billing.payment.reversed', resourceType: 'billing_payment', resourceId: paymentId, details: { reversalId: row.id, patientId: p.patient_id, entryDay: row.entry_day } });
  return { id: row.id, entryDay: row.entry_day, amountCents: row.amount_cents };
}

