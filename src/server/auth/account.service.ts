import { sql } from 'kysely';
import type pg from 'pg';
import { queryPrepared, type Db, type Tx } from '../platform/db/database.js';
import type { Role } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { RequestContext } from '../platform/http/context.js';

/** The signed-in account as the web app sees it (its practices, roles, 2FA state) and the switch of practice. */

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
