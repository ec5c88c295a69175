import { GENESIS_HASH, keyedEntryHash, legacyEntryHash, type ChainedFields, type Checkpoint, type Cutover } from './chain.js';

/** A sealed entry as stored: its content, its place in the chain and the hashes it was sealed with. */
export interface SealedEntry extends ChainedFields {
  seq: bigint;
  prevHash: string;
  hash: string;
}

/**
 * What a walk along the chain can find.
 * - `broken`: this entry does not follow the previous one (`gap`: entries missing before it; `link`: its
 *   previous hash is not the previous entry's; `hash`: its hash does not match its content; `cutover`: it is the
 *   last plain SHA-256 entry and is not the one recorded at the cut-over).
 * - `backdated`: a keyed entry dated more than the tolerance before the chain's latest time when it was sealed.
 * - `rewritten`: the entry at a checkpoint's position is not the one the checkpoint recorded.
 * - `truncated`: a checkpoint recorded more entries than the chain holds.
 */
export type ChainFinding =
  | { kind: 'broken'; seq: string; id: string; reason: 'gap' | 'link' | 'hash' | 'cutover' }
  | { kind: 'backdated'; seq: string; id: string; occurredAt: string; chainTime: string }
  | { kind: 'rewritten'; seq: string; checkpointAt: string }
  | { kind: 'truncated'; lastSeq: string; expectedSeq: string; checkpointAt: string };

export interface WalkRules {
  key: Buffer;
  cutover: Cutover;
  /** An entry may be sealed up to this long after later-dated ones (transactions commit out of order). */
  lateToleranceMs: number;
  /** Checkpoints whose signature was checked; the cut-over counts as one. */
  checkpoints: readonly Checkpoint[];
}

export interface WalkResult {
  checked: number;
  lastSeq: bigint;
  lastHash: string;
  /** The first findings of each kind (at most `MAX_LISTED`); `counts` has them all. */
  findings: ChainFinding[];
  counts: Record<ChainFinding['kind'], number>;
}

export const MAX_LISTED = 20;

/**
 * Verifies entries fed in `seq` order, in as many batches as needed (pure: no database, no file). After a
 * break the walk goes on from the stored hash, so that each tampered place is named, not only the first one.
 */
export class ChainWalker {
  private checked = 0;
  private lastSeq = 0n;
  private lastHash = GENESIS_HASH;
  private chainTime = Number.NEGATIVE_INFINITY;
  private readonly findings: ChainFinding[] = [];
  private readonly counts: Record<ChainFinding['kind'], number> = { broken: 0, backdated: 0, rewritten: 0, truncated: 0 };
  private readonly bySeq = new Map<bigint, Checkpoint[]>();

  constructor(private readonly rules: WalkRules) {
    for (const cp of rules.checkpoints) {
      const list = this.bySeq.get(cp.seq) ?? [];
      list.push(cp);
      this.bySeq.set(cp.seq, list);
    }
  }

  feed(entries: Iterable<SealedEntry>): void {
    const { key, cutover, lateToleranceMs } = this.rules;
    for (const e of entries) {
      this.checked++;
      const keyed = e.seq > cutover.legacySeq;
      const reason =
        e.seq !== this.lastSeq + 1n ? 'gap'
        : e.prevHash !== this.lastHash ? 'link'
        : e.hash !== (keyed ? keyedEntryHash(key, e.prevHash, e) : legacyEntryHash(e.prevHash, e)) ? 'hash'
        : e.seq === cutover.legacySeq && e.hash !== cutover.legacyHash ? 'cutover'
        : undefined;
      if (reason) this.add({ kind: 'broken', seq: String(e.seq), id: e.id, reason });
      const time = e.occurredAt.getTime();
      if (keyed && time < this.chainTime - lateToleranceMs) {
        this.add({ kind: 'backdated', seq: String(e.seq), id: e.id, occurredAt: e.occurredAt.toISOString(), chainTime: new Date(this.chainTime).toISOString() });
      }
      this.chainTime = Math.max(this.chainTime, time);
      for (const cp of this.bySeq.get(e.seq) ?? []) {
        if (cp.hash !== e.hash) this.add({ kind: 'rewritten', seq: String(e.seq), checkpointAt: cp.at.toISOString() });
      }
      this.lastSeq = e.seq;
      this.lastHash = e.hash;
    }
  }

  finish(): WalkResult {
    // The furthest checkpoint beyond the end of the chain: entries were removed from the tail.
    let furthest: Checkpoint | undefined;
    for (const cp of this.rules.checkpoints) if (cp.seq > this.lastSeq && (!furthest || cp.seq > furthest.seq)) furthest = cp;
    if (furthest) this.add({ kind: 'truncated', lastSeq: String(this.lastSeq), expectedSeq: String(furthest.seq), checkpointAt: furthest.at.toISOString() });
    return { checked: this.checked, lastSeq: this.lastSeq, lastHash: this.lastHash, findings: [...this.findings], counts: { ...this.counts } };
  }

  private add(f: ChainFinding): void {
    this.counts[f.kind]++;
    if (this.counts[f.kind] <= MAX_LISTED) this.findings.push(f);
  }
}
