import { DateTime } from 'luxon';

/**
 * Choosing the 3 slots the assistant proposes among the free slots of the agenda's slot engine (pure).
 * Preferences come from the message ("mardi prochain vers 10h", "demain matin", "next Monday"): slots of the
 * wanted day closest to the wanted time first, then the following days in the wanted part of the day.
 * The same-day rule: for a `same_day` case only slots of the current local day are ever proposed.
 */
export interface Slot {
  practitionerId: string;
  start: string;
  end: string;
}

export type PartOfDay = 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';

export interface Preferences {
  /** Local date YYYY-MM-DD. */
  date?: string | undefined;
  /** Local time HH:MM. */
  time?: string | undefined;
  partOfDay?: PartOfDay | undefined;
  /** Only slots strictly after this instant ("autre" = later than what was proposed). */
  after?: string | undefined;
}

const CENTRE: Record<PartOfDay, number> = { morning: 10 * 60, noon: 12 * 60, afternoon: 15 * 60, evening: 18 * 60, night: 19 * 60 };

export function partOfDayOf(minutes: number): PartOfDay {
  if (minutes < 12 * 60) return 'morning';
  if (minutes < 14 * 60) return 'noon';
  if (minutes < 18 * 60) return 'afternoon';
  return 'evening';
}

function fitsPart(minutes: number, part: PartOfDay): boolean {
  switch (part) {
    case 'morning':
      return minutes < 12 * 60;
    case 'noon':
      return minutes >= 11 * 60 + 30 && minutes < 14 * 60;
    case 'afternoon':
      return minutes >= 12 * 60 && minutes < 18 * 60;
    case 'evening':
    case 'night':
      return minutes >= 17 * 60;
  }
}

export function localDay(instant: Date | string, zone: string): string {
  return DateTime.fromJSDate(new Date(instant), { zone }).toISODate()!;
}

/** The same-day rule as a filter: only slots starting today (local) and not before now. */
export function sameDayOnly(slots: readonly Slot[], now: Date, zone: string): Slot[] {
  const today = localDay(now, zone);
  return slots.filter((s) => localDay(s.start, zone) === today && new Date(s.start).getTime() >= now.getTime());
}

export function pickProposals(
  slots: readonly Slot[],
  prefs: Preferences,
  opts: { zone: string; now: Date; urgency: 'routine' | 'same_day'; n?: number },
): Slot[] {
  const n = opts.n ?? 3;
  let pool = slots.filter((s) => new Date(s.start).getTime() >= opts.now.getTime());
  if (opts.urgency === 'same_day') pool = sameDayOnly(pool, opts.now, opts.zone);
  if (prefs.after) pool = pool.filter((s) => s.start > new Date(prefs.after!).toISOString());
  // One proposal per start time (several practitioners free at 10:00: the first in the agenda's order).
  const seen = new Set<string>();
  pool = [...pool].sort((a, b) => a.start.localeCompare(b.start)).filter((s) => (seen.has(s.start) ? false : (seen.add(s.start), true)));

  const local = (s: Slot) => DateTime.fromISO(s.start, { zone: opts.zone });
  const minutes = (s: Slot) => local(s).hour * 60 + local(s).minute;
  const wantedMinutes = prefs.time ? Number(prefs.time.slice(0, 2)) * 60 + Number(prefs.time.slice(3, 5)) : prefs.partOfDay ? CENTRE[prefs.partOfDay] : undefined;
  const inPart = (s: Slot) => (prefs.partOfDay ? fitsPart(minutes(s), prefs.partOfDay) : prefs.time ? Math.abs(minutes(s) - wantedMinutes!) <= 120 : true);

  const out: Slot[] = [];
  const take = (list: Slot[]) => {
    for (const s of list) {
      if (out.length >= n) return;
      if (!out.includes(s)) out.push(s);
    }
  };
  if (prefs.date) {
    const sameDay = pool.filter((s) => local(s).toISODate() === prefs.date);
    if (wantedMinutes !== undefined) sameDay.sort((a, b) => Math.abs(minutes(a) - wantedMinutes) - Math.abs(minutes(b) - wantedMinutes) || a.start.localeCompare(b.start));
    take(sameDay);
    const later = pool.filter((s) => local(s).toISODate()! > prefs.date!);
    // The following days: one per day in the wanted part of the day, then anything after the date.
    take(spreadByDay(later.filter(inPart), opts.zone));
    take(later);
  } else {
    take(spreadByDay(pool.filter(inPart), opts.zone));
    take(pool.filter(inPart));
    take(pool);
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

/** At most one slot per local day (the earliest), to offer a real choice. */
function spreadByDay(list: readonly Slot[], zone: string): Slot[] {
  const days = new Set<string>();
  return list.filter((s) => {
    const d = localDay(s.start, zone);
    if (days.has(d)) return false;
    days.add(d);
    return true;
  });
}
