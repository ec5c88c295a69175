import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { containedIn, gridStarts, mergeIntervals, overlapsAny, subtractIntervals, type Interval } from './intervals.js';

const iv = (start: number, end: number): Interval => ({ start, end });

describe('mergeIntervals', () => {
  it('sorts, merges overlapping and touching intervals, drops empty ones', () => {
    expect(mergeIntervals([iv(5, 8), iv(1, 3), iv(3, 4), iv(7, 10), iv(12, 12)])).toEqual([iv(1, 4), iv(5, 10)]);
  });
  it('keeps a contained interval inside its container', () => {
    expect(mergeIntervals([iv(0, 10), iv(2, 3)])).toEqual([iv(0, 10)]);
  });
  it('does not mutate its input', () => {
    const input = [iv(3, 4), iv(1, 2)];
    mergeIntervals(input);
    expect(input).toEqual([iv(3, 4), iv(1, 2)]);
  });
});

describe('subtractIntervals', () => {
  it('cuts breaks out of opening ranges', () => {
    expect(subtractIntervals([iv(8, 19)], [iv(12, 14)])).toEqual([iv(8, 12), iv(14, 19)]);
  });
  it('handles cuts that cover, straddle or miss', () => {
    expect(subtractIntervals([iv(0, 10), iv(20, 30)], [iv(5, 25)])).toEqual([iv(0, 5), iv(25, 30)]);
    expect(subtractIntervals([iv(0, 10)], [iv(-5, 15)])).toEqual([]);
    expect(subtractIntervals([iv(0, 10)], [iv(10, 15)])).toEqual([iv(0, 10)]);
    expect(subtractIntervals([iv(0, 10)], [iv(2, 3), iv(5, 6)])).toEqual([iv(0, 2), iv(3, 5), iv(6, 10)]);
  });
  it('is the set difference (property, on integer points)', () => {
    const ivArb = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 })).map(([s, l]) => iv(s, s + l));
    fc.assert(
      fc.property(fc.array(ivArb, { maxLength: 6 }), fc.array(ivArb, { maxLength: 6 }), (base, cut) => {
        const res = subtractIntervals(base, cut);
        for (let x = 0; x < 85; x++) {
          const inBase = base.some((b) => b.start <= x && x < b.end);
          const inCut = cut.some((c) => c.start <= x && x < c.end);
          const inRes = res.some((r) => r.start <= x && x < r.end);
          if (inRes !== (inBase && !inCut)) return false;
        }
        for (let i = 1; i < res.length; i++) if (!(res[i - 1]!.end < res[i]!.start)) return false;
        return true;
      }),
    );
  });
});

describe('overlapsAny / containedIn', () => {
  const list = [iv(0, 10), iv(20, 30)];
  it('detects overlaps with half-open semantics', () => {
    expect(overlapsAny(list, 10, 20)).toBe(false);
    expect(overlapsAny(list, 9, 11)).toBe(true);
    expect(overlapsAny(list, 29, 40)).toBe(true);
    expect(overlapsAny([], 0, 1)).toBe(false);
  });
  it('detects containment in one interval', () => {
    expect(containedIn(list, 0, 10)).toBe(true);
    expect(containedIn(list, 5, 21)).toBe(false);
    expect(containedIn(list, 22, 30)).toBe(true);
    expect(containedIn(list, 30, 31)).toBe(false);
  });
});

describe('gridStarts', () => {
  it('anchors at the interval start and keeps the whole duration inside', () => {
    expect(gridStarts(iv(0, 60), 20, 15)).toEqual([0, 15, 30]);
    expect(gridStarts(iv(0, 60), 60, 15)).toEqual([0]);
    expect(gridStarts(iv(0, 50), 60, 15)).toEqual([]);
  });
});
