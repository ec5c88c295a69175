import { describe, expect, it } from 'vitest';
import { expectSameTimingClass } from '../../../../tests/timing.js';

/** The enumeration checks' timing rule: it must catch work of another order and forgive scheduling noise. */
describe('expectSameTimingClass', () => {
  it('fails when one side does an argon2 verification the other skips, even with noise on the fast side', () => {
    const known = [61, 63, 60, 75, 62, 140, 64];
    const unknown = [3, 2.5, 40, 3.1, 90, 2.8, 3];
    expect(() => expectSameTimingClass(known, unknown, 'login')).toThrow(/fastest 60\.0 and 2\.5 ms/);
  });

  it('fails on a 50 ms SMTP round trip hidden in a quiet run', () => {
    expect(() => expectSameTimingClass([8, 9, 8.5, 9.2, 8.8], [58, 61, 59, 60, 62], 'reset')).toThrow();
  });

  it('passes on the same work at load 15: equal fastest samples, medians apart because of preemption', () => {
    expect(() => expectSameTimingClass([12, 30, 32.4, 35, 150, 20, 33], [13, 95, 89.9, 60, 210, 14, 120], 'login')).not.toThrow();
  });

  it('passes when a load burst slowed every sample of one side but the back-to-back pairs are of one order', () => {
    // Seen at load 11–14: fastest 42 against 98 ms, medians 210 and 164 ms, each pair taken at the same moment alike.
    const known = [42, 250, 210, 190, 300, 120, 230];
    const unknown = [98, 260, 164, 150, 280, 110, 170];
    expect(() => expectSameTimingClass(known, unknown, 'login')).not.toThrow();
    // The same fastest samples without pairs of one order: not forgiven.
    expect(() => expectSameTimingClass([42, 45, 44, 43, 46, 44, 45], [98, 99, 97, 100, 98, 99, 101], 'login')).toThrow(/0 of 7/);
  });

  it('passes when the fastest samples and most back-to-back pairs agree though the medians are apart (CI, beside the e2e run)', () => {
    const known = [34.8, 93.1, 95, 97, 99, 36, 94];
    const unknown = [32.7, 48, 49, 50, 42.8, 35, 30];
    expect(() => expectSameTimingClass(known, unknown, 'login')).not.toThrow();
  });

  it('passes on a quiet machine where both sides do the same work', () => {
    expect(() => expectSameTimingClass([61, 62, 63, 60, 64], [62, 60, 61, 65, 63], 'login')).not.toThrow();
  });

  it('still compares the medians when the samples are not noisy', () => {
    // Fastest samples of one order (20 and 35 ms) but every unknown answer over twice the known ones: not noise.
    expect(() => expectSameTimingClass([20, 21, 22, 21, 20], [35, 52, 55, 54, 56], 'reset')).toThrow(/medians/);
  });
});
