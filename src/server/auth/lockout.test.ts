import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, FAILURES_BEFORE_LOCK, FIRST_LOCK_MS, isLocked, MAX_LOCK_MS } from './lockout.js';

const now = new Date('2026-11-22T10:00:00Z');

describe('account lockout', () => {
  it('locks after the fifth consecutive failure for 15 minutes, not before', () => {
    let state = afterSuccess();
    for (let i = 1; i < FAILURES_BEFORE_LOCK; i++) {
      state = afterFailure(state, now);
      expect(isLocked(state, now)).toBe(false);
    }
    state = afterFailure(state, now);
    expect(isLocked(state, now)).toBe(true);
    expect(state.lockedUntil!.getTime() - now.getTime()).toBe(FIRST_LOCK_MS);
    expect(isLocked(state, new Date(now.getTime() + FIRST_LOCK_MS))).toBe(false);
  });

  it('doubles each further lock, capped at a day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (locks) => {
        let state = afterSuccess();
        for (let i = 0; i < locks * FAILURES_BEFORE_LOCK; i++) state = afterFailure(state, now);
        const duration = state.lockedUntil!.getTime() - now.getTime();
        return duration === Math.min(FIRST_LOCK_MS * 2 ** (locks - 1), MAX_LOCK_MS);
      }),
    );
  });

  it('a success resets everything', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (failures) => {
        let state = afterSuccess();
        for (let i = 0; i < failures; i++) state = afterFailure(state, now);
        const reset = afterSuccess();
        return reset.failedCount === 0 && !isLocked(reset, now);
      }),
    );
  });
});
