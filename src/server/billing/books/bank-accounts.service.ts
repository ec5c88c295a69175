import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { clock } from '../../platform/clock.js';
import { assertBooksAccess, unprocessable } from '../access.js';
import { assertDeskOrOwn } from './deposits.service.js';
import { formatIban, normaliseIban } from './rules.js';

/**
 * The practitioner's bank accounts, where their cheques are deposited (the deposit slip prints the holder, the bank
 * and the IBAN). Everyone at the desk reads them to prepare a slip; only the practitioner or an admin adds, edits or
 * deactivates one. The IBAN and the owner never change (a database guard): another account is a new row. An account
 * is never deleted, because its slips point to it: it is deactivated, and then takes no new slip.
 */
export interface BankAccount {
  id: string;
  label: string;
  holder: string;
  bank: string;
  account: string;
  active: boolean;
  slips: number;
}
export interface BankAccountInput {
  label: string;
  holder: string;
  bank: string;
}

const conflict = (fr: string, en: string) => new AppError('conflict', [{ field: 'iban', message: { fr, en } }], { fr, en });

export async function bankAccounts(tx: Tx, ctx: RequestContext, practitionerId: string): Promise<BankAccount[]> {
  await assertDeskOrOwn(tx, ctx, practitionerId);
  const rows = await tx.selectFrom('billing_bank_accounts').selectAll().where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', practitionerId)
    .orderBy('active', 'desc').orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, label: r.label, holder: r.holder, bank: r.bank_name, account: formatIban(r.account), active: r.active, slips: r.last_slip_number }));
}

export async function addBankAccount(tx: Tx, ctx: RequestContext, practitionerId: string, input: BankAccountInput & { iban: string }): Promise<string> {
  await assertBooksAccess(tx, ctx, practitionerId);
  const iban = normaliseIban(input.iban);
  if (!iban) throw unprocessable('iban', 'IBAN invalide : vérifiez le format (FR76…, 27 caractères pour un compte français) et la clé de contrôle.', 'Invalid IBAN: check the format (FR76…, 27 characters for a French account) and the check digits.');
  const dup = await tx.selectFrom('billing_bank_accounts').select('id').where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', practitionerId).where('account', '=', iban).executeTakeFirst();
  if (dup) throw conflict('Ce compte est déjà enregistré pour ce praticien (réactivez-le s’il est désactivé).', 'This account is already recorded for this practitioner (reactivate it if it is deactivated).');
  const row = await tx
    .insertInto('billing_bank_accounts')
    .values({ practice_id: ctx.practiceId, practitioner_id: practitionerId, label: input.label.trim(), holder: input.holder.trim(), bank_name: input.bank.trim(), account: iban })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.audit({ action: 'billing.bank_account.added', resourceType: 'practitioner', resourceId: practitionerId, details: { bankAccountId: row.id } });
  return row.id;
}

/** Label, holder, bank and the active flag; the IBAN is the account's identity and stays. */
export async function updateBankAccount(tx: Tx, ctx: RequestContext, practitionerId: string, accountId: string, input: BankAccountInput & { active: boolean }): Promise<void> {
  await assertBooksAccess(tx, ctx, practitionerId);
  const before = await tx.selectFrom('billing_bank_accounts').select(['id', 'active']).where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', practitionerId)
    .where('id', '=', accountId).forUpdate().executeTakeFirst();
  if (!before) throw new AppError('not_found');
  await tx.updateTable('billing_bank_accounts')
    .set({ label: input.label.trim(), holder: input.holder.trim(), bank_name: input.bank.trim(), active: input.active, updated_at: clock.now() })
    .where('id', '=', accountId).where('practice_id', '=', ctx.practiceId).execute();
  const action = before.active === input.active ? 'billing.bank_account.updated' : input.active ? 'billing.bank_account.reactivated' : 'billing.bank_account.deactivated';
  ctx.audit({ action, resourceType: 'practitioner', resourceId: practitionerId, details: { bankAccountId: accountId } });
}
