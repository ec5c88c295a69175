import { sql } from 'kysely';
import { clock } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { money, renderPdf } from '../../platform/pdf/pdf.js';
import { invoiceScope, unprocessable } from '../access.js';
import { practiceToday } from './daybook.service.js';
import { formatIban } from './rules.js';

/**
 * Bank accounts and cheque deposit slips (bordereaux de remise). The desk prepares and prints slips for every
 * practitioner (it is part of collecting); a practitioner only for their own cheques; bank accounts are added by
 * the practitioner or an admin. A cheque is on one slip only (UNIQUE in the database).
 */
/** The desk (admin, secretary) or the practitioner themself; otherwise 404. */
export async function assertDeskOrOwn(tx: Tx, ctx: RequestContext, practitionerId: string): Promise<void> {
  const scope = await invoiceScope(tx, ctx);
  const exists = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', practitionerId).executeTakeFirst();
  if (!exists || (scope && !scope.includes(practitionerId))) throw new AppError('not_found');
}

export interface ChequeRow {
  paymentId: string;
  receivedOn: string;
  bank: string;
  number: string;
  drawer: string;
  amountCents: number;
}

/** Cheques of the practitioner not yet on a slip and not reversed, oldest first. */
export async function undepositedCheques(tx: Tx, ctx: RequestContext, practitionerId: string): Promise<ChequeRow[]> {
  await assertDeskOrOwn(tx, ctx, practitionerId);
  const rows = await tx
    .selectFrom('billing_payments as p')
    .innerJoin('billing_invoices as i', 'i.id', 'p.invoice_id')
    .select(['p.id', 'p.cheque_bank', 'p.cheque_number', 'p.cheque_drawer', 'p.amount_cents', sql<string>`billing_local_day(p.practice_id, p.received_at)::text`.as('day')])
    .where('p.practice_id', '=', ctx.practiceId)
    .where('i.practitioner_id', '=', practitionerId)
    .where('p.method', '=', 'cheque')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('billing_deposit_slip_cheques as c').select('c.slip_id').whereRef('c.payment_id', '=', 'p.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('billing_reversals as v').select('v.id').whereRef('v.payment_id', '=', 'p.id'))))
    .orderBy('p.received_at').orderBy('p.seq')
    .execute();
  return rows.map((r) => ({ paymentId: r.id, receivedOn: r.day, bank: r.cheque_bank!, number: r.cheque_number!, drawer: r.cheque_drawer!, amountCents: r.amount_cents }));
}

export async function createSlip(tx: Tx, ctx: RequestContext, practitionerId: string, bankAccountId: string, paymentIds: string[]): Promise<string> {
  const available = await undepositedCheques(tx, ctx, practitionerId);
  const byId = new Map(available.map((c) => [c.paymentId, c]));
  const unique = [...new Set(paymentIds)];
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length)
    throw unprocessable('paymentIds', 'Un des chèques choisis n’est pas à remettre (déjà sur un bordereau, annulé, ou d’un autre praticien).', 'One of the cheques is not available (already deposited, reversed, or another practitioner’s).');
  const account = await tx.selectFrom('billing_bank_accounts').select(['id', 'active']).where('practice_id', '=', ctx.practiceId).where('id', '=', bankAccountId).where('practitioner_id', '=', practitionerId).executeTakeFirst();
  if (!account) throw unprocessable('bankAccountId', 'Compte bancaire inconnu pour ce praticien.', 'Unknown bank account for this practitioner.');
  if (!account.active) throw unprocessable('bankAccountId', 'Ce compte bancaire est désactivé : choisissez un compte actif.', 'This bank account is deactivated: choose an active one.');
  const cheques = unique.map((id) => byId.get(id)!);
  const total = cheques.reduce((s, c) => s + c.amountCents, 0);
  const slip = await tx
    .insertInto('billing_deposit_slips')
    .values({ practice_id: ctx.practiceId, practitioner_id: practitionerId, bank_account_id: bankAccountId, number: 0, deposited_on: await practiceToday(tx, ctx.practiceId), cheque_count: cheques.length, total_cents: total, created_by: ctx.accountId })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  await tx.insertInto('billing_deposit_slip_cheques').values(cheques.map((c, i) => ({ practice_id: ctx.practiceId, slip_id: slip.id, payment_id: c.paymentId, position: i + 1 }))).execute();
  ctx.audit({ action: 'billing.deposit_slip.created', resourceType: 'billing_deposit_slip', resourceId: slip.id, details: { practitionerId, number: slip.number, cheques: cheques.length, totalCents: total } });
  return slip.id;
}

export interface SlipView {
  id: string;
  number: number;
  practitioner: { id: string; name: string };
  bankAccount: { id: string; label: string; holder: string; bank: string; account: string };
  depositedOn: string;
  cheques: ChequeRow[];
  count: number;
  totalCents: number;
}

export async function slipView(tx: Tx, ctx: RequestContext, slipId: string): Promise<SlipView> {
  const s = await tx
    .selectFrom('billing_deposit_slips as s')
    .innerJoin('billing_bank_accounts as b', 'b.id', 's.bank_account_id')
    .innerJoin('practitioners as pr', 'pr.id', 's.practitioner_id')
    .select(['s.id', 's.number', 's.practitioner_id', 'pr.display_name', 's.deposited_on', 's.cheque_count', 's.total_cents', 'b.id as bank_id', 'b.label', 'b.holder', 'b.bank_name', 'b.account'])
    .where('s.practice_id', '=', ctx.practiceId).where('s.id', '=', slipId).executeTakeFirst();
  if (!s) throw new AppError('not_found');
  await assertDeskOrOwn(tx, ctx, s.practitioner_id);
  const cheques = await tx
    .selectFrom('billing_deposit_slip_cheques as c').innerJoin('billing_payments as p', 'p.id', 'c.payment_id')
    .select(['p.id', 'p.cheque_bank', 'p.cheque_number', 'p.cheque_drawer', 'p.amount_cents', sql<string>`billing_local_day(p.practice_id, p.received_at)::text`.as('day')])
    .where('c.slip_id', '=', slipId).orderBy('c.position').execute();
  return {
    id: s.id, number: s.number, practitioner: { id: s.practitioner_id, name: s.display_name },
    bankAccount: { id: s.bank_id, label: s.label, holder: s.holder, bank: s.bank_name, account: formatIban(s.account) },
    depositedOn: s.deposited_on, count: s.cheque_count, totalCents: Number(s.total_cents),
    cheques: cheques.map((r) => ({ paymentId: r.id, receivedOn: r.day, bank: r.cheque_bank!, number: r.cheque_number!, drawer: r.cheque_drawer!, amountCents: r.amount_cents })),
  };
}

export async function slips(tx: Tx, ctx: RequestContext, practitionerId: string): Promise<Omit<SlipView, 'cheques' | 'practitioner'>[]> {
  await assertDeskOrOwn(tx, ctx, practitionerId);
  const rows = await tx
    .selectFrom('billing_deposit_slips as s').innerJoin('billing_bank_accounts as b', 'b.id', 's.bank_account_id')
    .select(['s.id', 's.number', 's.deposited_on', 's.cheque_count', 's.total_cents', 'b.id as bank_id', 'b.label', 'b.holder', 'b.bank_name', 'b.account'])
    .where('s.practice_id', '=', ctx.practiceId).where('s.practitioner_id', '=', practitionerId).orderBy('s.created_at', 'desc').limit(200).execute();
  return rows.map((s) => ({ id: s.id, number: s.number, depositedOn: s.deposited_on, count: s.cheque_count, totalCents: Number(s.total_cents), bankAccount: { id: s.bank_id, label: s.label, holder: s.holder, bank: s.bank_name, account: formatIban(s.account) } }));
}

const frDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export function slipPdf(v: SlipView, practiceName: string): Promise<Buffer> {
  return renderPdf({ title: `Bordereau de remise de chèques n° ${v.number}`, author: v.bankAccount.holder, createdAt: clock.now(), footer: `${v.bankAccount.holder} — bordereau n° ${v.number} — ${v.bankAccount.account}` }, (p) => {
    p.letterhead(v.bankAccount.holder, [practiceName, `Compte : ${v.bankAccount.label}`]);
    p.doc.moveDown(2);
    p.title(`Bordereau de remise de chèques n° ${v.number}`);
    p.keyValues([
      ['Titulaire du compte', v.bankAccount.holder],
      ...(v.bankAccount.bank ? [['Banque', v.bankAccount.bank] as [string, string]] : []),
      ['Compte (IBAN)', v.bankAccount.account],
      ['Date de remise', frDay(v.depositedOn)],
      ['Nombre de chèques', String(v.count)],
      ['Montant total', money(v.totalCents)],
    ]);
    p.doc.moveDown(1);
    p.table(
      [{ header: 'N°', width: 0.5 }, { header: 'N° de chèque', width: 1.3 }, { header: 'Banque', width: 2 }, { header: 'Tireur', width: 2.4 }, { header: 'Reçu le', width: 1.1 }, { header: 'Montant', width: 1.2, align: 'right' }],
      v.cheques.map((c, i) => [String(i + 1), c.number, c.bank, c.drawer, frDay(c.receivedOn), money(c.amountCents)]),
      { totals: ['', `${v.count} chèque${v.count > 1 ? 's' : ''}`, '', '', 'Total', money(v.totalCents)] },
    );
    p.doc.moveDown(2);
    p.paragraph('Signature du remettant :');
  });
}
