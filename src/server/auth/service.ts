import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import type pg from 'pg';
import type { Logger } from 'pino';
import type {} from './schema.js';
import { queryPrepared, type Db, type Tx } from '../platform/db/database.js';
import type { Role } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { RequestContext } from '../platform/http/context.js';
import type { Keyring } from '../platform/security/keyring.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { appendAudit, recordAuditNow, type AuditEvent } from '../audit/service.js';
import { afterFailure, afterSuccess, isLocked } from './lockout.js';
import { hashPassword, isAcceptablePassword, verifyPassword } from './passwords.js';
import { createSession, deleteAllSessions } from './sessions.js';
import { hashToken, newRecoveryCode, newToken, normalizeRecoveryCode } from './tokens.js';
import { matchTotp, newTotpSecret, totpUri } from './totp.js';
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

const TOTP_CONTEXT = (accountId: string) => `totp:${accountId}`;

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

// --- 2FA enrolment -------------------------------------------------------------------------

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

// --- Passwords -----------------------------------------------------------------------------

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

// --- The account and its practices ---------------------------------------------------------

export async function describeMe(
  db: Db,
  ctx: Pick<RequestContext, 'accountId' | 'practiceId' | 'mfaEnrollmentRequired'>,
  smtpConfigured: boolean,
  /** Outside a transaction, the pool: the query then runs as a prepared statement (every page load asks for it). */
  pool?: pg.Pool,
) {
  // One round trip: the account and all its active memberships.
  const query = sql<{
    id: string;
    email: string;
    display_name: string;
    language: 'fr' | 'en';
    totp_enabled: boolean;
    default_practice_id: string | null;
    practices: { id: string; name: string; roles: Role[] }[];
  }>`
    SELECT a.id, a.email, a.display_name, a.language, a.totp_enabled_at IS NOT NULL AS totp_enabled, a.default_practice_id,
           coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'roles', m.roles) ORDER BY p.name)
                    FILTER (WHERE p.id IS NOT NULL), '[]') AS practices
      FROM accounts a
      LEFT JOIN memberships m ON m.account_id = a.id AND m.active
      LEFT JOIN practices p ON p.id = m.practice_id
     WHERE a.id = ${ctx.accountId}
     GROUP BY a.id`;
  const rows = pool ? await queryPrepared(pool, 'pivot_describe_me', query.compile(db)) : (await query.execute(db)).rows;
  const account = rows[0]!;
  const current = account.practices.find((p) => p.id === ctx.practiceId)!;
  return {
    account: {
      id: account.id,
      email: account.email,
      displayName: account.display_name,
      language: account.language,
      totpEnabled: account.totp_enabled,
    },
    practice: current,
    practices: account.practices.map((p) => ({ ...p, isDefault: p.id === account.default_practice_id })),
    mfaEnrollmentRequired: ctx.mfaEnrollmentRequired,
    smtpConfigured,
  };
}

/** Moves the session to another practice of the account. The database refuses a practice the account does not belong to. */
export async function switchPractice(tx: Tx, ctx: RequestContext, practiceId: string) {
  const membership = await tx
    .selectFrom('memberships as m')
    .innerJoin('practices as p', 'p.id', 'm.practice_id')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(sql<boolean>`p.require_mfa AND a.totp_enabled_at IS NULL`.as('mfaEnrollmentRequired'))
    .where('m.account_id', '=', ctx.accountId)
    .where('m.practice_id', '=', practiceId)
    .where('m.active', '=', true)
    .executeTakeFirst();
  if (!membership) throw new AppError('not_member');
  await tx.updateTable('sessions').set({ practice_id: practiceId }).where('id', '=', ctx.sessionId).execute();
  ctx.audit({ action: 'auth.practice_switched', resourceType: 'practice', resourceId: practiceId, details: { from: ctx.practiceId } });
  return { accountId: ctx.accountId, practiceId, mfaEnrollmentRequired: membership.mfaEnrollmentRequired };
}
