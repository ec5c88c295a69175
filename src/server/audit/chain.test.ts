import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH, startChain, verifyEntries, type StoredEntry } from './chain.js';

const fieldsArb = fc.record({
  accountId: fc.option(fc.uuid(), { nil: null }),
  practiceId: fc.option(fc.uuid(), { nil: null }),
  action: fc.string({ minLength: 1, maxLength: 30 }),
  resourceType: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  resourceId: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
  ip: fc.option(fc.ipV4(), { nil: null }),
  reason: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
  details: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), { nil: null }),
  occurredAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
});

type Fields = typeof fieldsArb extends fc.Arbitrary<infer T> ? T : never;

function buildChain(fields: Fields[]): StoredEntry[] {
  let prev = GENESIS_HASH;
  return fields.map((f, i) => {
    const e = { ...f, id: String(i + 1) };
    const hash = entryHash(prev, e);
    const stored = { ...e, prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

describe('audit hash chain', () => {
  it('canonical JSON ignores key order, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, 1] } })).toBe(canonicalJson({ a: { c: [3, 1], d: 2 }, b: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('an untouched chain verifies', () => {
    fc.assert(
      fc.property(fc.array(fieldsArb, { minLength: 0, maxLength: 30 }), (fields) => {
        const result = verifyEntries(startChain(), buildChain(fields));
        return result.firstBrokenId === null && result.checked === fields.length;
      }),
    );
  });

  it('verification in batches gives the same answer as in one go', () => {
    fc.assert(
      fc.property(fc.array(fieldsArb, { minLength: 2, maxLength: 30 }), fc.nat(), (fields, cut) => {
        const chain = buildChain(fields);
        const k = cut % chain.length;
        const batched = verifyEntries(verifyEntries(startChain(), chain.slice(0, k)), chain.slice(k));
        return batched.firstBrokenId === null && batched.checked === chain.length;
      }),
    );
  });

  it('any change to any field of any entry is detected at that entry', () => {
    const keys = ['action', 'accountId', 'practiceId', 'resourceType', 'resourceId', 'ip', 'reason', 'details', 'occurredAt'] as const;
    fc.assert(
      fc.property(fc.array(fieldsArb, { minLength: 1, maxLength: 20 }), fc.nat(), fc.constantFrom(...keys), (fields, pick, key) => {
        const chain = buildChain(fields);
        const i = pick % chain.length;
        const victim = { ...chain[i]! };
        if (key === 'occurredAt') victim.occurredAt = new Date(victim.occurredAt.getTime() + 1);
        else if (key === 'details') victim.details = { ...(victim.details as object | null), tampered: true };
        else (victim as Record<string, unknown>)[key] = `${String(victim[key])}x`;
        chain[i] = victim;
        return verifyEntries(startChain(), chain).firstBrokenId === victim.id;
      }),
    );
  });

  it('a deleted, inserted or reordered entry breaks the chain', () => {
    fc.assert(
      fc.property(fc.array(fieldsArb, { minLength: 3, maxLength: 20 }), fc.nat(), (fields, pick) => {
        const chain = buildChain(fields);
        const i = 1 + (pick % (chain.length - 2));
        const deleted = [...chain.slice(0, i), ...chain.slice(i + 1)];
        const swapped = [...chain];
        [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
        const forged = [...chain.slice(0, i), { ...chain[i]!, id: 'forged' }, ...chain.slice(i)];
        return (
          verifyEntries(startChain(), deleted).firstBrokenId === chain[i + 1]!.id &&
          verifyEntries(startChain(), swapped).firstBrokenId !== null &&
          verifyEntries(startChain(), forged).firstBrokenId !== null
        );
      }),
    );
  });
});
