import { sql, type Selectable } from 'kysely';
import type { Db, Tx } from '../platform/db/database.js';
import type { AuditLogTable } from '../platform/db/schema.js';
import { clock } from '../platform/clock.js';
import { cutoverMac, GENESIS_HASH, keyedEntryHash, macEquals, type ChainedFields, type Cutover } from './chain.js';
import type { CheckpointStore } from './checkpoints.js';
import './schema.js';

/**
 * Honest entries reach the sealer out of date order: each is dated when its transaction writes it and sealed just
 * after that transaction commits, so a long transaction's entry follows later-dated ones. Up to this much is
 * accepted; an entry dated further back than the chain's latest time is refused as back-dated.
 */
export const LATE_TOLERANCE_MS = 15 * 60_000;
/** Clock differences between app nodes; an entry dated further ahead than now is refused (it would hold back every honest entry after it). */
export const FUTURE_TOLERANCE_MS = 2 * 60_000;

const CHAIN_LOCK = 7491002;
const SEAL_BATCH = 2000;

/** The chain in the database no longer holds the entry of this node's last checkpoint: sealing on top would hide it. */
export class AnchorMismatchError extends Error {
  constructor(readonly why: 'truncated' | 'rewritten', readonly checkpointSeq: bigint) {
    super(`audit chain does not contain its last checkpoint (seq ${checkpointSeq}, ${why}): sealing stopped, run pivot audit verify`);
  }
}

export interface SealerDeps {
  db: Db;
  key: Buffer;
  checkpoints: CheckpointStore;
  /** Fault injection for the crash tests: a hook that throws stands for the process dying at that point. */
  testHooks?: { beforeCommit?(): void | Promise<void>; afterCommit?(): void | Promise<void> };
}

type AuditRow = Omit<Selectable<AuditLogTable>, 'chain_seq' | 'prev_hash' | 'hash'>;

export const fieldsOf = (r: AuditRow): ChainedFields => ({
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
 * Seals committed, unsealed entries into the keyed chain, in id order, each linked to the previous sealed one, and
 * refuses those dated too far back or ahead. One sealer at a time across all app nodes (advisory lock). After each
 * committed batch, the new head is written as a signed checkpoint outside the database. Returns how many entries
 * were sealed; throws `AnchorMismatchError` (sealing nothing) when the chain lost this node's last checkpoint.
 */
export async function sealPending(deps: SealerDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = await deps.db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(tx);
      await signCutover(tx, deps.key);
      const last = await tx.selectFrom('audit_log').select(['chain_seq', 'hash']).where('chain_seq', 'is not', null).orderBy('chain_seq', 'desc').limit(1).executeTakeFirst();
      let seq = BigInt(last?.chain_seq ?? '0');
      let prevHash = last?.hash ?? GENESIS_HASH;
      await checkAnchor(tx, deps.checkpoints, seq, prevHash);
      const pending = await tx
        .selectFrom('audit_log as l')
        .select(['l.id', 'l.occurred_at', 'l.account_id', 'l.practice_id', 'l.action', 'l.resource_type', 'l.resource_id', 'l.ip', 'l.reason', 'l.details'])
        .where('l.chain_seq', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('audit_log_refused as r').select('r.audit_id').whereRef('r.audit_id', '=', 'l.id'))))
        .orderBy('l.id')
        .limit(SEAL_BATCH)
        .execute();
      if (pending.length === 0) return { sealed: 0, pending: 0, seq, hash: prevHash };
      const latest = await tx.selectFrom('audit_log').select((eb) => eb.fn.max('occurred_at').as('t')).where('chain_seq', 'is not', null).executeTakeFirst();
      let chainTime = latest?.t ? new Date(latest.t).getTime() : Number.NEGATIVE_INFINITY;
      const now = clock.nowMs();
      const seals: { id: string; seq: string; prevHash: string; hash: string }[] = [];
      const refusals: { audit_id: string; reason: 'backdated' | 'future'; chain_time: Date | null }[] = [];
      for (const r of pending) {
        const time = r.occurred_at.getTime();
        if (time > now + FUTURE_TOLERANCE_MS) {
          refusals.push({ audit_id: r.id, reason: 'future', chain_time: Number.isFinite(chainTime) ? new Date(chainTime) : null });
          continue;
        }
        if (time < chainTime - LATE_TOLERANCE_MS) {
          refusals.push({ audit_id: r.id, reason: 'backdated', chain_time: new Date(chainTime) });
          continue;
        }
        const hash = keyedEntryHash(deps.key, prevHash, fieldsOf(r));
        seq += 1n;
        seals.push({ id: r.id, seq: String(seq), prevHash, hash });
        prevHash = hash;
        chainTime = Math.max(chainTime, time);
      }
      if (seals.length > 0) {
        await sql`
          UPDATE audit_log AS l SET chain_seq = v.seq::bigint, prev_hash = v.prev_hash, hash = v.hash
            FROM (SELECT * FROM unnest(${seals.map((s) => s.id)}::bigint[], ${seals.map((s) => s.seq)}::bigint[],
                                       ${seals.map((s) => s.prevHash)}::text[], ${seals.map((s) => s.hash)}::text[])
                    AS t(id, seq, prev_hash, hash)) AS v
           WHERE l.id = v.id`.execute(tx);
      }
      if (refusals.length > 0) await tx.insertInto('audit_log_refused').values(refusals).execute();
      await deps.testHooks?.beforeCommit?.();
      return { sealed: seals.length, pending: pending.length, seq, hash: prevHash };
    });
    await deps.testHooks?.afterCommit?.();
    // After the commit only: a checkpoint must never get ahead of the database (a crash here leaves it behind,
    // and the next seal catches up, as it does after a seal by another node).
    const known = deps.checkpoints.latest();
    if (batch.seq > 0n && (!known || batch.seq > known.seq)) await deps.checkpoints.record({ seq: batch.seq, hash: batch.hash, at: clock.now() });
    total += batch.sealed;
    if (batch.pending < SEAL_BATCH) return total;
  }
}

/** The cut-over record is not signed with this key: another installation's key, or a record altered since. */
export class WrongAuditKeyError extends Error {
  constructor() {
    super('the audit cut-over record does not verify with this key: wrong secret key (PIVOT_SECRET_KEY / secret.key) or altered record; nothing sealed');
  }
}

/**
 * The first sealer that holds the key signs the cut-over point recorded by migration 0104. Every later seal checks
 * that signature first: a node started with another secret key would otherwise seal entries no one can verify.
 */
async function signCutover(tx: Tx, key: Buffer): Promise<void> {
  const row = await tx.selectFrom('audit_chain_cutover').select(['legacy_seq', 'legacy_hash', 'mac']).where('id', '=', 1).executeTakeFirst();
  if (!row) return; // removed: reported by verification; sealing goes on, keyed
  const c: Cutover = { legacySeq: BigInt(row.legacy_seq), legacyHash: row.legacy_hash };
  if (row.mac === null) {
    await tx.updateTable('audit_chain_cutover').set({ mac: cutoverMac(key, c) }).where('id', '=', 1).where('mac', 'is', null).execute();
  } else if (!macEquals(cutoverMac(key, c), row.mac)) {
    throw new WrongAuditKeyError();
  }
}

/**
 * Before extending the chain: it must still hold this node's last checkpoint, unchanged. Otherwise entries were
 * removed or rewritten, and sealing on top (then moving the checkpoint) would erase the evidence.
 */
async function checkAnchor(tx: Tx, checkpoints: CheckpointStore, lastSeq: bigint, lastHash: string): Promise<void> {
  const anchor = checkpoints.latest();
  if (!anchor) return; // first seal of this checkpoint folder: nothing to compare with yet
  if (lastSeq < anchor.seq) throw new AnchorMismatchError('truncated', anchor.seq);
  const hash = lastSeq === anchor.seq
    ? lastHash
    : (await tx.selectFrom('audit_log').select('hash').where('chain_seq', '=', String(anchor.seq)).executeTakeFirst())?.hash;
  if (hash !== anchor.hash) throw new AnchorMismatchError('rewritten', anchor.seq);
}
