import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Actor } from '../platform/http/context.js';
import { hashToken, newToken } from './tokens.js';

export const SESSION_COOKIE = 'pivot_session';

/** The bearer token or session cookie of a request (the two are the same secret). */
export function requestToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return req.cookies?.[SESSION_COOKIE] || undefined;
}

export async function createSession(
  db: Db,
  input: { accountId: string; practiceId: string; hours: number; ip: string | null; userAgent: string | null },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + input.hours * 3600_000);
  const row = await db
    .insertInto('sessions')
    .values({
      token_hash: hash,
      account_id: input.accountId,
      practice_id: input.practiceId,
      expires_at: expiresAt,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, sessionId: row.id, expiresAt };
}

/**
 * Resolves the actor of a token in one query. A session is only valid while it has not expired and
 * the account is still an active member of the session's practice: removing someone takes effect at once.
 */
export async function resolveActor(db: Db, token: string): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .innerJoin('memberships as m', (j) => j.onRef('m.account_id', '=', 's.account_id').onRef('m.practice_id', '=', 's.practice_id'))
    .innerJoin('practices as p', 'p.id', 's.practice_id')
    .select([
      's.id as sessionId',
      's.account_id as accountId',
      's.practice_id as practiceId',
      'a.email',
      'a.language',
      'm.roles',
      sql<boolean>`p.require_mfa AND a.totp_enabled_at IS NULL`.as('mfaEnrollmentRequired'),
    ])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('m.active', '=', true)
    .executeTakeFirst();
  return row;
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteAllSessions(db: Db, accountId: string): Promise<number> {
  const res = await db.deleteFrom('sessions').where('account_id', '=', accountId).executeTakeFirst();
  return Number(res.numDeletedRows);
}
