import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueAt, frenchHolidays } from './due.js';

const paris = (iso: string) => new Date(iso); // ISO strings below carry their offset

describe('dueAt', () => {
  it('vital: now', () => {
    const t = paris('2026-03-10T22:15:00+01:00');
    expect(dueAt('vital', t).toISOString()).toBe(t.toISOString());
  });
  it('same_day: 18:00 local the same day', () => {
    expect(dueAt('same_day', paris('2026-03-10T09:30:00+01:00')).toISOString()).toBe('2026-03-10T17:00:00.000Z');
    // Summer time: 18:00 in Paris is 16:00 UTC.
    expect(dueAt('same_day', paris('2026-07-10T09:30:00+02:00')).toISOString()).toBe('2026-07-10T16:00:00.000Z');
  });
  it('same_day after 18:00: due at once', () => {
    const t = paris('2026-03-10T19:30:00+01:00');
    expect(dueAt('same_day', t).toISOString()).toBe(t.toISOString());
  });
  it('routine: 18:00 on the second working day', () => {
    // Tuesday → Thursday
    expect(dueAt('routine', paris('2026-03-10T09:00:00+01:00')).toISOString()).toBe('2026-03-12T17:00:00.000Z');
    // Friday → Tuesday
    expect(dueAt('routine', paris('2026-03-13T09:00:00+01:00')).toISOString()).toBe('2026-03-17T17:00:00.000Z');
    // Saturday → Tuesday
    expect(dueAt('routine', paris('2026-03-14T11:00:00+01:00')).toISOString()).toBe('2026-03-17T17:00:00.000Z');
    // Thursday 30 April 2026 → (1 May holiday, weekend) Monday 4, Tuesday 5 May
    expect(dueAt('routine', paris('2026-04-30T10:00:00+02:00')).toISOString()).toBe('2026-05-05T16:00:00.000Z');
    // Easter Monday 2026 is 6 April: Friday 3 April → Tuesday 7, Wednesday 8
    expect(dueAt('routine', paris('2026-04-03T10:00:00+02:00')).toISOString()).toBe('2026-04-08T16:00:00.000Z');
  });
  it('knows the moving holidays', () => {
    const h = frenchHolidays(2026);
    expect(h.has('2026-04-06')).toBe(true); // Easter Monday
    expect(h.has('2026-05-14')).toBe(true); // Ascension
    expect(h.has('2026-05-25')).toBe(true); // Whit Monday
    expect(frenchHolidays(2025).has('2025-04-21')).toBe(true);
  });
  it('property: vital ≤ same_day ≤ routine, and routine is 1 to 6 days ahead on a working day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }), (t) => {
        const v = dueAt('vital', t).getTime();
        const s = dueAt('same_day', t).getTime();
        const r = dueAt('routine', t);
        const days = (r.getTime() - t.getTime()) / 86_400_000;
        const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short' }).format(r);
        return v <= s && s <= r.getTime() && days > 1 && days < 7 && !['Sat', 'Sun'].includes(weekday);
      }),
      { numRuns: 300 },
    );
  });
});
