/**
 * Brute-force protection for one account: after every run of FAILURES_BEFORE_LOCK consecutive
 * failures the account is locked, each lock twice as long as the previous one, capped at a day.
 * A successful login resets the count. (Per-IP rate limiting is done separately, in HTTP.)
 */
export const FAILURES_BEFORE_LOCK = 5;
export const FIRST_LOCK_MS = 15 * 60_000;
export const MAX_LOCK_MS = 24 * 60 * 60_000;

export interface LockState {
  failedCount: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export function afterFailure(state: LockState, now: Date): LockState {
  const failedCount = state.failedCount + 1;
  if (failedCount % FAILURES_BEFORE_LOCK !== 0) return { failedCount, lockedUntil: state.lockedUntil };
  const lockNumber = failedCount / FAILURES_BEFORE_LOCK; // 1, 2, 3…
  const duration = Math.min(FIRST_LOCK_MS * 2 ** (lockNumber - 1), MAX_LOCK_MS);
  return { failedCount, lockedUntil: new Date(now.getTime() + duration) };
}

export function afterSuccess(): LockState {
  return { failedCount: 0, lockedUntil: null };
}
