import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { unprocessable } from './access.js';
import { assertDayOpen } from './books/daybook.service.js';
import { visibleInvoice } from './invoices.service.js';
import type { PaymentTerminal } from './terminal.js';

/**
 * Payments at the desk (0121_billing_invoices.sql): cash, card through the terminal adapter, cheque, transfer;
 * several in one request (split payment) and fewer than due (partial). The invoice's row lock serialises
 * concurrent payments here, and the database refuses any payment beyond what is due whatever the code does
 * (payment trigger + billing_invoices_paid_within_due).
 */
export type PaymentInput =
  | { method: 'cash'; amountCents: number }
  | { method: 'card'; amountCents: number }
  | { method: 'cheque'; amountCents: number; cheque: { bank: string; number: string; drawer: string } }
  | { method: 'transfer'; amountCents: number; reference?: string | null | undefined };

const euros = (c: number) => `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')} €`;

function overpaid(remaining: number): AppError {
  return unprocessable(
    'payments',
    remaining === 0 ? 'Cette facture est déjà entièrement réglée.' : `Le montant dépasse le reste dû (${euros(remaining)}).`,
    remaining === 0 ? 'This invoice is already fully paid.' : `The amount exceeds what remains due (${(remaining / 100).toFixed(2)} €).`,
  );
}

export async function recordPayments(tx: Tx, ctx: RequestContext, terminal: PaymentTerminal, invoiceId: string, payments: PaymentInput[]): Promise<string[]> {
  // FOR UPDATE: a concurrent payment on this invoice waits here, then sees what this one paid.
  const invoice = await visibleInvoice(tx, ctx, invoiceId, true);
  await assertDayOpen(tx, ctx.practiceId, invoice.practitioner_id); // a clear 409; the database refuses it anyway
  const remaining = invoice.due_at_desk_cents - invoice.paid_cents;
  const total = payments.reduce((s, p) => s + p.amountCents, 0);
  if (total > remaining) throw overpaid(remaining);
  const ids: string[] = [];
  for (const p of payments) {
    let card: { terminal: string; terminal_transaction_id: string; terminal_authorisation: string } | null = null;
    if (p.method === 'card') {
      const answer = await terminal.charge({ amountCents: p.amountCents, reference: invoiceId });
      if (!answer.approved) throw unprocessable('payments', `Paiement par carte refusé : ${answer.reason}. Rien n’a été enregistré.`, `Card payment declined: ${answer.reason}. Nothing was saved.`);
      card = { terminal: terminal.name, terminal_transaction_id: answer.transactionId, terminal_authorisation: answer.authorisation };
    }
    try {
      const row = await tx
        .insertInto('billing_payments')
        .values({
          practice_id: ctx.practiceId,
          invoice_id: invoiceId,
          method: p.method,
          amount_cents: p.amountCents,
          ...(p.method === 'cheque' ? { cheque_bank: p.cheque.bank, cheque_number: p.cheque.number, cheque_drawer: p.cheque.drawer } : {}),
          ...(card ?? {}),
          ...(p.method === 'transfer' ? { transfer_reference: p.reference ?? null } : {}),
          recorded_by: ctx.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    } catch (e) {
      // Reached only if the lock above were bypassed: the database's own guard against collecting too much.
      if ((e as { constraint?: string }).constraint === 'billing_invoices_paid_within_due') throw overpaid(0);
      throw e;
    }
    ctx.audit({
      action: 'billing.payment.recorded',
      resourceType: 'billing_payment',
      resourceId: ids[ids.length - 1]!,
      details: { invoiceId, patientId: invoice.patient_id, method: p.method, amountCents: p.amountCents },
    });
  }
  return ids;
}
