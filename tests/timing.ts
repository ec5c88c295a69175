import { expect } from 'vitest';

/** Timing helpers for the enumeration checks of the public surfaces. */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Same timing class: medians within a factor of two, or less than 15 ms apart. What gives a person away is work of
 * another order for one of them (an argon2 verification, an SMTP round trip: 50 ms and more), not a millisecond of
 * scheduling noise on a shared machine (a reset answered in 3 ms against 7 ms was noise: the unknown side was slower).
 */
export function expectSameTimingClass(a: number[], b: number[], what: string): void {
  const [ma, mb] = [median(a), median(b)];
  const label = `${what}: medians ${ma.toFixed(1)} ms and ${mb.toFixed(1)} ms`;
  const ratio = ma / mb;
  expect(Math.abs(ma - mb) < 15 || (ratio > 0.5 && ratio < 2), label).toBe(true);
}

export async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}
