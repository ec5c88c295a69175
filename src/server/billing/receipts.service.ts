import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { assertDayOpen } from './books/daybook.service.js';
import { visibleInvoice } from './invoices.service.js';

/**
 * Receipts (notes d'honoraires) and credit notes (0122_billing_receipts.sql). The number is given by the database
 * (per practitioner and year, no gap); an issued document is never edited: a correction is a credit note on the
 * receipt and a new receipt with the invoice's current figures (e.g. after a later payment), in one transaction.
 */
const conflict = (fr: string, en: string) => new AppError('conflict', [{ field: null, message: fr }], { fr, en });

type InvoiceRow = Awaited<ReturnType<typeof visibleInvoice>>;

async function insertReceipt(tx: Tx, ctx: RequestContext, invoice: InvoiceRow): Promise<string> {
  await assertDayOpen(tx, ctx.practiceId, invoice.practitioner_id); // a clear 409; the database refuses it anyway
  const row = await tx
    .insertInto('billing_receipts')
    .values({
      practice_id: ctx.practiceId,
      practitioner_id: invoice.practitioner_id,
      invoice_id: invoice.id,
      kind: 'receipt',
      total_cents: invoice.total_cents,
      amo_cents: invoice.amo_cents,
      amc_cents: invoice.amc_cents,
      patient_cents: invoice.patient_cents,
      due_at_desk_cents: invoice.due_at_desk_cents,
      paid_cents: invoice.paid_cents,
      issued_by: ctx.accountId,
    })
    .returning(['id', 'year', 'number'])
    .executeTakeFirstOrThrow();
  ctx.audit({
    action: 'billing.receipt.issued',
    resourceType: 'billing_receipt',
    resourceId: row.id,
    details: { invoiceId: invoice.id, patientId: invoice.patient_id, practitionerId: invoice.practitioner_id, number: receiptNumber(row.year, row.number) },
  });
  return row.id;
}

export const receiptNumber = (year: number, n: number) => `${year}-${String(n).padStart(6, '0')}`;

/** The receipt of an invoice not cancelled by a credit note, if any. */
async function liveReceipt(tx: Tx, practiceId: string, invoiceId: string) {
  return tx
    .selectFrom('billing_receipts as r')
    .select(['r.id'])
    .where('r.practice_id', '=', practiceId)
    .where('r.invoice_id', '=', invoiceId)
    .where('r.kind', '=', 'receipt')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('billing_receipts as c').select('c.id').whereRef('c.credits_receipt_id', '=', 'r.id'))))
    .executeTakeFirst();
}

export async function issueReceipt(tx: Tx, ctx: RequestContext, invoiceId: string): Promise<string> {
  // The invoice lock makes « one live receipt per invoice » hold against two desks clicking at once.
  const invoice = await visibleInvoice(tx, ctx, invoiceId, true);
  if (await liveReceipt(tx, ctx.practiceId, invoiceId))
    throw conflict('Un reçu est déjà émis pour cette facture : pour le corriger, émettez un avoir et un nouveau reçu.', 'A receipt was already issued for this invoice: correct it with a credit note and a new receipt.');
  return insertReceipt(tx, ctx, invoice);
}

export async function correctReceipt(tx: Tx, ctx: RequestContext, receiptId: string, reason: string): Promise<{ creditNoteId: string; receiptId: string }> {
  const r = await tx.selectFrom('billing_receipts').selectAll().where('practice_id', '=', ctx.practiceId).where('id', '=', receiptId).executeTakeFirst();
  if (!r) throw new AppError('not_found');
  const invoice = await visibleInvoice(tx, ctx, r.invoice_id, true); // 404 when the account may not see it
  await assertDayOpen(tx, ctx.practiceId, r.practitioner_id); // a clear 409 on a closed day, not the trigger's refusal
  if (r.kind !== 'receipt') throw conflict('Un avoir ne se corrige pas : corrigez le reçu qui l’a remplacé.', 'A credit note cannot be corrected: correct the receipt that replaced it.');
  const live = await liveReceipt(tx, ctx.practiceId, invoice.id);
  if (live?.id !== r.id)
    throw conflict('Ce reçu a déjà été annulé par un avoir.', 'This receipt was already cancelled by a credit note.');
  const credit = await tx
    .insertInto('billing_receipts')
    .values({
      practice_id: ctx.practiceId,
      practitioner_id: r.practitioner_id,
      invoice_id: r.invoice_id,
      kind: 'credit_note',
      credits_receipt_id: r.id,
      reason: reason.trim(),
      total_cents: r.total_cents,
      amo_cents: r.amo_cents,
      amc_cents: r.amc_cents,
      patient_cents: r.patient_cents,
      due_at_desk_cents: r.due_at_desk_cents,
      paid_cents: r.paid_cents,
      issued_by: ctx.accountId,
    })
    .returning(['id', 'year', 'number'])
    .executeTakeFirstOrThrow();
  ctx.audit({
    action: 'billing.credit_note.issued',
    resourceType: 'billing_receipt',
    resourceId: credit.id,
    details: { invoiceId: invoice.id, patientId: invoice.patient_id, creditsReceiptId: r.id, number: receiptNumber(credit.year, credit.number) },
  });
  return { creditNoteId: credit.id, receiptId: await insertReceipt(tx, ctx, invoice) };
}
