import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { assertBooksAccess, unprocessable } from '../access.js';
import { bookEntries, practiceToday } from './daybook.service.js';
import { expenseCategoryLabel, type ExpenseCategory, type Means } from './fec.js';
import { summarise, type SummaryRow } from './rules.js';

/**
 * Professional expenses (dépenses) and the receipts/expenses summaries for the practitioner's declaration (2035).
 * The practitioner or an admin only. An expense is never edited: a correction is a reversing expense dated today.
 */
export interface ExpenseInput {
  spentOn: string;
  payee: string;
  category: ExpenseCategory;
  amountCents: number;
  means: Means;
  note?: string | null | undefined;
}
export interface ExpenseView extends Required<Omit<ExpenseInput, 'note'>> {
  id: string;
  note: string | null;
  categoryLabel: string;
  reversesExpenseId: string | null;
  reversed: boolean;
}

export async function addExpense(tx: Tx, ctx: RequestContext, practitionerId: string, e: ExpenseInput): Promise<string> {
  await assertBooksAccess(tx, ctx, practitionerId);
  if (e.spentOn > (await practiceToday(tx, ctx.practiceId))) throw unprocessable('spentOn', 'Une dépense ne se saisit pas à une date à venir.', 'An expense cannot be dated in the future.');
  const row = await tx
    .insertInto('billing_expenses')
    .values({ practice_id: ctx.practiceId, practitioner_id: practitionerId, spent_on: e.spentOn, payee: e.payee.trim(), category: e.category, amount_cents: e.amountCents, means: e.means, note: e.note?.trim() || null, created_by: ctx.accountId })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.audit({ action: 'billing.expense.recorded', resourceType: 'billing_expense', resourceId: row.id, details: { practitionerId, amountCents: e.amountCents, category: e.category } });
  return row.id;
}

export async function reverseExpense(tx: Tx, ctx: RequestContext, expenseId: string, reason: string): Promise<string> {
  const e = await tx.selectFrom('billing_expenses').selectAll().where('practice_id', '=', ctx.practiceId).where('id', '=', expenseId).executeTakeFirst();
  if (!e) throw new AppError('not_found');
  await assertBooksAccess(tx, ctx, e.practitioner_id);
  if (e.amount_cents < 0) throw unprocessable(null, 'Une contre-passation ne se contre-passe pas.', 'A reversal cannot be reversed.');
  const done = await tx.selectFrom('billing_expenses').select('id').where('reverses_expense_id', '=', expenseId).executeTakeFirst();
  if (done) throw new AppError('conflict', [{ field: null, message: { fr: 'Cette dépense a déjà été contre-passée.', en: 'This expense was already reversed.' } }], { fr: 'Cette dépense a déjà été contre-passée.', en: 'This expense was already reversed.' });
  const row = await tx
    .insertInto('billing_expenses')
    .values({
      practice_id: ctx.practiceId, practitioner_id: e.practitioner_id, spent_on: await practiceToday(tx, ctx.practiceId), payee: e.payee, category: e.category,
      amount_cents: -e.amount_cents, means: e.means, note: `Contre-passation : ${reason.trim()}`.slice(0, 500), reverses_expense_id: e.id, created_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.audit({ action: 'billing.expense.reversed', resourceType: 'billing_expense', resourceId: expenseId, details: { reversalId: row.id } });
  return row.id;
}

export async function listExpenses(tx: Tx, ctx: RequestContext, practitionerId: string, from: string, to: string): Promise<ExpenseView[]> {
  await assertBooksAccess(tx, ctx, practitionerId);
  const rows = await tx
    .selectFrom('billing_expenses as e')
    .selectAll('e')
    .select((eb) => eb.exists(eb.selectFrom('billing_expenses as r').select('r.id').whereRef('r.reverses_expense_id', '=', 'e.id')).as('reversed'))
    .where('e.practice_id', '=', ctx.practiceId).where('e.practitioner_id', '=', practitionerId).where('e.spent_on', '>=', from).where('e.spent_on', '<=', to)
    .orderBy('e.spent_on').orderBy('e.created_at').execute();
  return rows.map((r) => ({
    id: r.id, spentOn: r.spent_on, payee: r.payee, category: r.category, categoryLabel: expenseCategoryLabel(r.category), amountCents: r.amount_cents, means: r.means,
    note: r.note, reversesExpenseId: r.reverses_expense_id, reversed: Boolean(r.reversed),
  }));
}

export interface Summaries {
  from: string;
  to: string;
  by: 'month' | 'year';
  rows: SummaryRow[];
  expensesByCategory: { category: ExpenseCategory; label: string; amountCents: number }[];
  totals: { receiptsCents: number; expensesCents: number; balanceCents: number };
}

/** Receipts (payments less reversals, on their book day) and expenses per month or year, and expenses by category. */
export async function summaries(tx: Tx, ctx: RequestContext, practitionerId: string, from: string, to: string, by: 'month' | 'year'): Promise<Summaries> {
  await assertBooksAccess(tx, ctx, practitionerId);
  if (from > to) throw unprocessable('from', 'La date de début est après la date de fin.', 'The start date is after the end date.');
  const receipts = await bookEntries(tx, ctx.practiceId, practitionerId, from, to, 'reference');
  const expenses = await tx
    .selectFrom('billing_expenses').select(['spent_on', 'amount_cents', 'category'])
    .where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', practitionerId).where('spent_on', '>=', from).where('spent_on', '<=', to).execute();
  const rows = summarise(receipts.map((r) => ({ day: r.day, amountCents: r.amountCents })), expenses.map((e) => ({ day: e.spent_on, amountCents: e.amount_cents })), by, from, to);
  const byCat = new Map<ExpenseCategory, number>();
  for (const e of expenses) byCat.set(e.category, (byCat.get(e.category) ?? 0) + e.amount_cents);
  const receiptsCents = rows.reduce((s, r) => s + r.receiptsCents, 0);
  const expensesCents = rows.reduce((s, r) => s + r.expensesCents, 0);
  return {
    from, to, by, rows,
    expensesByCategory: [...byCat].map(([category, amountCents]) => ({ category, label: expenseCategoryLabel(category), amountCents })).sort((a, b) => b.amountCents - a.amountCents),
    totals: { receiptsCents, expensesCents, balanceCents: receiptsCents - expensesCents },
  };
}

