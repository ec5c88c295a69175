import { z } from 'zod';
import { route, ADMINS_AND_PRACTITIONERS, STAFF, idParams, type RouteDef } from '../platform/http/route.js';
import { invoiceSummarySchema as summary, invoiceViewSchema as invoiceView, isoDay, newInvoiceSchema, paymentSchema as payment } from './contract.js';
import { createInvoice } from './invoices.service.js';
import { recordPayments } from './payments.service.js';
import { correctReceipt, issueReceipt } from './receipts.service.js';
import type { PaymentTerminal } from './terminal.js';
import { getInvoiceView, patientBalance, practitionerInvoices, type InvoiceView } from './views.service.js';

/** Invoices, payments, receipts (docs/billing.md « Factures, paiements, reçus »). Thin: the rules are in the services. */
const cents = z.number().int().nonnegative().max(10_000_000);
const positiveCents = z.number().int().positive().max(10_000_000);
const text = (max: number) => z.string().trim().min(1).max(max);
// The desk (secretaries, admins) collects for every practitioner; a practitioner bills and collects in their own name.
const invoiceAudit = (action: string) => ({
  action,
  resourceType: 'billing_invoice',
  resourceId: (p: { id: string }) => p.id,
  details: (_p: unknown, r: { invoice: InvoiceView }) => ({ patientId: r.invoice.patient.id, practitionerId: r.invoice.practitioner.id }),
});

export function billingLedgerRoutes(deps: { terminal: PaymentTerminal }): RouteDef[] {
  return [
    route({
      method: 'POST',
      url: '/api/billing/invoices',
      summary: 'Facturer une consultation : actes, couverture (dossier administratif ou saisie), parcours, tiers payant ; le devis du moteur est figé dans la facture',
      tags: ['billing'],
      access: STAFF,
      status: 201,
      body: newInvoiceSchema,
      response: z.object({ invoice: invoiceView }),
      audit: 'none', // createInvoice records billing.invoice.created
      async handler({ ctx, tx, body }) {
        const id = await createInvoice(tx, ctx, body);
        return { invoice: await getInvoiceView(tx, ctx, id) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/billing/invoices/:id',
      summary: 'Une facture avec ses lignes, ses paiements et ses reçus',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      response: z.object({ invoice: invoiceView }),
      audit: invoiceAudit('billing.invoice.read'),
      async handler({ ctx, tx, params }) {
        return { invoice: await getInvoiceView(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/invoices/:id/payments',
      summary: 'Encaisser : espèces, carte (terminal), chèque, virement ; paiement fractionné ou partiel, jamais plus que le reste dû',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      status: 201,
      body: z.object({ payments: z.array(payment).min(1).max(4) }),
      response: z.object({ invoice: invoiceView, paymentIds: z.array(z.uuid()) }),
      audit: 'none', // recordPayments records billing.payment.recorded per payment
      async handler({ ctx, tx, params, body }) {
        const paymentIds = await recordPayments(tx, ctx, deps.terminal, params.id, body.payments);
        return { invoice: await getInvoiceView(tx, ctx, params.id), paymentIds };
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/invoices/:id/receipts',
      summary: 'Émettre la note d’honoraires (reçu) d’une facture, numérotée par praticien et par année sans trou',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      status: 201,
      response: z.object({ invoice: invoiceView, receiptId: z.uuid() }),
      audit: 'none', // issueReceipt records billing.receipt.issued
      async handler({ ctx, tx, params }) {
        const receiptId = await issueReceipt(tx, ctx, params.id);
        return { invoice: await getInvoiceView(tx, ctx, params.id), receiptId };
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/receipts/:id/credit-note',
      summary: 'Corriger un reçu : un avoir qui l’annule et un nouveau reçu (jamais de modification ni de suppression)',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      status: 201,
      body: z.object({ reason: z.string().trim().min(3).max(500) }),
      response: z.object({ creditNoteId: z.uuid(), receiptId: z.uuid() }),
      audit: 'none', // correctReceipt records billing.credit_note.issued and billing.receipt.issued
      async handler({ ctx, tx, params, body }) {
        return correctReceipt(tx, ctx, params.id, body.reason);
      },
    }),
    route({
      method: 'GET',
      url: '/api/billing/patients/:id/balance',
      summary: 'Ce que le patient doit encore au cabinet : factures non soldées et total',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      response: z.object({ remainingCents: z.number().int(), invoices: z.array(summary) }),
      audit: { action: 'billing.balance.read', resourceType: 'patient', resourceId: (p) => p.id, details: (_p, r) => ({ invoices: r.invoices.length }) },
      async handler({ ctx, tx, params }) {
        return patientBalance(tx, ctx, params.id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/billing/practitioners/:id/invoices',
      summary: 'Les factures d’un praticien sur une période (ses livres : administrateur ou le praticien lui-même)',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      query: z.object({ from: isoDay, to: isoDay }),
      response: z.object({ invoices: z.array(summary) }),
      audit: { action: 'billing.books.read', resourceType: 'practitioner', resourceId: (p) => p.id, details: (_p, r) => ({ invoices: r.invoices.length }) },
      async handler({ ctx, tx, params, query }) {
        return { invoices: await practitionerInvoices(tx, ctx, params.id, query.from, query.to) };
      },
    }),
  ];
}
