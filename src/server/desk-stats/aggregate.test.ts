import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { singleLine } from '../platform/text.js';
import { bucketStart, bucketsOf, csvCell, parseCsv, percentile, rate, summariseWaits, toCsv } from './aggregate.js';

const isoDay = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('period buckets', () => {
  it('starts weeks on Monday and months on the 1st', () => {
    expect(bucketStart('2026-03-15', 'week')).toBe('2026-03-09'); // a Sunday → its Monday
    expect(bucketStart('2026-03-09', 'week')).toBe('2026-03-09');
    expect(bucketStart('2026-03-15', 'month')).toBe('2026-03-01');
    expect(bucketStart('2026-03-15', 'day')).toBe('2026-03-15');
  });

  it('covers a period with consecutive buckets, DST changes included', () => {
    expect(bucketsOf('2026-03-28', '2026-04-01', 'day')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01']);
    expect(bucketsOf('2026-03-04', '2026-03-16', 'week')).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(bucketsOf('2026-01-31', '2026-03-01', 'month')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
  });

  it('every day of a period falls in exactly one of its buckets (property)', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 0, max: 120 }), fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<'day' | 'week' | 'month'>, (from, len, g) => {
        const to = new Date(Date.parse(`${from}T00:00:00Z`) + len * 86400_000).toISOString().slice(0, 10);
        const buckets = bucketsOf(from, to, g);
        expect(new Set(buckets).size).toBe(buckets.length);
        expect([...buckets].sort()).toEqual(buckets);
        for (let i = 0; i <= len; i += Math.max(1, Math.floor(len / 10))) {
          const day = new Date(Date.parse(`${from}T00:00:00Z`) + i * 86400_000).toISOString().slice(0, 10);
          expect(buckets).toContain(bucketStart(day, g));
          expect(bucketStart(day, g) <= day).toBe(true);
        }
      }),
    );
  });
});

describe('percentiles and waits', () => {
  it('interpolates like percentile_cont', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 0, 20, 30, 40], 0.9)).toBe(36);
    expect(() => percentile([1], 1.5)).toThrow();
  });

  it('lies between min and max, grows with p, ignores the order of values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20000 }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (v, a, b) => {
        const [p, q] = a <= b ? [a, b] : [b, a];
        const x = percentile(v, p)!;
        expect(x).toBeGreaterThanOrEqual(Math.min(...v));
        expect(x).toBeLessThanOrEqual(Math.max(...v));
        expect(percentile(v, q)!).toBeGreaterThanOrEqual(x - 1e-9);
        expect(percentile([...v].reverse(), p)).toBeCloseTo(x, 9);
      }),
    );
  });

  it('summarises waits in minutes and ignores negative ones', () => {
    expect(summariseWaits([600, 1200, 1800, -50])).toEqual({ count: 3, median: 20, p90: 28, mean: 20 });
    expect(summariseWaits([])).toEqual({ count: 0, median: null, p90: null, mean: null });
  });

  it('computes rates', () => {
    expect(rate(1, 3)).toBe(33.3);
    expect(rate(0, 0)).toBeNull();
  });
});

describe('CSV for French Excel', () => {
  it('uses a BOM, semicolons, CRLF and decimal commas', () => {
    const csv = toCsv(['jour', 'attente médiane (min)'], [['2026-03-09', 12.5], ['2026-03-10', null]]);
    expect(csv).toBe('\uFEFFjour;attente médiane (min)\r\n2026-03-09;12,5\r\n2026-03-10;\r\n');
  });

  it('quotes separators and neutralises formulas', () => {
    expect(csvCell('Dr Martin; Dr Lefèvre')).toBe('"Dr Martin; Dr Lefèvre"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-12')).toBe(`"'-12"`);
    expect(csvCell(-12)).toBe('-12');
    // A line break or a bidi override in a practitioner's name stays inside one line of the file.
    expect(csvCell('Dr Martin\r\n=cmd\u202e')).toBe('"Dr Martin =cmd"');
  });

  it('reads back exactly what was written (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 3, maxLength: 3 }), { maxLength: 8 }), (rows) => {
        const back = parseCsv(toCsv(['a', 'b', 'c'], rows));
        // Cells are written on one line (singleLine), then formulas are neutralised.
        const unformula = (raw: string) => {
          const s = singleLine(raw);
          return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
        };
        expect(back).toEqual([['a', 'b', 'c'], ...rows.map((r) => r.map(unformula))]);
      }),
    );
  });
});
