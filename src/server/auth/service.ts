import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import type {} from './schema.js';
import { type Db } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { Keyring } from '../platform/security/keyring.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { recordAuditNow, type AuditEvent } from '../audit/service.js';
import { afterFailure, afterSuccess, isLocked } from './lockout.js';
import { verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';
import { hashToken, normalizeRecoveryCode } from './tokens.js';
import { matchTotp } from './totp.js';
import { clock } from '../platform/clock.js';

export interface AuthDeps {
  db: Db;
  pool: pg.Pool;
  keyring: Keyring;
  mailer: Mailer;
  sessionHours: number;
  publicUrl: string;
  /** Where work done after the answer (the reset mail) reports its failures. */
  log?: Pick<Logger, 'error'>;
}

export const TOTP_CONTEXT = (accountId: string) => `totp:${accountId}`;

export interface LoginInput {
  email: string;
  password: string;
  totp?: string | undefined;
  practice?: string | undefined;
  ip: string;
  userAgent: string | null;
}

/**
 * Password, then second factor, then practice. Every outcome is audited as a security event.
 * The practice is the one asked for (id or slug), else the account's default, else its first.
 */
export async function login(deps: AuthDeps, input: LoginInput) {
  const { db } = deps;
  const email = input.email.trim().toLowerCase();
  const account = await db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
  const now = clock.now();
  const security = (action: string, details?: Record<string, unknown>, practiceId: string | null = null): AuditEvent => ({
    accountId: account?.id ?? null,
    practiceId,
    action,
    resourceType: 'account',
    resourceId: account?.id ?? null,
    ip: input.ip,
    details: { email, ...details },
  });

  // An address without an account is locked out exactly like an account: the answers must not tell them apart.
  const unknownKey = account ? null : emailKey(email);
  const lock = account
    ? { failedCount: account.failed_login_count, lockedUntil: account.locked_until }
    : await unknownLockState(db, unknownKey!);
  if (isLocked(lock, now)) {
    await verifyPassword(null, input.password); // same cost as a real attempt
    await recordAuditNow(db, [security('auth.login_refused_locked')]);
    throw lockedError(lock.lockedUntil!);
  }

  const passwordOk = await verifyPassword(account?.password_hash ?? null, input.password);
  if (!account || !passwordOk) {
    const lockedNow = account ? await registerFailure(db, account.id, now) : await registerUnknownFailure(db, unknownKey!, now);
    await recordAuditNow(db, [
      security('auth.login_failed', { reason: 'password' }),
      ...(lockedNow ? [security('auth.account_locked')] : []),
    ]);
    throw new AppError('invalid_credentials');
  }

  if (account.totp_enabled_at) {
    if (!input.totp) throw new AppError('totp_required');
    const ok = await checkSecondFactor(deps, account.id, account.totp_secret_enc!, account.totp_last_step, input.totp);
    if (!ok) {
      const lockedNow = await registerFailure(db, account.id, now);
      await recordAuditNow(db, [
        security('auth.login_failed', { reason: 'totp' }),
        ...(lockedNow ? [security('auth.account_locked')] : []),
      ]);
      throw new AppError('totp_invalid');
    }
  }

  const memberships = await db
    .selectFrom('memberships as m')
    .innerJoin('practices as p', 'p.id', 'm.practice_id')
    .select(['m.practice_id', 'p.slug', 'p.require_mfa'])
    .where('m.account_id', '=', account.id)
    .where('m.active', '=', true)
    .orderBy('p.name')
    .execute();
  const wanted = input.practice?.trim();
  const membership = wanted
    ? memberships.find((m) => m.practice_id === wanted || m.slug === wanted)
    : (memberships.find((m) => m.practice_id === account.default_practice_id) ?? memberships[0]);
  if (!membership) {
    await recordAuditNow(db, [security('auth.login_failed', { reason: 'no_practice', practice: wanted ?? null })]);
    throw new AppError(wanted ? 'not_member' : 'invalid_credentials');
  }

  const session = await createSession(db, {
    accountId: account.id,
    practiceId: membership.practice_id,
    hours: deps.sessionHours,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await db.transaction().execute(async (tx) => {
    const reset = afterSuccess();
    await tx
      .updateTable('accounts')
      .set({ failed_login_count: reset.failedCount, locked_until: reset.lockedUntil, last_login_at: now })
      .where('id', '=', account.id)
      .execute();
  });
  await recordAuditNow(db, [security('auth.login', { sessionId: session.sessionId }, membership.practice_id)]);
  return {
    ...session,
    accountId: account.id,
    practiceId: membership.practice_id,
    mfaEnrollmentRequired: membership.require_mfa && !account.totp_enabled_at,
  };
}

function lockedError(until: Date): AppError {
  const time = (lang: string) => until.toLocaleTimeString(lang === 'en' ? 'en-GB' : 'fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
  return new AppError('account_locked', { lockedUntil: until.toISOString() }, {
    fr: `Trop de tentatives de connexion : le compte est bloqué jusqu'à ${time('fr')}. Un administrateur peut aussi le débloquer.`,
    en: `Too many sign-in attempts: the account is locked until ${time('en')}. An administrator can also unlock it.`,
  });
}

/** The key of an address in login_failures_unknown (a hash: mistyped addresses are not kept). */
function emailKey(email: string): string {
  return createHash('sha256').update(email).digest('hex');
}

async function unknownLockState(db: Db, key: string): Promise<{ failedCount: number; lockedUntil: Date | null }> {
  const row = await db.selectFrom('login_failures_unknown').select(['failed_count', 'locked_until']).where('email_hash', '=', key).executeTakeFirst();
  return { failedCount: row?.failed_count ?? 0, lockedUntil: row?.locked_until ? new Date(row.locked_until) : null };
}

/** Counts a failure for an address without an account; true when it locked it (same rule as an account). */
async function registerUnknownFailure(db: Db, key: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await tx.insertInto('login_failures_unknown').values({ email_hash: key }).onConflict((oc) => oc.column('email_hash').doNothing()).execute();
    const row = await tx.selectFrom('login_failures_unknown').select(['failed_count', 'locked_until']).where('email_hash', '=', key).forUpdate().executeTakeFirstOrThrow();
    const next = afterFailure({ failedCount: row.failed_count, lockedUntil: row.locked_until }, now);
    await tx
      .updateTable('login_failures_unknown')
      .set({ failed_count: next.failedCount, locked_until: next.lockedUntil, updated_at: now })
      .where('email_hash', '=', key)
      .execute();
    return next.lockedUntil !== row.locked_until;
  });
}

/** Counts a failure; true when this failure locked the account. */
async function registerFailure(db: Db, accountId: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    // Row lock: concurrent failures must all count.
    const row = await tx
      .selectFrom('accounts')
      .select(['failed_login_count', 'locked_until'])
      .where('id', '=', accountId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const next = afterFailure({ failedCount: row.failed_login_count, lockedUntil: row.locked_until }, now);
    await tx.updateTable('accounts').set({ failed_login_count: next.failedCount, locked_until: next.lockedUntil }).where('id', '=', accountId).execute();
    return next.lockedUntil !== row.locked_until;
  });
}

/** A TOTP code (once per time step) or an unused recovery code. */
async function checkSecondFactor(deps: AuthDeps, accountId: string, secretEnc: string, lastStep: string | null, code: string): Promise<boolean> {
  const secret = deps.keyring.decrypt(secretEnc, TOTP_CONTEXT(accountId)).toString('utf8');
  const step = matchTotp(secret, code);
  if (step !== null) {
    // Conditional update: of two concurrent uses of one code, only one wins.
    const res = await deps.db
      .updateTable('accounts')
      .set({ totp_last_step: String(step) })
      .where('id', '=', accountId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
  const recovery = normalizeRecoveryCode(code);
  const used = await deps.db
    .updateTable('mfa_recovery_codes')
    .set({ used_at: clock.now() })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', hashToken(recovery))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

// 2FA enrolment: totp.service.ts; passwords and sign-out everywhere: passwords.service.ts; the account and its
// practices: account.service.ts. `sendPasswordLink` stays importable from here (staff invites).
export { sendPasswordLink } from './passwords.service.js';
