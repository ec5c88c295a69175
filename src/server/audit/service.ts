import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../platform/db/database.js';
import type { AuditLogTable } from '../platform/db/schema.js';
import { entryHash, GENESIS_HASH, startChain, verifyEntries, type ChainState, type StoredEntry } from './chain.js';
import { clock } from '../platform/clock.js';

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

/**
 * Appends events inside the caller's transaction, so that an audited change and its audit entry commit or
 * roll back together. No lock is taken: entries are sealed into the hash chain just after commit by the
 * chainer (`sealPendingEntries`), so audited requests never wait for each other.
 */
export async function appendAudit(tx: Tx, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const occurredAt = clock.now();
  await tx
    .insertInto('audit_log')
    .values(
      events.map((e) => ({
        occurred_at: occurredAt,
        account_id: e.accountId,
        practice_id: e.practiceId,
        action: e.action,
        resource_type: e.resourceType ?? null,
        resource_id: e.resourceId ?? null,
        ip: e.ip ?? null,
        reason: e.reason ?? null,
        details: e.details ? JSON.stringify(e.details) : null,
        chain_seq: null,
        prev_hash: null,
        hash: null,
      })),
    )
    .execute();
}

/** Records events in their own transaction: for security events whose request fails (e.g. a wrong password). */
export async function recordAuditNow(db: Db, events: readonly AuditEvent[]): Promise<void> {
  await db.transaction().execute((tx) => appendAudit(tx, events));
}

const CHAIN_LOCK = 7491002;
const SEAL_BATCH = 2000;

type AuditRow = Omit<Selectable<AuditLogTable>, 'chain_seq' | 'prev_hash' | 'hash'>;

const fieldsOf = (r: AuditRow) => ({
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
});

/**
 * Seals committed, unsealed entries into the chain, in id order, each linked to the previous sealed one.
 * One sealer at a time across all app nodes (advisory lock); returns how many entries were sealed.
 */
export async function sealPendingEntries(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(tx);
      const pending = await tx
        .selectFrom('audit_log')
        .select(['id', 'occurred_at', 'account_id', 'practice_id', 'action', 'resource_type', 'resource_id', 'ip', 'reason', 'details'])
        .where('chain_seq', 'is', null)
        .orderBy('id')
        .limit(SEAL_BATCH)
        .execute();
      if (pending.length === 0) return 0;
      const last = await tx.selectFrom('audit_log').select(['chain_seq', 'hash']).where('chain_seq', 'is not', null).orderBy('chain_seq', 'desc').limit(1).executeTakeFirst();
      let prevHash = last?.hash ?? GENESIS_HASH;
      let seq = BigInt(last?.chain_seq ?? '0');
      const seals = pending.map((r) => {
        const hash = entryHash(prevHash, fieldsOf(r));
        seq += 1n;
        const seal = { id: r.id, seq: String(seq), prevHash, hash };
        prevHash = hash;
        return seal;
      });
      await sql`
        UPDATE audit_log AS l SET chain_seq = v.seq::bigint, prev_hash = v.prev_hash, hash = v.hash
          FROM (SELECT * FROM unnest(${seals.map((s) => s.id)}::bigint[], ${seals.map((s) => s.seq)}::bigint[],
                                     ${seals.map((s) => s.prevHash)}::text[], ${seals.map((s) => s.hash)}::text[])
                  AS t(id, seq, prev_hash, hash)) AS v
         WHERE l.id = v.id`.execute(tx);
      return seals.length;
    });
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

/** Runs the sealer in the background (every `intervalMs`) until stopped; stopping seals what is left. */
export function startAuditSealer(db: Db, log: Pick<Logger, 'error'>, intervalMs = 100): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = sealPendingEntries(db)
      .catch((err) => log.error({ err }, 'audit sealing failed; will retry'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer: NodeJS.Timeout = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await sealPendingEntries(db).catch((err) => log.error({ err }, 'final audit sealing failed'));
    },
  };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  /** Entries sealed by this verification (committed but not yet sealed, e.g. after a crash). */
  sealedNow: number;
}

/** Seals pending entries, then walks the whole chain in order, in batches, recomputing every hash. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<VerifyResult> {
  const sealedNow = await sealPendingEntries(db);
  let state: ChainState = startChain();
  let after = '0';
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where(sql<boolean>`chain_seq > ${after}::bigint`)
      .orderBy('chain_seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    const entries: StoredEntry[] = rows.map((r) => ({ ...fieldsOf(r), prevHash: r.prev_hash ?? '', hash: r.hash ?? '' }));
    state = verifyEntries(state, entries);
    if (state.firstBrokenId) break;
    after = rows[rows.length - 1]!.chain_seq!;
  }
  return { ok: state.firstBrokenId === null, checked: state.checked, firstBrokenId: state.firstBrokenId, sealedNow };
}
