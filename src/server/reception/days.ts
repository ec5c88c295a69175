import { DateTime } from 'luxon';

/** The desk's service day, in the practice's time zone. */
export function serviceDateOf(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}

export function dayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
