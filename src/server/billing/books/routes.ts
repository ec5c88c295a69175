import { z } from 'zod';
import { route, ADMINS_AND_PRACTITIONERS, idParams, type RouteDef } from '../../platform/http/route.js';
import { isoDay } from '../contract.js';
import { closeDay, dayBook, practiceToday, reversePayment, saveBookSettings, bookSettings } from './daybook.service.js';
import { addExpense, listExpenses, reverseExpense, summaries } from './expenses.service.js';
import { buildExport, exportChoices, exportLog } from './exports.service.js';
import { EXPENSE_CATEGORIES } from './fec.js';
import { assertBooksAccess } from '../access.js';
import { booksCharts } from './charts.service.js';
import { BOOKS_MESSAGES } from './messages.js';

/**
 * The practitioner's books (docs/billing-books.md): day book, closing a day, reversing
 * entries, expenses, summaries, accountant exports. The practitioner (their own books) and admins only: a secretary
 * collects and prints but neither reads the books nor closes nor exports (least privilege).
 */
const period = z.object({ from: isoDay.optional(), to: isoDay.optional() });
const cents = z.number().int();
const means = z.enum(['cash', 'card', 'cheque', 'transfer']);
const bookEntry = z.object({
  id: z.uuid(), kind: z.enum(['payment', 'reversal']), day: z.string(), at: z.string(), means, amountCents: cents, patient: z.string(), invoiceId: z.uuid(),
  receiptNumber: z.string().nullable(), cheque: z.object({ bank: z.string(), number: z.string(), drawer: z.string() }).nullable(), reversesPaymentId: z.uuid().nullable(),
});
const cashGroup = z.object({ kind: z.literal('cash_group'), day: z.string(), means: z.literal('cash'), amountCents: cents, count: z.number().int() });
const settings = z.object({ patientLabel: z.enum(['name', 'reference']), groupSmallCash: z.boolean() });
const expense = z.object({
  id: z.uuid(), spentOn: z.string(), payee: z.string(), category: z.enum(EXPENSE_CATEGORIES), categoryLabel: z.string(), amountCents: cents,
  means: z.enum(['cash', 'card', 'cheque', 'transfer', 'direct_debit']), note: z.string().nullable(), reversesExpenseId: z.uuid().nullable(), reversed: z.boolean(),
});
const reason = z.object({ reason: z.string().trim().min(3).max(500) });
const exportQuery = period.extend({ practitioner: z.uuid().optional() });
const monthStart = (d: string) => `${d.slice(0, 7)}-01`;

export function billingBooksRoutes(): RouteDef[] {
  const exportRoute = (format: 'fec' | 'csv') =>
    route({
      method: 'GET',
      url: `/api/billing/exports/${format}`,
      summary: format === 'fec'
        ? 'Fichier des écritures comptables (FEC, BNC recettes-dépenses) du praticien connecté ; un administrateur ajoute practitioner=<id>'
        : 'Les mêmes écritures en CSV (tableur)',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      query: exportQuery,
      raw: true,
      audit: 'none', // buildExport records billing.export.fec / billing.export.csv with the period and the hash
      async handler({ ctx, tx, query, reply }) {
        const choices = await exportChoices(tx, ctx, query);
        if (choices) {
          // An admin without books of their own names the practitioner: 300 lists whom they may choose.
          const body = { message: BOOKS_MESSAGES.choosePractitioner.fr, practitioners: choices.map((c) => ({ ...c, url: `/api/billing/exports/${format}?practitioner=${c.id}` })) };
          ctx.audit({ action: 'billing.export.choices', resourceType: 'practice', resourceId: ctx.practiceId, details: { format } });
          ctx.afterCommit(async () => {
            reply.code(300).header('content-type', 'application/json; charset=utf-8').send(body);
          });
          return;
        }
        const file = await buildExport(tx, ctx, format, query);
        ctx.afterCommit(async () => {
          reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).header('x-pivot-sha256', file.sha256).send(file.bytes);
        });
      },
    });
  return [
    route({
      method: 'GET',
      url: '/api/billing/practitioners/:id/day-book',
      summary: 'Livre-journal des recettes du praticien : encaissements par jour et moyen de paiement, contre-passations, jours clôturés',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      query: period,
      response: z.object({
        practitionerId: z.uuid(), from: z.string(), to: z.string(), settings,
        lines: z.array(z.union([bookEntry, cashGroup])),
        days: z.array(z.object({ day: z.string(), byMeans: z.record(means, cents), totalCents: cents, entries: z.number().int(), closed: z.boolean() })),
        closedDays: z.array(z.string()),
        totalCents: cents,
      }),
      audit: { action: 'billing.day_book.read', resourceType: 'practitioner', resourceId: (p) => p.id, details: (_p, r) => ({ from: r.from, to: r.to }) },
      async handler({ ctx, tx, params, query }) {
        const to = query.to ?? (await practiceToday(tx, ctx.practiceId));
        return dayBook(tx, ctx, params.id, query.from ?? monthStart(to), to);
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/practitioners/:id/closed-days',
      summary: 'Clôturer une journée : plus rien ne s’y encaisse ni ne s’y émet (verrou en base)',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      status: 201,
      body: z.object({ day: isoDay }),
      response: z.object({ day: z.string(), entries: z.number().int(), totalCents: cents }),
      audit: 'none', // closeDay records billing.day.closed
      async handler({ ctx, tx, params, body }) {
        return closeDay(tx, ctx, params.id, body.day);
      },
    }),
    route({
      method: 'GET',
      url: '/api/billing/practitioners/:id/book-settings',
      summary: 'Réglages du livre-journal : patient nommé ou référence, espèces de moins de 76 € regroupées',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      response: settings,
      audit: { action: 'billing.book_settings.read', resourceType: 'practitioner', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        await assertBooksAccess(tx, ctx, params.id);
        return bookSettings(tx, ctx.practiceId, params.id);
      },
    }),
    route({
      method: 'PUT',
      url: '/api/billing/practitioners/:id/book-settings',
      summary: 'Modifier les réglages du livre-journal',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      body: settings,
      response: settings,
      audit: { action: 'billing.book_settings.updated', resourceType: 'practitioner', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, body }) {
        return saveBookSettings(tx, ctx, params.id, body);
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/payments/:id/reversal',
      summary: 'Contre-passer un encaissement (erreur, chèque impayé) : écriture inverse datée du jour',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      status: 201,
      body: reason,
      response: z.object({ id: z.uuid(), entryDay: z.string(), amountCents: cents }),
      audit: 'none', // reversePayment records billing.payment.reversed
      async handler({ ctx, tx, params, body }) {
        return reversePayment(tx, ctx, params.id, body.reason);
      },
    }),
    route({
      method: 'GET',
      url: '/api/billing/practitioners/:id/expenses',
      summary: 'Les dépenses du praticien sur une période',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      query: period,
      response: z.object({ expenses: z.array(expense) }),
      audit: { action: 'billing.expenses.read', resourceType: 'practitioner', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, query }) {
        const to = query.to ?? (await practiceToday(tx, ctx.practiceId));
        return { expenses: await listExpenses(tx, ctx, params.id, query.from ?? `${to.slice(0, 4)}-01-01`, to) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/practitioners/:id/expenses',
      summary: 'Saisir une dépense (date, bénéficiaire, catégorie, montant, moyen de paiement)',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      status: 201,
      body: z.object({
        spentOn: isoDay, payee: z.string().trim().min(1).max(120), category: z.enum(EXPENSE_CATEGORIES), amountCents: z.number().int().positive().max(100_000_000),
        means: z.enum(['cash', 'card', 'cheque', 'transfer', 'direct_debit']), note: z.string().trim().max(500).nullable().optional(),
      }),
      response: z.object({ id: z.uuid() }),
      audit: 'none', // addExpense records billing.expense.recorded
      async handler({ ctx, tx, params, body }) {
        return { id: await addExpense(tx, ctx, params.id, body) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/expenses/:id/reversal',
      summary: 'Contre-passer une dépense (écriture inverse datée du jour)',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      status: 201,
      body: reason,
      response: z.object({ id: z.uuid() }),
      audit: 'none', // reverseExpense records billing.expense.reversed
      async handler({ ctx, tx, params, body }) {
        return { id: await reverseExpense(tx, ctx, params.id, body.reason) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/billing/practitioners/:id/summaries',
      summary: 'Recettes et dépenses par mois ou par an (pour la déclaration 2035), dépenses par catégorie',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      query: period.extend({ by: z.enum(['month', 'year']).optional() }),
      response: z.object({
        from: z.string(), to: z.string(), by: z.enum(['month', 'year']),
        rows: z.array(z.object({ period: z.string(), receiptsCents: cents, expensesCents: cents, balanceCents: cents })),
        expensesByCategory: z.array(z.object({ category: z.enum(EXPENSE_CATEGORIES), label: z.string(), amountCents: cents })),
        totals: z.object({ receiptsCents: cents, expensesCents: cents, balanceCents: cents }),
      }),
      audit: { action: 'billing.summaries.read', resourceType: 'practitioner', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, query }) {
        const to = query.to ?? (await practiceToday(tx, ctx.practiceId));
        return summaries(tx, ctx, params.id, query.from ?? `${to.slice(0, 4)}-01-01`, to, query.by ?? 'month');
      },
    }),
    route({
      method: 'GET',
      url: '/api/billing/charts',
      summary: 'Recettes par mois, par praticien et par payeur (patient, AMO, AMC en tiers payant) et reste dû ; défaut : les douze derniers mois',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      query: exportQuery,
      response: z.object({
        from: z.string(), to: z.string(), months: z.array(z.string()), practitioners: z.array(z.object({ id: z.uuid(), name: z.string() })),
        rows: z.array(z.object({
          month: z.string(), practitionerId: z.uuid(), patientCents: cents, amoCents: cents, amcCents: cents, billedCents: cents, dueFromPatientsCents: cents, dueFromPayersCents: cents,
        })),
      }),
      audit: 'none', // booksCharts records billing.charts.read with the period and how many practitioners
      async handler({ ctx, tx, query }) {
        return booksCharts(tx, ctx, query);
      },
    }),
    exportRoute('fec'),
    exportRoute('csv'),
    route({
      method: 'GET',
      url: '/api/billing/practitioners/:id/exports',
      summary: 'Le registre des exportations du praticien (qui, quand, période, empreinte SHA-256)',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      response: z.object({
        exports: z.array(z.object({ id: z.uuid(), format: z.enum(['fec', 'csv']), from: z.string(), to: z.string(), entries: z.number().int(), sha256: z.string(), fileName: z.string(), exportedAt: z.string(), exportedBy: z.string() })),
      }),
      audit: { action: 'billing.exports.read', resourceType: 'practitioner', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        return { exports: await exportLog(tx, ctx, params.id) };
      },
    }),
  ];
}
