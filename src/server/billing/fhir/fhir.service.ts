import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { invoiceScope } from '../access.js';
import { receiptNumber } from '../receipts.service.js';
import { patientName } from '../views.service.js';
import type { BillingRecord } from './resources.js';

/**
 * The invoices served as FHIR, within the account's billing scope (access.ts: the desk sees the practice's
 * invoices, a practitioner their own) and the practice. Anything else is absent: 404 on a read, no match on a search.
 */
export interface BillingSearch {
  invoiceId?: string;
  patientId?: string;
  appointmentId?: string;
  practitionerId?: string;
  from?: Date;
  to?: Date;
  count: number;
}

export async function billingRecords(tx: Tx, ctx: RequestContext, s: BillingSearch): Promise<BillingRecord[]> {
  let q = tx
    .selectFrom('billing_invoices as i')
    .innerJoin('patients as pa', 'pa.id', 'i.patient_id')
    .innerJoin('practitioners as pr', 'pr.id', 'i.practitioner_id')
    .innerJoin('billing_profiles as b', (j) => j.onRef('b.practice_id', '=', 'i.practice_id').onRef('b.practitioner_id', '=', 'i.practitioner_id'))
    .leftJoin('appointments as a', (j) => j.onRef('a.id', '=', 'i.appointment_id').onRef('a.practice_id', '=', 'i.practice_id'))
    .selectAll('i')
    .select(['pa.birth_name', 'pa.used_name', 'pa.first_name', 'pr.display_name', 'b.rpps', 'a.starts_at', 'a.ends_at'])
    .where('i.practice_id', '=', ctx.practiceId);
  const scope = await invoiceScope(tx, ctx);
  if (scope) q = scope.length ? q.where('i.practitioner_id', 'in', scope) : q.where(sql<boolean>`false`);
  if (s.invoiceId) q = q.where('i.id', '=', s.invoiceId);
  if (s.patientId) q = q.where('i.patient_id', '=', s.patientId);
  if (s.appointmentId) q = q.where('i.appointment_id', '=', s.appointmentId);
  if (s.practitionerId) q = q.where('i.practitioner_id', '=', s.practitionerId);
  if (s.from) q = q.where('i.created_at', '>=', s.from);
  if (s.to) q = q.where('i.created_at', '<', s.to);
  const rows = await q.orderBy('i.created_at', 'desc').orderBy('i.id').limit(s.count).execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [lines, payments, receipts] = await Promise.all([
    tx.selectFrom('billing_invoice_lines').selectAll().where('practice_id', '=', ctx.practiceId).where('invoice_id', 'in', ids).orderBy('position').execute(),
    tx.selectFrom('billing_payments').select(['invoice_id', 'method', 'amount_cents', 'received_at']).where('practice_id', '=', ctx.practiceId).where('invoice_id', 'in', ids).orderBy('received_at').orderBy('seq').execute(),
    tx.selectFrom('billing_receipts').select(['id', 'invoice_id', 'kind', 'year', 'number', 'credits_receipt_id']).where('practice_id', '=', ctx.practiceId).where('invoice_id', 'in', ids).orderBy('year').orderBy('number').execute(),
  ]);
  const credited = new Set(receipts.map((r) => r.credits_receipt_id).filter(Boolean));
  return rows.map((r) => ({
    id: r.id,
    careDate: r.care_date,
    createdAt: new Date(r.created_at),
    sector: r.sector,
    tiersPayant: r.tiers_payant,
    amounts: {
      total: r.total_cents, amo: r.amo_cents, amc: r.amc_cents, patient: r.patient_cents, pf: r.participation_forfaitaire_cents,
      dueAtDesk: r.due_at_desk_cents, paid: r.paid_cents,
    },
    patient: { id: r.patient_id, name: patientName(r) },
    practitioner: { id: r.practitioner_id, name: r.display_name, rpps: r.rpps },
    appointment: r.appointment_id && r.starts_at && r.ends_at ? { id: r.appointment_id, start: new Date(r.starts_at), end: new Date(r.ends_at) } : null,
    lines: lines.filter((l) => l.invoice_id === r.id).map((l) => ({ position: l.position, code: l.code, label: l.label, tariffCents: l.tariff_cents, feeCents: l.fee_cents })),
    payments: payments.filter((p) => p.invoice_id === r.id).map((p) => ({ method: p.method, amountCents: p.amount_cents, receivedAt: new Date(p.received_at) })),
    receipts: receipts.filter((x) => x.invoice_id === r.id).map((x) => ({ number: receiptNumber(x.year, x.number), kind: x.kind, cancelled: credited.has(x.id) })),
  }));
}

export async function billingRecordOr404(tx: Tx, ctx: RequestContext, invoiceId: string): Promise<BillingRecord> {
  const [r] = await billingRecords(tx, ctx, { invoiceId, count: 1 });
  if (!r) throw new AppError('not_found');
  return r;
}
