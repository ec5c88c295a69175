import { DateTime } from 'luxon';
import { singleLine } from '../platform/text.js';

/**
 * Pure rules of the desk statistics (no I/O): period buckets, percentiles of waiting times, CSV for French Excel.
 * The SQL (./service.ts) only counts and lists; everything that can be computed without the database is here.
 */
export type Granularity = 'day' | 'week' | 'month';
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

/** The first day of the bucket holding `day` (ISO dates; weeks start on Monday, as in France). */
export function bucketStart(day: string, g: Granularity): string {
  const d = DateTime.fromISO(day, { zone: 'UTC' });
  if (!d.isValid) throw new Error(`invalid day ${day}`);
  const start = g === 'day' ? d : g === 'week' ? d.startOf('week') : d.startOf('month');
  return start.toISODate()!;
}

/** Every bucket start covering [from, to] (inclusive), in order: a period without activity still shows its zeros. */
export function bucketsOf(from: string, to: string, g: Granularity): string[] {
  const out: string[] = [];
  let cur = DateTime.fromISO(bucketStart(from, g), { zone: 'UTC' });
  const end = DateTime.fromISO(to, { zone: 'UTC' });
  const step = g === 'day' ? { days: 1 } : g === 'week' ? { weeks: 1 } : { months: 1 };
  while (cur <= end) {
    out.push(cur.toISODate()!);
    cur = cur.plus(step);
  }
  return out;
}

/**
 * The p-th percentile (0 ≤ p ≤ 1) by linear interpolation between closest ranks — the definition of PostgreSQL's
 * percentile_cont, so that figures computed here and in SQL agree. `null` for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (p < 0 || p > 1 || Number.isNaN(p)) throw new Error(`percentile out of range: ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export interface WaitSummary {
  count: number;
  /** Minutes, one decimal. */
  median: number | null;
  p90: number | null;
  mean: number | null;
}

/** Waiting times in seconds → summary in minutes (one decimal). Negative waits (clock errors) are ignored. */
export function summariseWaits(seconds: readonly number[]): WaitSummary {
  const v = seconds.filter((s) => Number.isFinite(s) && s >= 0);
  const min = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);
  return {
    count: v.length,
    median: min(percentile(v, 0.5)),
    p90: min(percentile(v, 0.9)),
    mean: v.length ? min(v.reduce((a, b) => a + b, 0) / v.length) : null,
  };
}

/** Share as a percentage with one decimal (`null` when the denominator is 0). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

// ---------- CSV (French Excel: `;` separator, decimal comma, UTF-8 BOM, CRLF) ----------

export type CsvValue = string | number | null | undefined;

/** One cell: numbers with a decimal comma; text quoted when needed; a leading =,+,-,@ neutralised (formula injection). */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    return String(v).replace('.', ',');
  }
  // One line per row: a control or bidi character in a name (a practitioner's) must not break or reverse the cell.
  let s = singleLine(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) || s !== v ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(csvCell).join(';'), ...rows.map((r) => r.map(csvCell).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Reads back a CSV written by toCsv (tests and tooling): the one CSV reader, in platform/. */
export { parseCsv } from '../platform/csv.js';
