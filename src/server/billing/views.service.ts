import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { assertBooksAccess, invoiceScope } from './access.js';
import { visibleInvoice } from './invoices.service.js';
import { receiptNumber } from './receipts.service.js';
import type { PaymentMethod } from './schema.js';
import type { InvoiceSummary } from './contract.js';

export type { InvoiceSummary } from './contract.js';

/** Read side of the ledger: an invoice with its payments and receipts, a patient's balance, a practitioner's invoices. */
export interface InvoiceView {
  id: string;
  practitioner: { id: string; name: string };
  patient: { id: string; name: string; birthDate: string };
  appointmentId: string | null;
  careDate: string;
  sector: string;
  specialty: string;
  parcours: string;
  tiersPayant: string;
  amounts: {
    totalCents: number;
    amoCents: number;
    amcCents: number;
    patientCents: number;
    participationForfaitaireCents: number;
    dueAtDeskCents: number;
    paidCents: number;
    remainingCents: number;
  };
  lines: { code: string; label: string; tariffCents: number; feeCents: number }[];
  warnings: string[];
  payments: {
    id: string;
    method: PaymentMethod;
    amountCents: number;
    cheque: { bank: string; number: string; drawer: string } | null;
    card: { terminal: string; transactionId: string; authorisation: string | null } | null;
    transferReference: string | null;
    receivedAt: string;
  }[];
  receipts: { id: string; kind: 'receipt' | 'credit_note'; number: string; creditsReceiptId: string | null; reason: string | null; paidCents: number; issuedAt: string; cancelled: boolean }[];
  createdAt: string;
}

const iso = (d: Date | string) => new Date(d).toISOString();
export const patientName = (p: { used_name: string | null; birth_name: string; first_name: string }) => `${(p.used_name ?? p.birth_name).toUpperCase()} ${p.first_name}`;

export async function getInvoiceView(tx: Tx, ctx: RequestContext, id: string): Promise<InvoiceView> {
  const inv = await visibleInvoice(tx, ctx, id);
  const [pr, pa, lines, payments, receipts] = await Promise.all([
    tx.selectFrom('practitioners').select(['id', 'display_name']).where('id', '=', inv.practitioner_id).executeTakeFirstOrThrow(),
    tx.selectFrom('patients').select(['id', 'birth_name', 'used_name', 'first_name', 'birth_date']).where('id', '=', inv.patient_id).executeTakeFirstOrThrow(),
    tx.selectFrom('billing_invoice_lines').selectAll().where('invoice_id', '=', id).orderBy('position').execute(),
    tx.selectFrom('billing_payments').selectAll().where('invoice_id', '=', id).orderBy('received_at').orderBy('seq').execute(),
    tx.selectFrom('billing_receipts').selectAll().where('invoice_id', '=', id).orderBy('year').orderBy('number').execute(),
  ]);
  const credited = new Set(receipts.map((r) => r.credits_receipt_id).filter(Boolean));
  return {
    id: inv.id,
    practitioner: { id: pr.id, name: pr.display_name },
    patient: { id: pa.id, name: patientName(pa), birthDate: pa.birth_date },
    appointmentId: inv.appointment_id,
    careDate: inv.care_date,
    sector: inv.sector,
    specialty: inv.specialty,
    parcours: inv.parcours,
    tiersPayant: inv.tiers_payant,
    amounts: {
      totalCents: inv.total_cents,
      amoCents: inv.amo_cents,
      amcCents: inv.amc_cents,
      patientCents: inv.patient_cents,
      participationForfaitaireCents: inv.participation_forfaitaire_cents,
      dueAtDeskCents: inv.due_at_desk_cents,
      paidCents: inv.paid_cents,
      remainingCents: inv.due_at_desk_cents - inv.paid_cents,
    },
    lines: lines.map((l) => ({ code: l.code, label: l.label, tariffCents: l.tariff_cents, feeCents: l.fee_cents })),
    warnings: inv.warnings,
    payments: payments.map((p) => ({
      id: p.id,
      method: p.method,
      amountCents: p.amount_cents,
      cheque: p.method === 'cheque' ? { bank: p.cheque_bank!, number: p.cheque_number!, drawer: p.cheque_drawer! } : null,
      card: p.method === 'card' ? { terminal: p.terminal!, transactionId: p.terminal_transaction_id!, authorisation: p.terminal_authorisation } : null,
      transferReference: p.transfer_reference,
      receivedAt: iso(p.received_at),
    })),
    receipts: receipts.map((r) => ({
      id: r.id,
      kind: r.kind,
      number: receiptNumber(r.year, r.number),
      creditsReceiptId: r.credits_receipt_id,
      reason: r.reason,
      paidCents: r.paid_cents,
      issuedAt: iso(r.issued_at),
      cancelled: credited.has(r.id),
    })),
    createdAt: iso(inv.created_at),
  };
}

const summaryColumns = ['id', 'care_date', 'practitioner_id', 'patient_id', 'total_cents', 'due_at_desk_cents', 'paid_cents'] as const;
function toSummary(r: { id: string; care_date: string; practitioner_id: string; patient_id: string; total_cents: number; due_at_desk_cents: number; paid_cents: number }): InvoiceSummary {
  return {
    id: r.id,
    careDate: r.care_date,
    practitionerId: r.practitioner_id,
    patientId: r.patient_id,
    totalCents: r.total_cents,
    dueAtDeskCents: r.due_at_desk_cents,
    paidCents: r.paid_cents,
    remainingCents: r.due_at_desk_cents - r.paid_cents,
  };
}

/** What the patient still owes at the desk: the invoices not fully paid, within the account's scope. */
export async function patientBalance(tx: Tx, ctx: RequestContext, patientId: string): Promise<{ remainingCents: number; invoices: InvoiceSummary[] }> {
  const p = await tx.selectFrom('patients').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', patientId).executeTakeFirst();
  if (!p) throw new AppError('not_found');
  let q = tx
    .selectFrom('billing_invoices')
    .select(summaryColumns)
    .where('practice_id', '=', ctx.practiceId)
    .where('patient_id', '=', patientId)
    .where(sql<boolean>`paid_cents < due_at_desk_cents`);
  const scope = await invoiceScope(tx, ctx);
  if (scope) q = scope.length ? q.where('practitioner_id', 'in', scope) : q.where(sql<boolean>`false`);
  const invoices = (await q.orderBy('care_date').limit(500).execute()).map(toSummary);
  return { remainingCents: invoices.reduce((s, i) => s + i.remainingCents, 0), invoices };
}

/** A practitioner's invoices over a period (their books): an admin or that practitioner. */
export async function practitionerInvoices(tx: Tx, ctx: RequestContext, practitionerId: string, from: string, to: string): Promise<InvoiceSummary[]> {
  await assertBooksAccess(tx, ctx, practitionerId);
  const rows = await tx
    .selectFrom('billing_invoices')
    .select(summaryColumns)
    .where('practice_id', '=', ctx.practiceId)
    .where('practitioner_id', '=', practitionerId)
    .where('care_date', '>=', from)
    .where('care_date', '<=', to)
    .orderBy('care_date')
    .orderBy('created_at')
    .limit(5000)
    .execute();
  return rows.map(toSummary);
}
