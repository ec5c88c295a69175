import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { clock } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { assertBooksAccess, isAdmin, ownPractitionerId, unprocessable } from '../access.js';
import { practiceToday } from './daybook.service.js';
import { checkFec } from './fec-check.js';
import { expenseCategoryLabel, fecAmount, fecFileName, fecLines, fecText22, iso885915, type FecLine, type Movement } from './fec.js';
import { patientReference } from './rules.js';

/**
 * The accountant's exports of a practitioner's books: the FEC (BNC, cash basis) and the same entries as CSV. Only
 * the practitioner (their own) or an admin (any practitioner of the practice, named by `practitioner`). Each export
 * is recorded (who, when, period, SHA-256 of the bytes) and audited; the file is checked before it leaves.
 */
export interface ExportQuery {
  from?: string | undefined;
  to?: string | undefined;
  practitioner?: string | undefined;
}

/** Whose books: the signed-in practitioner's, or the one an admin names. */
async function resolvePractitioner(tx: Tx, ctx: RequestContext, named: string | undefined): Promise<string> {
  if (named) {
    await assertBooksAccess(tx, ctx, named);
    return named;
  }
  const own = await ownPractitionerId(tx, ctx);
  if (own) return own;
  throw unprocessable('practitioner', isAdmin(ctx) ? 'Précisez le praticien (practitioner=<id>).' : 'Ce compte n’est pas celui d’un praticien.', isAdmin(ctx) ? 'Name the practitioner (practitioner=<id>).' : 'This account is not a practitioner’s.');
}

/**
 * An admin who is not a practitioner and names none: the practitioners whose books they may export (the route
 * answers 300 Multiple Choices with them). `null` when the query names whose books, or the caller has their own.
 */
export async function exportChoices(tx: Tx, ctx: RequestContext, q: ExportQuery): Promise<{ id: string; name: string }[] | null> {
  if (q.practitioner || !isAdmin(ctx) || (await ownPractitionerId(tx, ctx))) return null;
  const rows = await tx
    .selectFrom('practitioners as p')
    .innerJoin('billing_profiles as b', (j) => j.onRef('b.practitioner_id', '=', 'p.id').onRef('b.practice_id', '=', 'p.practice_id'))
    .select(['p.id', 'p.display_name'])
    .where('p.practice_id', '=', ctx.practiceId)
    .orderBy('p.display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}

async function period(tx: Tx, ctx: RequestContext, q: ExportQuery): Promise<{ from: string; to: string }> {
  const today = await practiceToday(tx, ctx.practiceId);
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw unprocessable('from', 'La date de début est après la date de fin.', 'The start date is after the end date.');
  if (DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days > 731) throw unprocessable('to', 'Une exportation couvre au plus deux ans.', 'An export covers two years at most.');
  return { from, to };
}

/** Every movement of money of the practitioner whose book day is in [from, to]. */
export async function movements(tx: Tx, practiceId: string, practitionerId: string, from: string, to: string): Promise<Movement[]> {
  const day = (col: string) => sql<string>`billing_local_day(${sql.ref('p.practice_id')}, ${sql.ref(col)})::text`;
  const codes = sql<string>`(SELECT string_agg(l.code, '+' ORDER BY l.position) FROM billing_invoice_lines l WHERE l.invoice_id = i.id)`;
  const receipt = sql<string | null>`(SELECT r.year || '-' || lpad(r.number::text, 6, '0') FROM billing_receipts r WHERE r.invoice_id = i.id AND r.kind = 'receipt' ORDER BY r.year DESC, r.number DESC LIMIT 1)`;
  const [payments, reversals, slips, expenses] = await Promise.all([
    tx.selectFrom('billing_payments as p').innerJoin('billing_invoices as i', 'i.id', 'p.invoice_id')
      .select(['p.id', 'p.method', 'p.amount_cents', 'i.patient_id', day('p.received_at').as('day'), codes.as('codes'), receipt.as('receipt'), 'p.seq'])
      .where('i.practice_id', '=', practiceId).where('i.practitioner_id', '=', practitionerId)
      .where(day('p.received_at'), '>=', from).where(day('p.received_at'), '<=', to).execute(),
    tx.selectFrom('billing_reversals as v').innerJoin('billing_payments as p', 'p.id', 'v.payment_id').innerJoin('billing_invoices as i', 'i.id', 'p.invoice_id')
      .select(['v.id', 'v.amount_cents', 'v.entry_day', 'v.reason', 'p.method', 'i.patient_id', day('p.received_at').as('paid_day')])
      .where('v.practice_id', '=', practiceId).where('v.practitioner_id', '=', practitionerId).where('v.entry_day', '>=', from).where('v.entry_day', '<=', to).execute(),
    tx.selectFrom('billing_deposit_slips as s').innerJoin('billing_bank_accounts as b', 'b.id', 's.bank_account_id')
      .select(['s.id', 's.number', 's.deposited_on', 's.total_cents', 's.cheque_count', 'b.label'])
      .where('s.practice_id', '=', practiceId).where('s.practitioner_id', '=', practitionerId).where('s.deposited_on', '>=', from).where('s.deposited_on', '<=', to).execute(),
    tx.selectFrom('billing_expenses').select(['id', 'spent_on', 'payee', 'category', 'amount_cents', 'means'])
      .where('practice_id', '=', practiceId).where('practitioner_id', '=', practitionerId).where('spent_on', '>=', from).where('spent_on', '<=', to).execute(),
  ]);
  return [
    ...payments.map((p): Movement => {
      const ref = patientReference(p.patient_id);
      // Sorted by entry order within a day: the sequence, zero-padded, keeps the desk's order.
      return { kind: 'receipt', key: String(p.seq).padStart(15, '0'), day: p.day, means: p.method, amountCents: p.amount_cents, pieceRef: p.receipt ?? `ENC-${p.id.slice(0, 8).toUpperCase()}`, pieceDay: p.day, label: `Honoraires ${p.codes ?? ''} ${ref}`, clientRef: ref };
    }),
    ...reversals.map((v): Movement => {
      const ref = patientReference(v.patient_id);
      return { kind: 'reversal', key: v.id, day: v.entry_day, means: v.method, amountCents: v.amount_cents, pieceRef: `CP-${v.id.slice(0, 8).toUpperCase()}`, pieceDay: v.entry_day, label: `Contre-passation de l’encaissement du ${v.paid_day} ${ref} : ${v.reason}`, clientRef: ref };
    }),
    ...slips.map((s): Movement => ({ kind: 'deposit', key: s.id, day: s.deposited_on, amountCents: Number(s.total_cents), pieceRef: `REM-${s.number}`, label: `Remise de ${s.cheque_count} chèque(s) n° ${s.number} (${s.label})` })),
    ...expenses.map((e): Movement => ({ kind: 'expense', key: e.id, day: e.spent_on, means: e.means, category: e.category, amountCents: e.amount_cents, pieceRef: `DEP-${e.id.slice(0, 8).toUpperCase()}`, label: `${expenseCategoryLabel(e.category)} — ${e.payee}` })),
  ];
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  entries: number;
  sha256: string;
}

function csvFile(lines: FecLine[]): string {
  const cell = (v: string) => (/[";\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = ['Date', 'Journal', 'N° écriture', 'Pièce', 'Compte', 'Libellé du compte', 'Libellé', 'Débit', 'Crédit', 'Mode de règlement', 'Nature', 'Client'];
  const rows = lines.map((l) => [l.day, l.journal, String(l.num), l.pieceRef, l.account[0], l.account[1], l.label, fecAmount(l.debitCents), fecAmount(l.creditCents), l.means, l.nature, l.clientRef].map(cell).join(';'));
  return `\uFEFF${header.join(';')}\r\n${rows.join('\r\n')}\r\n`;
}

export async function buildExport(tx: Tx, ctx: RequestContext, format: 'fec' | 'csv', q: ExportQuery): Promise<ExportFile> {
  const practitionerId = await resolvePractitioner(tx, ctx, q.practitioner);
  const { from, to } = await period(tx, ctx, q);
  const profile = await tx.selectFrom('billing_profiles').select('siren').where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', practitionerId).executeTakeFirst();
  if (!profile?.siren)
    throw unprocessable('practitioner', 'Le SIREN du praticien manque dans son profil de facturation : il nomme le fichier des écritures.', 'The practitioner’s SIREN is missing from the billing profile: it names the FEC file.');
  const lines = fecLines(await movements(tx, ctx.practiceId, practitionerId, from, to));
  const entries = lines.length / 2;
  let file: Omit<ExportFile, 'sha256' | 'entries'>;
  if (format === 'fec') {
    const text = fecText22(lines);
    const problems = checkFec(text);
    if (problems.length) throw new Error(`FEC export failed its own checks: ${problems.slice(0, 3).join('; ')}`);
    file = { fileName: fecFileName(profile.siren, to), contentType: 'text/plain; charset=iso-8859-15', bytes: iso885915(text) };
  } else {
    file = { fileName: `${profile.siren}-ecritures-${from}-${to}.csv`, contentType: 'text/csv; charset=utf-8', bytes: Buffer.from(csvFile(lines), 'utf8') };
  }
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  await tx
    .insertInto('billing_exports')
    .values({ practice_id: ctx.practiceId, practitioner_id: practitionerId, format, from_day: from, to_day: to, entries, sha256, file_name: file.fileName, exported_by: ctx.accountId, exported_at: clock.now() })
    .execute();
  ctx.audit({ action: `billing.export.${format}`, resourceType: 'practitioner', resourceId: practitionerId, details: { from, to, entries, sha256, fileName: file.fileName } });
  return { ...file, entries, sha256 };
}

/** The export log of a practitioner (who, when, period, hash). */
export async function exportLog(tx: Tx, ctx: RequestContext, practitionerId: string) {
  await assertBooksAccess(tx, ctx, practitionerId);
  const rows = await tx
    .selectFrom('billing_exports as e').innerJoin('accounts as a', 'a.id', 'e.exported_by')
    .select(['e.id', 'e.format', 'e.from_day', 'e.to_day', 'e.entries', 'e.sha256', 'e.file_name', 'e.exported_at', 'a.email'])
    .where('e.practice_id', '=', ctx.practiceId).where('e.practitioner_id', '=', practitionerId).orderBy('e.exported_at', 'desc').limit(200).execute();
  return rows.map((r) => ({ id: r.id, format: r.format, from: r.from_day, to: r.to_day, entries: r.entries, sha256: r.sha256, fileName: r.file_name, exportedAt: new Date(r.exported_at).toISOString(), exportedBy: r.email }));
}

