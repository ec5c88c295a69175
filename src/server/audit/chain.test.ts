import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, checkpointMac, cutoverMac, GENESIS_HASH, keyedEntryHash, legacyEntryHash, type ChainedFields, type Checkpoint, type Cutover } from './chain.js';
import { ChainWalker, type ChainFinding, type SealedEntry } from './walk.js';

const KEY = crypto.randomBytes(32);
const TOLERANCE = 15 * 60_000;

const fieldsArb = fc.record({
  accountId: fc.option(fc.uuid(), { nil: null }),
  practiceId: fc.option(fc.uuid(), { nil: null }),
  action: fc.string({ minLength: 1, maxLength: 30 }),
  resourceType: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  resourceId: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
  ip: fc.option(fc.ipV4(), { nil: null }),
  reason: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
  details: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), { nil: null }),
  // Minutes after a fixed start, so that honest entries are a few minutes out of order at most.
  minute: fc.integer({ min: 0, max: 5 }),
});
type Fields = typeof fieldsArb extends fc.Arbitrary<infer T> ? T : never;

const T0 = Date.parse('2026-03-01T08:00:00Z');

interface Built {
  entries: SealedEntry[];
  cutover: Cutover;
  /** The head checkpoint (written after every seal) and a few older ones. */
  checkpoints: Checkpoint[];
}

/** A chain as Pivot seals it: `legacy` plain SHA-256 entries, then keyed ones; dates rise by the minute. */
function build(fields: Fields[], legacy: number, key = KEY): Built {
  let prev = GENESIS_HASH;
  const entries = fields.map((f, i) => {
    const { minute, ...rest } = f;
    const e: ChainedFields = { ...rest, id: String(1000 + i), occurredAt: new Date(T0 + (i + minute) * 60_000) };
    const seq = BigInt(i + 1);
    const hash = i < legacy ? legacyEntryHash(prev, e) : keyedEntryHash(key, prev, e);
    const sealed = { ...e, seq, prevHash: prev, hash };
    prev = hash;
    return sealed;
  });
  const cutover = { legacySeq: BigInt(legacy), legacyHash: legacy > 0 ? entries[legacy - 1]!.hash : GENESIS_HASH };
  const checkpoints = entries.filter((_, i) => i === entries.length - 1 || i % 4 === 3).map((e) => ({ seq: e.seq, hash: e.hash, at: new Date(e.occurredAt.getTime() + 1000) }));
  return { entries, cutover, checkpoints };
}

function walk(b: Built, entries = b.entries, key = KEY) {
  const w = new ChainWalker({ key, cutover: b.cutover, lateToleranceMs: TOLERANCE, checkpoints: b.checkpoints });
  w.feed(entries);
  return w.finish();
}

const kinds = (findings: ChainFinding[]) => new Set(findings.map((f) => f.kind));
const firstBroken = (findings: ChainFinding[]) => findings.find((f) => f.kind === 'broken') as Extract<ChainFinding, { kind: 'broken' }> | undefined;

/** Re-seals entries from `from` on, as an attacker would after a change: with plain SHA-256, a wrong key, or the key. */
function reseal(entries: SealedEntry[], from: number, legacySeq: bigint, key: Buffer | 'sha256'): SealedEntry[] {
  const out = entries.map((e) => ({ ...e }));
  for (let i = from; i < out.length; i++) {
    const prev = i === 0 ? GENESIS_HASH : out[i - 1]!.hash;
    const e = out[i]!;
    e.seq = BigInt(i + 1);
    e.prevHash = prev;
    e.hash = key === 'sha256' || e.seq <= legacySeq ? legacyEntryHash(prev, e) : keyedEntryHash(key, prev, e);
  }
  return out;
}

const chainArb = fc.array(fieldsArb, { minLength: 3, maxLength: 25 }).chain((fields) => fc.tuple(fc.constant(fields), fc.nat(fields.length), fc.nat(fields.length - 1)));

describe('audit chain primitives', () => {
  it('canonical JSON ignores key order, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, 1] } })).toBe(canonicalJson({ a: { c: [3, 1], d: 2 }, b: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('a keyed hash needs the key; a MAC of one kind never passes for another', () => {
    const e: ChainedFields = { id: '1', occurredAt: new Date(T0), accountId: null, practiceId: null, action: 'x', resourceType: null, resourceId: null, ip: null, reason: null, details: null };
    expect(keyedEntryHash(KEY, GENESIS_HASH, e)).not.toBe(keyedEntryHash(crypto.randomBytes(32), GENESIS_HASH, e));
    expect(keyedEntryHash(KEY, GENESIS_HASH, e)).not.toBe(legacyEntryHash(GENESIS_HASH, e));
    const c = { legacySeq: 1n, legacyHash: GENESIS_HASH };
    expect(cutoverMac(KEY, c)).not.toBe(checkpointMac(KEY, { seq: 1n, hash: GENESIS_HASH, at: new Date(T0) }));
  });
});

describe('walking the chain (property tests: insert, modify, reorder, delete at the head, middle and tail)', () => {
  it('an untouched chain, legacy prefix or not, has no finding, in one batch or two', () => {
    fc.assert(
      fc.property(chainArb, ([fields, legacy, cut]) => {
        const b = build(fields, legacy);
        const whole = walk(b);
        const w = new ChainWalker({ key: KEY, cutover: b.cutover, lateToleranceMs: TOLERANCE, checkpoints: b.checkpoints });
        w.feed(b.entries.slice(0, cut));
        w.feed(b.entries.slice(cut));
        const batched = w.finish();
        return whole.findings.length === 0 && whole.checked === fields.length && batched.findings.length === 0 && batched.lastHash === whole.lastHash;
      }),
    );
  });

  it('a changed field, not re-sealed, is named at that entry', () => {
    const keys = ['action', 'accountId', 'practiceId', 'resourceType', 'resourceId', 'ip', 'reason', 'details', 'occurredAt'] as const;
    fc.assert(
      fc.property(chainArb, fc.constantFrom(...keys), ([fields, legacy, i], key) => {
        const b = build(fields, legacy);
        const entries = b.entries.map((e) => ({ ...e }));
        const victim = entries[i]!;
        if (key === 'occurredAt') victim.occurredAt = new Date(victim.occurredAt.getTime() + 1);
        else if (key === 'details') victim.details = { ...(victim.details as object | null), tampered: true };
        else (victim as unknown as Record<string, unknown>)[key] = `${String(victim[key])}x`;
        const r = walk(b, entries);
        return firstBroken(r.findings)?.id === victim.id && firstBroken(r.findings)?.reason === 'hash';
      }),
    );
  });

  it('a change re-sealed without the key (plain SHA-256 or a guessed key) is still found, at the latest at the cut-over', () => {
    fc.assert(
      fc.property(chainArb, fc.boolean(), ([fields, legacy, i], sha) => {
        const b = build(fields, legacy);
        const changed = b.entries.map((e, k) => (k === i ? { ...e, resourceId: 'tampered-resource' } : e));
        const r = walk(b, reseal(changed, i, b.cutover.legacySeq, sha ? 'sha256' : crypto.randomBytes(32)));
        const broken = firstBroken(r.findings);
        if (i >= legacy) return broken?.id === b.entries[i]!.id; // keyed part: named where it was changed
        return broken !== undefined && Number(broken.seq) >= i + 1 && Number(broken.seq) <= Math.max(legacy, i + 1) + 1;
      }),
    );
  });

  it('a change re-sealed WITH the key (the key leaked, the checkpoints did not) is found by the checkpoints', () => {
    fc.assert(
      fc.property(chainArb, ([fields, legacy, i]) => {
        const b = build(fields, legacy);
        const changed = b.entries.map((e, k) => (k === i ? { ...e, ip: 'tampered-ip' } : e));
        const r = walk(b, reseal(changed, i, b.cutover.legacySeq, KEY));
        return kinds(r.findings).has('rewritten') && (i >= legacy || firstBroken(r.findings)?.reason === 'cutover');
      }),
    );
  });

  it('a deleted entry: at the head or in the middle the next entry is named; at the tail the checkpoint tells', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(3), ([fields, legacy, i], more) => {
        const b = build(fields, legacy);
        const n = b.entries.length;
        if (i === n - 1) {
          // The tail: the last `1 + more` entries removed, nothing left to break, the head checkpoint counts them.
          const kept = b.entries.slice(0, Math.max(0, n - 1 - more));
          const r = walk(b, kept);
          const truncated = r.findings.find((f) => f.kind === 'truncated');
          return firstBroken(r.findings) === undefined && truncated?.kind === 'truncated' && truncated.expectedSeq === String(n) && truncated.lastSeq === String(kept.length);
        }
        const r = walk(b, [...b.entries.slice(0, i), ...b.entries.slice(i + 1)]);
        return firstBroken(r.findings)?.id === b.entries[i + 1]!.id && firstBroken(r.findings)?.reason === 'gap';
      }),
    );
  });

  it('a deleted entry with the later ones renumbered is named at the next one', () => {
    fc.assert(
      fc.property(chainArb, ([fields, legacy, i]) => {
        fc.pre(i < fields.length - 1);
        const b = build(fields, legacy);
        const renumbered = [...b.entries.slice(0, i), ...b.entries.slice(i + 1)].map((e, k) => ({ ...e, seq: BigInt(k + 1) }));
        return firstBroken(walk(b, renumbered).findings)?.id === b.entries[i + 1]!.id;
      }),
    );
  });

  it('an inserted entry sealed without the key is named, at the head, in the middle or at the tail', () => {
    fc.assert(
      fc.property(chainArb, fieldsArb, fc.nat(), ([fields, legacy], forgedFields, at) => {
        const b = build(fields, legacy);
        const pos = at % (fields.length + 1);
        const { minute: _m, ...rest } = forgedFields;
        const prev = pos === 0 ? GENESIS_HASH : b.entries[pos - 1]!.hash;
        const forged = { ...rest, id: 'forged', occurredAt: new Date(T0), seq: 0n, prevHash: prev, hash: '' };
        forged.hash = keyedEntryHash(crypto.randomBytes(32), prev, forged);
        const entries = [...b.entries.slice(0, pos), forged, ...b.entries.slice(pos)].map((e, k) => ({ ...e, seq: BigInt(k + 1) }));
        const broken = firstBroken(walk(b, entries).findings);
        return broken?.id === 'forged' || (pos < legacy && broken !== undefined);
      }),
    );
  });

  it('two entries swapped (their places exchanged) break the chain there', () => {
    fc.assert(
      fc.property(chainArb, ([fields, legacy, i]) => {
        fc.pre(i < fields.length - 1);
        const b = build(fields, legacy);
        const swapped = b.entries.map((e) => ({ ...e }));
        [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
        swapped.forEach((e, k) => (e.seq = BigInt(k + 1)));
        const broken = firstBroken(walk(b, swapped).findings);
        return broken?.seq === String(i + 1);
      }),
    );
  });

  it('a back-dated entry (sealed by whoever has the key, bypassing the sealer) is reported', () => {
    fc.assert(
      fc.property(chainArb, fc.integer({ min: 16, max: 60 * 24 * 30 }), ([fields], minutesBack) => {
        const b = build(fields, 0);
        const last = b.entries[b.entries.length - 1]!;
        const e = { ...last, id: 'late', seq: last.seq + 1n, prevHash: last.hash, occurredAt: new Date(last.occurredAt.getTime() - minutesBack * 60_000 - 5 * 60_000) };
        e.hash = keyedEntryHash(KEY, last.hash, e);
        const r = walk(b, [...b.entries, e]);
        return r.findings.some((f) => f.kind === 'backdated' && f.id === 'late') && firstBroken(r.findings) === undefined;
      }),
    );
  });
});
