import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../platform/http/context.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { route, recordRoute, ADMINS_AND_PRACTITIONERS, STAFF, idParams, type RouteDef } from '../../platform/http/route.js';
import { unprocessable } from '../access.js';
import { addBankAccount, bankAccounts, updateBankAccount } from './bank-accounts.service.js';
import { createSlip, slipPdf, slips, slipView, undepositedCheques } from './deposits.service.js';
import { queueReceiptMail } from './mail.js';
import { receiptDocument } from './receipt-pdf.service.js';

/**
 * The desk's side of the books (docs/billing-books.md): receipt PDF and e-mail, bank accounts, cheques to deposit and
 * deposit slips. Secretaries and admins for every practitioner, a practitioner for their own (404 otherwise).
 */
/** A PDF answer, sent once the request's audit entry is committed (the platform refuses it earlier). */
const sendPdfAfterCommit = (ctx: RequestContext, reply: FastifyReply, fileName: string, pdf: Buffer) =>
  ctx.afterCommit(async () => {
    reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${fileName}"`).send(pdf);
  });
const bankAccount = z.object({ id: z.uuid(), label: z.string(), holder: z.string(), bank: z.string(), account: z.string(), active: z.boolean(), slips: z.number().int() });
const bankAccountFields = { label: z.string().trim().min(1).max(80), holder: z.string().trim().min(1).max(120), bank: z.string().trim().min(1).max(80) };
const cheque = z.object({ paymentId: z.uuid(), receivedOn: z.string(), bank: z.string(), number: z.string(), drawer: z.string(), amountCents: z.number().int() });
const slipSummary = z.object({
  id: z.uuid(), number: z.number().int(), depositedOn: z.string(), count: z.number().int(), totalCents: z.number().int(),
  bankAccount: z.object({ id: z.uuid(), label: z.string(), holder: z.string(), bank: z.string(), account: z.string() }),
});
const slip = slipSummary.extend({ practitioner: z.object({ id: z.uuid(), name: z.string() }), cheques: z.array(cheque) });

export function billingDeskBooksRoutes(deps: { mailer: Mailer }): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/billing/receipts/:id/pdf',
      summary: 'La note d’honoraires (ou l’avoir) en PDF, avec les mentions légales',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      raw: true,
      audit: { action: 'billing.receipt.printed', resourceType: 'billing_receipt', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, reply }) {
        const doc = await receiptDocument(tx, ctx, params.id);
        ctx.audit({ action: 'billing.receipt.read', resourceType: 'patient', resourceId: doc.patient.id, details: { receiptId: doc.id, number: doc.number } });
        sendPdfAfterCommit(ctx, reply, doc.fileName, doc.pdf);
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/receipts/:id/email',
      summary: 'Envoyer la note d’honoraires en PDF au patient par e-mail (adresse du dossier, ou celle donnée)',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      body: z.object({ to: z.email().max(254).optional() }),
      response: z.object({ to: z.string(), number: z.string(), patientId: z.uuid() }),
      // Where the patient's receipt went, and whose it is: the address may be one typed at the desk.
      audit: { action: 'billing.receipt.emailed', resourceType: 'billing_receipt', resourceId: (p) => p.id, details: (_p, r) => ({ number: r.number, to: r.to, patientId: r.patientId }) },
      async handler({ ctx, tx, params, body }) {
        const doc = await receiptDocument(tx, ctx, params.id);
        const to = body.to ?? doc.patient.email;
        if (!to) throw unprocessable('to', 'Le dossier du patient n’a pas d’adresse e-mail : indiquez-en une.', 'The patient file has no e-mail address: give one.');
        const practice = await tx.selectFrom('practices').select('name').where('id', '=', ctx.practiceId).executeTakeFirstOrThrow();
        await queueReceiptMail(deps.mailer, tx, ctx, doc, to, practice.name);
        return { to, number: doc.number, patientId: doc.patient.id };
      },
    }),
    recordRoute({
      url: '/api/billing/practitioners/:id/bank-accounts', summary: 'Les comptes bancaires du praticien (pour les remises de chèques)',
      tags: ['billing'], access: STAFF,
      answer: ['bankAccounts', z.array(bankAccount)], audit: ['billing.bank_accounts.read', 'practitioner'], run: bankAccounts,
    }),
    route({
      method: 'POST',
      url: '/api/billing/practitioners/:id/bank-accounts',
      summary: 'Ajouter un compte bancaire du praticien (le praticien ou un administrateur)',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: idParams,
      status: 201,
      body: z.object({ ...bankAccountFields, iban: z.string().trim().min(1).max(42) }),
      response: z.object({ id: z.uuid() }),
      audit: 'none', // addBankAccount records billing.bank_account.added
      async handler({ ctx, tx, params, body }) {
        return { id: await addBankAccount(tx, ctx, params.id, body) };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/billing/practitioners/:id/bank-accounts/:accountId',
      summary: 'Modifier, désactiver ou réactiver un compte bancaire du praticien (l’IBAN ne change pas)',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params: z.object({ id: z.uuid(), accountId: z.uuid() }),
      // The bank may stay empty on an account recorded before it was asked (deactivating it must not require it).
      body: z.object({ ...bankAccountFields, bank: z.string().trim().max(80), active: z.boolean() }),
      response: z.object({ bankAccounts: z.array(bankAccount) }),
      audit: 'none', // updateBankAccount records billing.bank_account.updated|deactivated|reactivated
      async handler({ ctx, tx, params, body }) {
        await updateBankAccount(tx, ctx, params.id, params.accountId, body);
        return { bankAccounts: await bankAccounts(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/billing/practitioners/:id/cheques',
      summary: 'Les chèques du praticien à remettre en banque (sur aucun bordereau, non contre-passés)',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      response: z.object({ cheques: z.array(cheque), totalCents: z.number().int() }),
      audit: { action: 'billing.cheques.read', resourceType: 'practitioner', resourceId: (p) => p.id, details: (_p, r) => ({ cheques: r.cheques.length }) },
      async handler({ ctx, tx, params }) {
        const cheques = await undepositedCheques(tx, ctx, params.id);
        return { cheques, totalCents: cheques.reduce((s, c) => s + c.amountCents, 0) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/practitioners/:id/deposit-slips',
      summary: 'Établir un bordereau de remise de chèques, numéroté par praticien et par compte',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      status: 201,
      body: z.object({ bankAccountId: z.uuid(), paymentIds: z.array(z.uuid()).min(1).max(200) }),
      response: z.object({ slip }),
      audit: 'none', // createSlip records billing.deposit_slip.created
      async handler({ ctx, tx, params, body }) {
        const id = await createSlip(tx, ctx, params.id, body.bankAccountId, body.paymentIds);
        return { slip: await slipView(tx, ctx, id) };
      },
    }),
    recordRoute({
      url: '/api/billing/practitioners/:id/deposit-slips', summary: 'Les bordereaux de remise du praticien, du plus récent au plus ancien',
      tags: ['billing'], access: STAFF,
      answer: ['slips', z.array(slipSummary)], audit: ['billing.deposit_slips.read', 'practitioner'], run: slips,
    }),
    recordRoute({
      url: '/api/billing/deposit-slips/:id', summary: 'Un bordereau de remise et ses chèques', tags: ['billing'], access: STAFF,
      answer: ['slip', slip], audit: ['billing.deposit_slip.read', 'billing_deposit_slip'], run: slipView,
    }),
    route({
      method: 'GET',
      url: '/api/billing/deposit-slips/:id/pdf',
      summary: 'Le bordereau de remise en PDF (à joindre aux chèques)',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      raw: true,
      audit: { action: 'billing.deposit_slip.printed', resourceType: 'billing_deposit_slip', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, reply }) {
        const v = await slipView(tx, ctx, params.id);
        const practice = await tx.selectFrom('practices').select('name').where('id', '=', ctx.practiceId).executeTakeFirstOrThrow();
        sendPdfAfterCommit(ctx, reply, `bordereau-remise-${v.number}.pdf`, await slipPdf(v, practice.name));
      },
    }),
  ];
}
