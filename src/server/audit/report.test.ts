import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readableInstant, summarise } from './report.js';

describe('audit verdict in words', () => {
  it('writes instants in Paris time to the second, with the offset, never as ISO', () => {
    expect(readableInstant('2026-12-07T12:45:55.098Z')).toBe('07/12/2026 à 13:45:55 (UTC+1)');
    expect(readableInstant('2026-07-14T08:00:00.000Z', 'en')).toBe('14/07/2026 10:00:00 (UTC+2)');
    // The night the clocks go back: 02:30 happens twice, the offset tells them apart.
    expect(readableInstant('2026-10-25T00:30:00Z')).toBe('25/10/2026 à 02:30:00 (UTC+2)');
    expect(readableInstant('2026-10-25T01:30:00Z')).toBe('25/10/2026 à 02:30:00 (UTC+1)');
  });

  it('keeps anything that is not an instant as it was', () => expect(readableInstant('pas une date')).toBe('pas une date'));

  it('round-trips: the words name the same instant, whatever the instant', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
      const m = /^(\d\d)\/(\d\d)\/(\d{4}) à (\d\d):(\d\d):(\d\d) \(UTC([+-]\d+)\)$/.exec(readableInstant(d.toISOString()))!;
      expect(m).not.toBeNull();
      const local = Date.UTC(+m[3]!, +m[2]! - 1, +m[1]!, +m[4]!, +m[5]!, +m[6]!);
      expect(local - Number(m[7]) * 3_600_000).toBe(Math.floor(d.getTime() / 1000) * 1000);
    }));
  });

  it('says which checkpoint anchors an intact chain in readable time', () => {
    const r = { ok: true, checked: 27, problems: [], problemCounts: {}, checkpoints: { valid: 2, latest: { seq: '27', hash: 'h', at: '2026-12-07T12:45:55.098Z' } } };
    expect(summarise(r)).toBe('Chaîne d’audit intacte : 27 entrées vérifiées, ancrées par 2 points de contrôle (dernier : 27 entrées au 07/12/2026 à 13:45:55 (UTC+1)).');
    expect(summarise(r, 'en')).toContain('latest: 27 entries at 07/12/2026 13:45:55 (UTC+1)');
  });
});
