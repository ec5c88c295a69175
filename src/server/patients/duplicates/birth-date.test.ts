import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareBirthDates, formatPartialDate, parseBirthDate } from './birth-date.js';

describe('parseBirthDate', () => {
  it.each([
    ['1958-03-12', { year: 1958, month: 3, day: 12 }],
    ['1958-00-00', { year: 1958, month: null, day: null }],
    ['1958-03-00', { year: 1958, month: 3, day: null }],
    ['1958', { year: 1958, month: null, day: null }],
    ['12/03/1958', { year: 1958, month: 3, day: 12 }],
    ['00/00/1958', { year: 1958, month: null, day: null }],
  ])('%s', (s, expected) => expect(parseBirthDate(s)).toEqual(expected));

  it('empty or unreadable → null', () => {
    expect(parseBirthDate('')).toBeNull();
    expect(parseBirthDate(null)).toBeNull();
    expect(parseBirthDate('0000-00-00')).toBeNull();
    expect(parseBirthDate('le 12 mars')).toBeNull();
  });

  it('formats with 00 for unknown parts', () => {
    expect(formatPartialDate({ year: 1958, month: null, day: null })).toBe('1958-00-00');
  });
});

describe('compareBirthDates', () => {
  it.each([
    ['1958-03-12', '1958-03-12', 'same', undefined],
    ['1958-03-12', '12/03/1958', 'same', undefined],
    ['1958-00-00', '1958-00-00', 'same_partial', undefined],
    ['1958-00-00', '1958-03-12', 'compatible', undefined],
    ['1958-03-00', '1958-03-12', 'compatible', undefined],
    ['1958-03-12', '1958-12-03', 'day_month_swapped', undefined],
    ['1958-03-12', '1958-03-13', 'one_digit', 'day'],
    ['1958-03-12', '1958-08-12', 'one_digit', 'month'],
    ['1958-03-12', '1968-03-12', 'one_digit', 'year'],
    ['1958-03-12', '1985-03-12', 'transposed', 'year'],
    ['1958-03-12', '1958-03-21', 'transposed', 'day'],
    ['1958-00-00', '1959-03-12', 'one_digit', 'year'],
    ['1958-03-12', '1972-07-30', 'different', undefined],
    ['1958-03-12', null, 'unknown', undefined],
  ])('%s vs %s → %s', (a, b, kind, part) => {
    const c = compareBirthDates(a, b);
    expect(c.kind).toBe(kind);
    expect(c.part).toBe(part);
  });

  const date = fc
    .record({ year: fc.integer({ min: 1900, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
    .chain((d) =>
      fc.record({
        year: fc.constant(d.year),
        month: fc.constantFrom(d.month, null),
        day: fc.constantFrom(d.day, null),
      }),
    );

  it('is symmetric and reflexive', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const x = compareBirthDates(a, b);
        const y = compareBirthDates(b, a);
        expect(y.kind).toBe(x.kind);
        expect(y.part).toBe(x.part);
        expect(['same', 'same_partial']).toContain(compareBirthDates(a, a).kind);
      }),
    );
  });
});
