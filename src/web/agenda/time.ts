// Wall-clock arithmetic in the practice's time zone (not the browser's): luxon handles DST.
import { DateTime } from 'luxon';
import type { Hours } from './api';
import { clock } from '../clock';

export const DAY_START_MINUTES = 7 * 60;
export const DAY_END_MINUTES = 20 * 60;
export const STEP_MINUTES = 15;
export const ROWS = (DAY_END_MINUTES - DAY_START_MINUTES) / STEP_MINUTES;

export function today(zone: string): string {
  return DateTime.fromJSDate(clock.now()).setZone(zone).toISODate()!;
}

export function isIsoDate(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date).plus({ days }).toISODate()!;
}

/** Monday of the ISO week of `date`. */
export function weekStart(date: string): string {
  return DateTime.fromISO(date).startOf('week').toISODate()!;
}

export function weekDays(date: string, count = 6): string[] {
  const monday = weekStart(date);
  return Array.from({ length: count }, (_, i) => addDays(monday, i));
}

/** The instant of a local wall-clock time (minutes after midnight) on a local day. */
export function instantAt(date: string, minutes: number, zone: string): DateTime {
  return DateTime.fromISO(date, { zone }).startOf('day').set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();
/**
 * Local day and minutes of an instant in a zone — the hot path of the grid (hundreds per render): one cached
 * Intl formatter instead of a luxon parse per call.
 */
export function localParts(iso: string, zone: string): { date: string; minutes: number; time: string } {
  let f = partFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    partFormatters.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(iso))) p[part.type] = part.value;
  const hour = Number(p.hour) % 24;
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: hour * 60 + Number(p.minute), time: `${String(hour).padStart(2, '0')}:${p.minute}` };
}

export function localOf(iso: string, zone: string): DateTime {
  return DateTime.fromISO(iso, { zone });
}

/** Minutes after local midnight. */
export function minutesOf(iso: string, zone: string): number {
  const d = localOf(iso, zone);
  return d.hour * 60 + d.minute;
}

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}




const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export interface DayPlan {
  /** Opening ranges in minutes after midnight (regular + urgent). */
  open: [number, number][];
  urgent: [number, number][];
  /** Public holiday of that day (practice's region), if any: the usual hours do not apply. */
  holiday?: string;
}

/** Which minutes of a local day a practitioner works: weekly ranges (validity, alternate weeks), urgent ranges, exceptions. */
export function dayPlan(hours: Hours | undefined, date: string, zone: string, holiday?: string): DayPlan {
  if (!hours) return { open: [], urgent: [], ...(holiday ? { holiday } : {}) };
  const d = DateTime.fromISO(date, { zone });
  const weekday = d.weekday;
  const parity = d.weekNumber % 2 === 0 ? 'even' : 'odd';
  let open: [number, number][] = hours.weekly
    .filter((w) => w.weekday === weekday && (w.weekParity === 'all' || w.weekParity === parity)
      && (!w.validFrom || w.validFrom <= date) && (!w.validUntil || w.validUntil >= date))
    .map((w) => [toMin(w.start), toMin(w.end)]);
  let urgent: [number, number][] = hours.urgent.filter((u) => u.weekday === weekday).map((u) => [toMin(u.start), toMin(u.end)]);
  // A public holiday closes the usual hours and urgent ranges; an exceptional opening still opens (as the slot engine).
  if (holiday) {
    open = [];
    urgent = [];
  }
  open.push(...urgent);
  const dayStart = d.startOf('day');
  const dayEnd = dayStart.plus({ days: 1 });
  const clip = (iso: string) => {
    const t = DateTime.fromISO(iso, { zone });
    if (t <= dayStart) return 0;
    if (t >= dayEnd) return 24 * 60;
    return t.hour * 60 + t.minute;
  };
  for (const e of hours.exceptions) {
    const s = clip(e.start);
    const en = clip(e.end);
    if (en <= s) continue;
    if (e.kind === 'opening') open.push([s, en]);
    else open = subtract(open, [s, en]);
  }
  return { open, urgent, ...(holiday ? { holiday } : {}) };
}

function subtract(ranges: [number, number][], cut: [number, number]): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of ranges) {
    if (cut[1] <= a || cut[0] >= b) out.push([a, b]);
    else {
      if (cut[0] > a) out.push([a, cut[0]]);
      if (cut[1] < b) out.push([cut[1], b]);
    }
  }
  return out;
}

export function within(ranges: [number, number][], start: number, end: number): boolean {
  return ranges.some(([a, b]) => start < b && end > a);
}
