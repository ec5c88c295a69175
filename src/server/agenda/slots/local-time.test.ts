import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  civilFromDays,
  daysFromCivil,
  formatIsoDate,
  instantToLocal,
  isoWeekNumber,
  isoWeekday,
  parseIsoDate,
  parseLocalTime,
  wallRangeToInstants,
} from './local-time.js';

const day = (d: string) => parseIsoDate(d);
const iso = (ms: number) => new Date(ms).toISOString();

describe('calendar arithmetic', () => {
  it('matches the JavaScript Date on civil dates, weekdays and ISO weeks (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30000, max: 60000 }), (d) => {
        const js = new Date(d * 86_400_000);
        const { y, m, d: dd } = civilFromDays(d);
        const lux = DateTime.fromMillis(d * 86_400_000, { zone: 'UTC' });
        return (
          y === js.getUTCFullYear() &&
          m === js.getUTCMonth() + 1 &&
          dd === js.getUTCDate() &&
          daysFromCivil(y, m, dd) === d &&
          isoWeekday(d) === lux.weekday &&
          isoWeekNumber(d) === lux.weekNumber
        );
      }),
    );
  });
  it('parses and formats dates and times, and rejects impossible ones', () => {
    expect(formatIsoDate(day('2025-03-30'))).toBe('2025-03-30');
    expect(isoWeekday(day('2025-03-30'))).toBe(7);
    expect(() => parseIsoDate('2025-02-30')).toThrow(/impossible/);
    expect(() => parseIsoDate('30/03/2025')).toThrow(/invalid/);
    expect(parseLocalTime('08:30')).toBe(510);
    expect(parseLocalTime('24:00')).toBe(1440);
    expect(() => parseLocalTime('8:30')).toThrow();
    expect(() => parseLocalTime('10:60')).toThrow();
    expect(() => parseLocalTime('24:30')).toThrow();
  });
});

describe('wallRangeToInstants, Europe/Paris daylight-saving days', () => {
  const P = 'Europe/Paris';
  const r = (date: string, a: string, b: string) =>
    wallRangeToInstants(P, day(date), parseLocalTime(a), parseLocalTime(b)).map((x) => `${iso(x.start)}/${iso(x.end)}`);
  it('gives the right instants for 08:00–12:00 on the last Sundays of March and October', () => {
    expect(r('2025-03-30', '08:00', '12:00')).toEqual(['2025-03-30T06:00:00.000Z/2025-03-30T10:00:00.000Z']);
    expect(r('2025-10-26', '08:00', '12:00')).toEqual(['2025-10-26T07:00:00.000Z/2025-10-26T11:00:00.000Z']);
    expect(r('2025-03-29', '08:00', '12:00')).toEqual(['2025-03-29T07:00:00.000Z/2025-03-29T11:00:00.000Z']);
    expect(r('2025-10-25', '08:00', '12:00')).toEqual(['2025-10-25T06:00:00.000Z/2025-10-25T10:00:00.000Z']);
    expect(r('2025-10-26', '00:00', '24:00')).toEqual(['2025-10-25T22:00:00.000Z/2025-10-26T23:00:00.000Z']); // a 25-hour day
    expect(r('2025-03-30', '00:00', '24:00')).toEqual(['2025-03-29T23:00:00.000Z/2025-03-30T22:00:00.000Z']); // a 23-hour day
  });
  it('has no instant for the nonexistent 02:00–03:00 of March; a range starting in the gap starts at 03:00 CEST', () => {
    expect(r('2025-03-30', '02:00', '03:00')).toEqual([]);
    expect(r('2025-03-30', '02:30', '04:00')).toEqual(['2025-03-30T01:00:00.000Z/2025-03-30T02:00:00.000Z']);
    expect(r('2025-03-30', '01:00', '04:00')).toEqual(['2025-03-30T00:00:00.000Z/2025-03-30T02:00:00.000Z']);
    expect(r('2026-03-29', '01:30', '02:30')).toEqual(['2026-03-29T00:30:00.000Z/2026-03-29T01:00:00.000Z']);
  });
  it('covers the repeated October hour once per pass of the clock', () => {
    expect(r('2025-10-26', '01:00', '04:00')).toEqual(['2025-10-25T23:00:00.000Z/2025-10-26T03:00:00.000Z']);
    expect(r('2025-10-26', '01:45', '02:00')).toEqual(['2025-10-25T23:45:00.000Z/2025-10-26T00:00:00.000Z']);
    expect(r('2025-10-26', '02:00', '03:00')).toEqual(['2025-10-26T00:00:00.000Z/2025-10-26T02:00:00.000Z']);
    expect(r('2025-10-26', '02:30', '04:00')).toEqual(['2025-10-26T00:30:00.000Z/2025-10-26T01:00:00.000Z', '2025-10-26T01:30:00.000Z/2025-10-26T03:00:00.000Z']);
  });
  it('round-trips through instantToLocal', () => {
    expect(instantToLocal(P, Date.parse('2025-10-26T00:30:00Z'))).toEqual({ epochDay: day('2025-10-26'), minute: 150 });
    expect(instantToLocal(P, Date.parse('2025-10-26T01:30:00Z'))).toEqual({ epochDay: day('2025-10-26'), minute: 150 });
    expect(instantToLocal(P, Date.parse('2025-03-29T23:30:00Z'))).toEqual({ epochDay: day('2025-03-30'), minute: 30 });
  });
  it('is exactly the set of instants whose wall clock lies in the range (property, minute by minute, with luxon)', () => {
    const dstDays = ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26', '2025-06-15'];
    fc.assert(
      fc.property(fc.constantFrom(...dstDays), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 300 }), (date, a, len) => {
        const d = day(date);
        const b = Math.min(1440, a + len);
        const pieces = wallRangeToInstants(P, d, a, b);
        const dayStart = DateTime.fromISO(date, { zone: P }).toMillis();
        for (let t = dayStart; t < dayStart + 8 * 3_600_000; t += 60_000) {
          const l = DateTime.fromMillis(t, { zone: P });
          const m = l.hour * 60 + l.minute;
          const expected = a <= m && m < b;
          if (pieces.some((p) => p.start <= t && t < p.end) !== expected) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  }, 60_000); // 300 runs checked minute by minute against luxon: ~3 s quiet, 9 s on a loaded machine
});

describe('wallRangeToInstants, overseas zones (no daylight saving)', () => {
  it.each([
    ['America/Martinique', '2025-03-30', '2025-03-30T12:00:00.000Z'],
    ['Indian/Reunion', '2025-10-26', '2025-10-26T04:00:00.000Z'],
    ['Pacific/Noumea', '2025-07-14', '2025-07-13T21:00:00.000Z'],
  ])('%s 08:00 on %s', (zone, date, expected) => {
    expect(iso(wallRangeToInstants(zone, day(date), 480, 720)[0]!.start)).toBe(expected);
  });
  it('agrees with luxon on every wall time of ordinary days (property)', () => {
    const zones = ['Europe/Paris', 'America/Martinique', 'Indian/Reunion', 'Pacific/Noumea', 'America/Cayenne', 'America/Miquelon'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: day('2020-01-01'), max: day('2030-12-31') }), fc.integer({ min: 0, max: 1439 }), (zone, d, minute) => {
        const { y, m, d: dd } = civilFromDays(d);
        const lux = DateTime.fromObject({ year: y, month: m, day: dd, hour: Math.floor(minute / 60), minute: minute % 60 }, { zone });
        const pieces = wallRangeToInstants(zone, d, minute, minute + 1);
        if (lux.hour * 60 + lux.minute !== minute) return pieces.length === 0; // nonexistent local time
        return pieces.some((p) => p.start === lux.toMillis());
      }),
      { numRuns: 2000 },
    );
  });
});
