/**
 * Tiny pure functions on half-open intervals `[start, end)` of numbers (epoch ms or minutes).
 * Inputs are never mutated.
 */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Sorts by start and merges overlapping or touching intervals; drops empty ones. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  for (const cur of sorted) {
    const last = out[out.length - 1];
    if (last && cur.start <= last.end) {
      if (cur.end > last.end) out[out.length - 1] = { start: last.start, end: cur.end };
    } else {
      out.push({ start: cur.start, end: cur.end });
    }
  }
  return out;
}

/** `base` minus `cut`, both arbitrary; the result is merged and sorted. */
export function subtractIntervals(base: readonly Interval[], cut: readonly Interval[]): Interval[] {
  const b = mergeIntervals(base);
  const c = mergeIntervals(cut);
  const out: Interval[] = [];
  let j = 0;
  for (const iv of b) {
    let start = iv.start;
    while (j < c.length && c[j]!.end <= start) j++;
    let k = j;
    while (k < c.length && c[k]!.start < iv.end) {
      const cu = c[k]!;
      if (cu.start > start) out.push({ start, end: cu.start });
      start = Math.max(start, cu.end);
      if (start >= iv.end) break;
      k++;
    }
    if (start < iv.end) out.push({ start, end: iv.end });
  }
  return out;
}

/** True when `[start, end)` overlaps any interval of a sorted, merged list. */
export function overlapsAny(sortedMerged: readonly Interval[], start: number, end: number): boolean {
  for (const iv of sortedMerged) {
    if (iv.start >= end) return false;
    if (iv.end > start) return true;
  }
  return false;
}

/** True when `[start, end)` lies entirely inside one interval of a sorted, merged list. */
export function containedIn(sortedMerged: readonly Interval[], start: number, end: number): boolean {
  for (const iv of sortedMerged) {
    if (iv.start > start) return false;
    if (iv.end >= end) return true;
  }
  return false;
}

/**
 * Grid starts in `[iv.start, iv.end)` such that `start + duration <= iv.end`,
 * anchored at `iv.start` with the given step.
 */
export function gridStarts(iv: Interval, duration: number, step: number): number[] {
  const out: number[] = [];
  for (let s = iv.start; s + duration <= iv.end; s += step) out.push(s);
  return out;
}
