import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db/database.js';
import { entryHash, GENESIS_HASH, startChain, verifyEntries, type StoredEntry, type ChainState } from './chain.js';

/** An event to record. `practiceId` null only for events outside any practice (e.g. a failed login). */
export interface AuditEvent {
  accountId: string | null;
  practiceId: string | null;
  action: string;
  resourceType?: string | null;
  resourceId?: string | null;
  ip?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

const CHAIN_LOCK = 7491002;

/**
 * Appends events to the chain inside the caller's transaction, so that an audited change and its
 * audit entry commit or roll back together. The advisory lock serialises appenders until commit:
 * each entry links to the last committed one. Callers append at the end of their transaction to keep that window short.
 */
export async function appendAudit(tx: Tx, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(tx);
  const last = await tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  const ids = await sql<{ id: string }>`SELECT nextval('audit_log_id_seq')::text AS id FROM generate_series(1, ${events.length})`.execute(tx);
  const rows = events.map((e, i) => {
    const fields = {
      id: ids.rows[i]!.id,
      occurredAt: new Date(),
      accountId: e.accountId,
      practiceId: e.practiceId,
      action: e.action,
      resourceType: e.resourceType ?? null,
      resourceId: e.resourceId ?? null,
      ip: e.ip ?? null,
      reason: e.reason ?? null,
      details: e.details ?? null,
    };
    const hash = entryHash(prevHash, fields);
    const row = {
      id: fields.id,
      occurred_at: fields.occurredAt,
      account_id: fields.accountId,
      practice_id: fields.practiceId,
      action: fields.action,
      resource_type: fields.resourceType,
      resource_id: fields.resourceId,
      ip: fields.ip,
      reason: fields.reason,
      details: fields.details === null ? null : JSON.stringify(fields.details),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  await tx.insertInto('audit_log').values(rows).execute();
}

/** Records events in their own transaction: for security events whose request fails (e.g. a wrong password). */
export async function recordAuditNow(db: Db, events: readonly AuditEvent[]): Promise<void> {
  await db.transaction().execute((tx) => appendAudit(tx, events));
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
}

/** Walks the whole chain in id order, in batches, recomputing every hash. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<VerifyResult> {
  let state: ChainState = startChain();
  let after = '0';
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where(sql<boolean>`id > ${after}::bigint`)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    const entries: StoredEntry[] = rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      accountId: r.account_id,
      practiceId: r.practice_id,
      action: r.action,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      ip: r.ip,
      reason: r.reason,
      details: r.details,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    state = verifyEntries(state, entries);
    if (state.firstBrokenId) break;
    after = rows[rows.length - 1]!.id;
  }
  return { ok: state.firstBrokenId === null, checked: state.checked, firstBrokenId: state.firstBrokenId };
}
