import { sql } from 'kysely';
import type pg from 'pg';
import { type Db, type Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { RequestContext } from '../platform/http/context.js';
import { appendAudit, recordAuditNow } from '../audit/service.js';
import { hashPassword, isAcceptablePassword, verifyPassword } from './passwords.js';
import { deleteAllSessions } from './sessions.js';
import { hashToken, newToken } from './tokens.js';
import { clock } from '../platform/clock.js';
import type { AuthDeps } from './service.js';

/** Passwords: change, one-time links (reset, invitation) and their use, and signing out everywhere. */

export async function changePassword(tx: Tx, ctx: RequestContext, current: string, next: string) {
  const account = await tx.selectFrom('accounts').select('password_hash').where('id', '=', ctx.accountId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(account.password_hash, current))) throw new AppError('wrong_current_password');
  if (!isAcceptablePassword(next)) throw new AppError('weak_password');
  await tx.updateTable('accounts').set({ password_hash: await hashPassword(next), password_changed_at: clock.now() }).where('id', '=', ctx.accountId).execute();
  // Other sessions end: a changed password must lock out whoever else had it.
  await tx.deleteFrom('sessions').where('account_id', '=', ctx.accountId).where('id', '!=', ctx.sessionId).execute();
  ctx.audit({ action: 'auth.password_changed', resourceType: 'account', resourceId: ctx.accountId });
}

const RESET_HOURS = 2;
const INVITE_HOURS = 72;

/** Creates a one-time link and mails it. Answers the same whether the e-mail is known or not. */
export async function sendPasswordLink(deps: AuthDeps, accountId: string, purpose: 'reset' | 'invite', practiceName?: string) {
  const account = await deps.db.selectFrom('accounts').select(['email', 'display_name', 'language']).where('id', '=', accountId).executeTakeFirstOrThrow();
  const { token, hash } = newToken();
  const hours = purpose === 'reset' ? RESET_HOURS : INVITE_HOURS;
  await deps.db
    .insertInto('password_tokens')
    .values({ token_hash: hash, account_id: accountId, purpose, expires_at: new Date(clock.nowMs() + hours * 3600_000) })
    .execute();
  const link = `${deps.publicUrl}/#/reset-password?token=${token}${purpose === 'invite' ? '&invite=1' : ''}`;
  const en = account.language === 'en';
  const subject =
    purpose === 'reset'
      ? en ? 'Pivot: reset your password' : 'Pivot : réinitialisation de votre mot de passe'
      : en ? `Pivot: your access to ${practiceName}` : `Pivot : votre accès à ${practiceName}`;
  const text =
    purpose === 'reset'
      ? en
        ? `Hello ${account.display_name},\n\nTo choose a new password, open this link within ${hours} hours:\n${link}\n\nIf you did not ask for it, ignore this message: your password stays the same.`
        : `Bonjour ${account.display_name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans les ${hours} heures :\n${link}\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.`
      : en
        ? `Hello ${account.display_name},\n\nYou have been given access to ${practiceName} in Pivot. Choose your password within ${hours} hours:\n${link}`
        : `Bonjour ${account.display_name},\n\nUn accès à ${practiceName} vous a été ouvert dans Pivot. Choisissez votre mot de passe dans les ${hours} heures :\n${link}`;
  await deps.mailer.send({ to: account.email, subject, text, accountId });
}

export async function requestPasswordReset(deps: AuthDeps, email: string, ip: string) {
  const account = await deps.db.selectFrom('accounts').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  await recordAuditNow(deps.db, [
    { accountId: account?.id ?? null, practiceId: null, action: 'auth.password_reset_requested', resourceType: 'account', resourceId: account?.id ?? null, ip, details: { known: Boolean(account) } },
  ]);
  // The link is created and mailed after the answer: waiting for it (a token, an outbox row, an SMTP round trip)
  // made the answer to a known address measurably slower than to an unknown one.
  if (account) {
    setImmediate(() => {
      sendPasswordLink(deps, account.id, 'reset').catch((err: unknown) => deps.log?.error({ err }, 'password reset link not sent'));
    });
  }
}

export async function confirmPasswordReset(db: Db, token: string, password: string, ip: string) {
  if (!isAcceptablePassword(password)) throw new AppError('weak_password');
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('password_tokens')
      .set({ used_at: clock.now() })
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`pivot_now()`)
      .returning(['account_id', 'purpose'])
      .executeTakeFirst();
    if (!row) throw new AppError('token_invalid');
    await tx
      .updateTable('accounts')
      .set({ password_hash: passwordHash, password_changed_at: clock.now(), failed_login_count: 0, locked_until: null })
      .where('id', '=', row.account_id)
      .execute();
    await tx.deleteFrom('sessions').where('account_id', '=', row.account_id).execute();
    await appendAudit(tx, [{ accountId: row.account_id, practiceId: null, action: row.purpose === 'invite' ? 'auth.invitation_accepted' : 'auth.password_reset', resourceType: 'account', resourceId: row.account_id, ip }]);
  });
}

export async function logoutEverywhere(tx: Tx, ctx: RequestContext) {
  const count = await deleteAllSessions(tx, ctx.accountId);
  ctx.audit({ action: 'auth.logout_all', resourceType: 'account', resourceId: ctx.accountId, details: { sessions: count } });
}
