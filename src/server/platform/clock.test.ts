import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClockAllowed, parseClockEnv } from './clock.js';

/** PIVOT_NOW is read once and gives every process of one run the same offset. */
describe('parseClockEnv', () => {
  const real = Date.parse('2026-12-06T13:00:00Z');

  it('is the system clock without PIVOT_NOW', () => {
    expect(parseClockEnv({}, real)).toEqual({ offsetMs: 0, simulatedFrom: undefined });
    expect(parseClockEnv({ PIVOT_NOW: '  ' }, real).offsetMs).toBe(0);
  });

  it('reads an ISO instant with an offset, and an instant without one as Paris wall-clock time', () => {
    expect(parseClockEnv({ PIVOT_NOW: '2026-12-24T23:50:00Z' }, real).simulatedFrom?.toISOString()).toBe('2026-12-24T23:50:00.000Z');
    // Winter: Paris is UTC+1; summer: UTC+2.
    expect(parseClockEnv({ PIVOT_NOW: '2026-12-24T23:50:00' }, real).simulatedFrom?.toISOString()).toBe('2026-12-24T22:50:00.000Z');
    expect(parseClockEnv({ PIVOT_NOW: '2026-07-14T08:00' }, real).simulatedFrom?.toISOString()).toBe('2026-07-14T06:00:00.000Z');
    expect(parseClockEnv({ PIVOT_NOW: '2028-02-29' }, real).simulatedFrom?.toISOString()).toBe('2028-02-28T23:00:00.000Z');
  });

  it('takes both sides of the autumn change and the missing spring hour without failing', () => {
    // 2026-10-25 02:30 happens twice in Paris: one of the two (luxon takes the second, CET) — give an offset to choose.
    expect(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']).toContain(parseClockEnv({ PIVOT_NOW: '2026-10-25T02:30:00' }, real).simulatedFrom?.toISOString());
    expect(parseClockEnv({ PIVOT_NOW: '2026-10-25T02:30:00+02:00' }, real).simulatedFrom?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // 2026-03-29 02:30 does not exist in Paris: read as CET.
    expect(parseClockEnv({ PIVOT_NOW: '2026-03-29T02:30:00' }, real).simulatedFrom?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('runs from PIVOT_NOW_SINCE, so a child process keeps its parent offset', () => {
    const since = real - 60_000; // the parent read PIVOT_NOW one minute ago
    const state = parseClockEnv({ PIVOT_NOW: '2026-12-24T23:50:00Z', PIVOT_NOW_SINCE: String(since) }, real);
    expect(real + state.offsetMs).toBe(Date.parse('2026-12-24T23:51:00Z'));
  });

  it('refuses what is not a date, in French', () => {
    for (const bad of ['demain', '2026-13-01', '2026-02-30T10:00:00Z', '1733500000000', '2026-12-06T25:00']) {
      expect(() => parseClockEnv({ PIVOT_NOW: bad }, real), bad).toThrow(/PIVOT_NOW doit être une date/);
    }
    expect(() => parseClockEnv({ PIVOT_NOW: '2026-12-06', PIVOT_NOW_SINCE: 'hier' }, real)).toThrow(/PIVOT_NOW_SINCE/);
  });

  it('any instant given with its offset is read back exactly (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
        const state = parseClockEnv({ PIVOT_NOW: iso }, real);
        expect(state.simulatedFrom?.toISOString()).toBe(new Date(iso).toISOString());
        expect(real + state.offsetMs).toBe(new Date(iso).getTime());
      }),
    );
  });
});

describe('assertClockAllowed', () => {
  const simulated = parseClockEnv({ PIVOT_NOW: '2026-12-24T10:00:00Z' });
  it('refuses a simulated clock with a production database', () => {
    expect(() => assertClockAllowed(simulated, { DATABASE_URL: 'postgres://db/pivot' })).toThrow(/réservé aux démonstrations/);
    expect(() => assertClockAllowed(simulated, { DATABASE_URL: 'postgres://db/pivot', NODE_ENV: 'production' })).toThrow();
    // A real practice on the embedded database runs without the demo.
    expect(() => assertClockAllowed(simulated, { PIVOT_DEMO: '0' })).toThrow(/PIVOT_DEMO=0/);
  });
  it('allows it with the embedded database (demo) and in the test suites', () => {
    expect(() => assertClockAllowed(simulated, {})).not.toThrow();
    expect(() => assertClockAllowed(simulated, { DATABASE_URL: 'postgres://db/pivot', NODE_ENV: 'test' })).not.toThrow();
    expect(() => assertClockAllowed(parseClockEnv({}), { DATABASE_URL: 'postgres://db/pivot' })).not.toThrow();
  });
});
