import QRCode from 'qrcode';
import type pg from 'pg';
import { type Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { RequestContext } from '../platform/http/context.js';
import { verifyPassword } from './passwords.js';
import { hashToken, newRecoveryCode } from './tokens.js';
import { matchTotp, newTotpSecret, totpUri } from './totp.js';
import { clock } from '../platform/clock.js';
import { TOTP_CONTEXT, type AuthDeps } from './service.js';

/** Second factor (TOTP) enrolment: start, enable with a first code (recovery codes given once), disable. */

/** The account's 2FA state, locked for the enrolment step, refused when 2FA is already on. */
async function lockForEnrolment(tx: Tx, accountId: string) {
  const account = await tx
    .selectFrom('accounts')
    .select(['totp_enabled_at', 'totp_secret_enc'])
    .where('id', '=', accountId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (account.totp_enabled_at) throw new AppError('totp_already_enabled');
  return account;
}

export async function startTotpSetup(deps: AuthDeps, tx: Tx, ctx: RequestContext) {
  const account = await lockForEnrolment(tx, ctx.accountId);
  // A pending (not yet confirmed) secret is shown again rather than replaced: a second tab, a reload
  // or a repeated request must not silently invalidate the QR code the user is scanning.
  let secret: string;
  if (account.totp_secret_enc) {
    secret = deps.keyring.decrypt(account.totp_secret_enc, TOTP_CONTEXT(ctx.accountId)).toString('utf8');
  } else {
    secret = newTotpSecret();
    await tx
      .updateTable('accounts')
      .set({ totp_secret_enc: deps.keyring.encrypt(secret, TOTP_CONTEXT(ctx.accountId)), totp_last_step: null })
      .where('id', '=', ctx.accountId)
      .execute();
    ctx.audit({ action: 'auth.totp_setup_started', resourceType: 'account', resourceId: ctx.accountId });
  }
  const otpauthUrl = totpUri(secret, ctx.email);
  return { secret, otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
}

export async function enableTotp(deps: AuthDeps, tx: Tx, ctx: RequestContext, code: string) {
  const account = await lockForEnrolment(tx, ctx.accountId);
  if (!account.totp_secret_enc) throw new AppError('totp_setup_missing');
  const secret = deps.keyring.decrypt(account.totp_secret_enc, TOTP_CONTEXT(ctx.accountId)).toString('utf8');
  const step = matchTotp(secret, code);
  if (step === null) throw new AppError('totp_invalid');
  const codes = Array.from({ length: 10 }, newRecoveryCode);
  await tx.updateTable('accounts').set({ totp_enabled_at: clock.now(), totp_last_step: String(step) }).where('id', '=', ctx.accountId).execute();
  await tx.deleteFrom('mfa_recovery_codes').where('account_id', '=', ctx.accountId).execute();
  await tx.insertInto('mfa_recovery_codes').values(codes.map((c) => ({ account_id: ctx.accountId, code_hash: hashToken(c), used_at: null }))).execute();
  ctx.audit({ action: 'auth.totp_enabled', resourceType: 'account', resourceId: ctx.accountId });
  return { recoveryCodes: codes };
}

export async function disableTotp(deps: AuthDeps, tx: Tx, ctx: RequestContext, password: string, code: string) {
  const account = await tx.selectFrom('accounts').selectAll().where('id', '=', ctx.accountId).forUpdate().executeTakeFirstOrThrow();
  if (!account.totp_enabled_at) return;
  const requiring = await tx
    .selectFrom('memberships as m')
    .innerJoin('practices as p', 'p.id', 'm.practice_id')
    .select('p.id')
    .where('m.account_id', '=', ctx.accountId)
    .where('m.active', '=', true)
    .where('p.require_mfa', '=', true)
    .executeTakeFirst();
  if (requiring) throw new AppError('mfa_required_by_practice');
  if (!(await verifyPassword(account.password_hash, password))) throw new AppError('wrong_current_password');
  const secret = deps.keyring.decrypt(account.totp_secret_enc!, TOTP_CONTEXT(ctx.accountId)).toString('utf8');
  if (matchTotp(secret, code) === null) throw new AppError('totp_invalid');
  await tx.updateTable('accounts').set({ totp_enabled_at: null, totp_secret_enc: null, totp_last_step: null }).where('id', '=', ctx.accountId).execute();
  await tx.deleteFrom('mfa_recovery_codes').where('account_id', '=', ctx.accountId).execute();
  ctx.audit({ action: 'auth.totp_disabled', resourceType: 'account', resourceId: ctx.accountId });
}
