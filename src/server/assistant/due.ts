import { DateTime } from 'luxon';
import type { Urgency } from '../triage/index.js';

/** Hour (local time of the practice) by which a same-day request must be handled. */
export const SAME_DAY_DEADLINE_HOUR = 18;
/** Routine requests: handled by the end of the second working day after receipt. */
export const ROUTINE_WORKING_DAYS = 2;

/** Easter Sunday (Gregorian, anonymous algorithm) as [month, day]. */
function easter(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

/** The 11 national French public holidays of a year, as `YYYY-MM-DD` (Alsace-Moselle and overseas days not included). */
export function frenchHolidays(year: number): Set<string> {
  const [em, ed] = easter(year);
  const sunday = DateTime.utc(year, em, ed);
  const iso = (dt: DateTime) => dt.toISODate()!;
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`);
  return new Set([...fixed, iso(sunday.plus({ days: 1 })), iso(sunday.plus({ days: 39 })), iso(sunday.plus({ days: 50 }))]);
}

export function isWorkingDay(day: DateTime): boolean {
  return day.weekday <= 5 && !frenchHolidays(day.year).has(day.toISODate()!);
}

/**
 * When the desk must have handled a request (pure):
 * - vital: at once (the receipt time);
 * - same_day: 18:00 local time on the day of receipt; received after 18:00, it is due at once (it is already late:
 *   the reply has pointed to the on-call service and the 15);
 * - routine: 18:00 local time on the second working day after receipt (weekends and French public holidays skipped).
 */
export function dueAt(urgency: Urgency, receivedAt: Date, timezone = 'Europe/Paris'): Date {
  if (urgency === 'vital') return new Date(receivedAt.getTime());
  const local = DateTime.fromJSDate(receivedAt, { zone: timezone });
  const zone = local.isValid ? local : DateTime.fromJSDate(receivedAt, { zone: 'Europe/Paris' });
  if (urgency === 'same_day') {
    const deadline = zone.set({ hour: SAME_DAY_DEADLINE_HOUR, minute: 0, second: 0, millisecond: 0 });
    return deadline.toMillis() > zone.toMillis() ? deadline.toJSDate() : new Date(receivedAt.getTime());
  }
  let day = zone.startOf('day');
  let counted = 0;
  while (counted < ROUTINE_WORKING_DAYS) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(day)) counted++;
  }
  return day.set({ hour: SAME_DAY_DEADLINE_HOUR }).toJSDate();
}
