import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db/database.js';
import { cutoverMac, GENESIS_HASH, macEquals, type Checkpoint, type Cutover } from './chain.js';
import type { CheckpointFiles } from './checkpoints.js';
import { fieldsOf, LATE_TOLERANCE_MS } from './sealer.js';
import { ChainWalker, MAX_LISTED, type ChainFinding } from './walk.js';
import './schema.js';

/**
 * Problems make the verification fail; warnings do not, but say what could not be checked.
 * Besides the chain's own findings (walk.ts):
 * - `refused`: an entry the sealer refused to chain (dated too far back, or in the future);
 * - `sealing`: the sealer refuses to extend a chain that lost its last checkpoint, or to seal with a key the
 *   cut-over record does not verify with (`unsealed` entries wait);
 * - `cutover_missing` / `cutover_forged`: the record of the switch to the keyed chain was removed or altered;
 * - `checkpoint_forged`: a checkpoint file whose signature does not match (written without the key).
 */
export type AuditProblem =
  | ChainFinding
  | { kind: 'refused'; id: string; reason: 'backdated' | 'future'; occurredAt: string }
  | { kind: 'sealing'; why: 'truncated' | 'rewritten' | 'wrong_key' | 'error'; unsealed: number }
  | { kind: 'cutover_missing' }
  | { kind: 'cutover_forged' }
  | { kind: 'checkpoint_forged'; source: string };

export type AuditWarning =
  | { kind: 'no_checkpoint' }
  | { kind: 'checkpoint_unreadable'; source: string }
  | { kind: 'cutover_unsigned' };

export interface VerifyReport {
  ok: boolean;
  /** Sealed entries read. */
  checked: number;
  /** The first entry that does not follow its predecessor (null when none). */
  firstBrokenId: string | null;
  /** Entries sealed by this verification (committed but not yet sealed, e.g. after a crash). */
  sealedNow: number;
  problems: AuditProblem[];
  /** How many of each kind (the list keeps the first ones). */
  problemCounts: Record<string, number>;
  warnings: AuditWarning[];
  checkpoints: { valid: number; latest: { seq: string; hash: string; at: string } | null };
}

export interface InspectOptions {
  key: Buffer;
  files: CheckpointFiles;
  batchSize?: number;
}

/**
 * Reads the whole chain in `chain_seq` order, in batches, and checks it against the key, the cut-over record and
 * the checkpoints. Read-only: `db` may be a transaction (the tamper tests inspect their changes, then roll back).
 */
export async function inspectChain(db: Db | Tx, opts: InspectOptions): Promise<Omit<VerifyReport, 'sealedNow'>> {
  const problems: AuditProblem[] = [];
  const warnings: AuditWarning[] = [];
  const counts: Record<string, number> = {};
  const add = (p: AuditProblem, n = 1) => {
    counts[p.kind] = (counts[p.kind] ?? 0) + n;
    if ((counts[p.kind] ?? 0) - n < MAX_LISTED) problems.push(p);
  };

  const cutoverRow = await db.selectFrom('audit_chain_cutover').select(['legacy_seq', 'legacy_hash', 'recorded_at', 'mac']).where('id', '=', 1).executeTakeFirst();
  let cutover: Cutover = { legacySeq: 0n, legacyHash: GENESIS_HASH };
  const anchors: Checkpoint[] = [...opts.files.valid];
  if (!cutoverRow) add({ kind: 'cutover_missing' });
  else {
    cutover = { legacySeq: BigInt(cutoverRow.legacy_seq), legacyHash: cutoverRow.legacy_hash };
    if (cutoverRow.mac === null) warnings.push({ kind: 'cutover_unsigned' });
    else if (!macEquals(cutoverMac(opts.key, cutover), cutoverRow.mac)) add({ kind: 'cutover_forged' });
    // The plain SHA-256 part is anchored by the cut-over: removing its tail is a truncation too.
    if (cutover.legacySeq > 0n) anchors.push({ seq: cutover.legacySeq, hash: cutover.legacyHash, at: new Date(cutoverRow.recorded_at) });
  }
  for (const source of opts.files.forged) add({ kind: 'checkpoint_forged', source });
  for (const source of opts.files.unreadable) warnings.push({ kind: 'checkpoint_unreadable', source });
  if (opts.files.valid.length === 0) warnings.push({ kind: 'no_checkpoint' });

  const walker = new ChainWalker({ key: opts.key, cutover, lateToleranceMs: LATE_TOLERANCE_MS, checkpoints: anchors });
  const batchSize = opts.batchSize ?? 5000;
  let after = '0';
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where(sql<boolean>`chain_seq > ${after}::bigint`).orderBy('chain_seq').limit(batchSize).execute();
    if (rows.length === 0) break;
    walker.feed(rows.map((r) => ({ ...fieldsOf(r), seq: BigInt(r.chain_seq!), prevHash: r.prev_hash ?? '', hash: r.hash ?? '' })));
    after = rows[rows.length - 1]!.chain_seq!;
  }
  const walk = walker.finish();
  for (const f of walk.findings) problems.push(f);
  for (const [kind, n] of Object.entries(walk.counts)) if (n > 0) counts[kind] = n;

  const refused = await db
    .selectFrom('audit_log_refused as r')
    .innerJoin('audit_log as l', 'l.id', 'r.audit_id')
    .select(['l.id', 'r.reason', 'l.occurred_at'])
    .where('l.chain_seq', 'is', null)
    .orderBy('l.id')
    .execute();
  for (const r of refused) add({ kind: 'refused', id: r.id, reason: r.reason, occurredAt: r.occurred_at.toISOString() });
  const latest = opts.files.valid.reduce<Checkpoint | null>((best, cp) => (!best || cp.seq > best.seq ? cp : best), null);
  const firstBroken = walk.findings.find((f) => f.kind === 'broken');
  return {
    ok: problems.length === 0,
    checked: walk.checked,
    firstBrokenId: firstBroken?.kind === 'broken' ? firstBroken.id : null,
    problems,
    problemCounts: counts,
    warnings,
    checkpoints: { valid: opts.files.valid.length, latest: latest && { seq: String(latest.seq), hash: latest.hash, at: latest.at.toISOString() } },
  };
}
