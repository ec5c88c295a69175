/**
 * From a practitioner's configuration to the opening time of one local day, as instants:
 * expand the weekly rules (validity, alternate weeks, breaks), apply exceptional openings and
 * public holidays, then convert wall-clock minutes to instants in the practitioner's zone.
 */
import { mergeIntervals, subtractIntervals, type Interval } from './intervals.js';
import {
  formatIsoDate,
  isoWeekNumber,
  isoWeekday,
  mondayOf,
  parseIsoDate,
  parseLocalTime,
  wallRangeToInstants,
  zoneOf,
} from './local-time.js';
import type { ExceptionalOpening, HolidayCalendar, PractitionerSchedule, TimeRange, WeekPattern, WeeklyHours } from './types.js';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

interface CompiledWeekly {
  readonly from: number;
  readonly to: number;
  readonly weeks: WeekPattern;
  /** Index 1..7: open minutes of that weekday, breaks already subtracted. */
  readonly days: readonly Interval[][];
}

interface CompiledException {
  readonly mode: 'replace' | 'add';
  readonly ranges: Interval[];
  readonly urgent: Interval[];
}

export interface DayPlan {
  /** Merged opening time (regular ∪ urgent) as instants, before absences. */
  readonly open: readonly Interval[];
  /** Urgent ranges as instants (merged). */
  readonly urgent: readonly Interval[];
  /** Set when a public holiday closed (part of) the day. */
  readonly holiday?: string;
  /** Opening time the day would have had without the holiday (for the `holiday` reason). */
  readonly openIfNoHoliday: readonly Interval[];
}

export interface CompiledSchedule {
  readonly id: string;
  readonly zone: string;
  readonly weekly: readonly CompiledWeekly[];
  readonly urgentWeekly: readonly CompiledWeekly[];
  readonly exceptional: ReadonlyMap<number, CompiledException>;
  /** Merged absences in epoch ms. */
  readonly absences: readonly Interval[];
  readonly holidays: HolidayCalendar | undefined;
  readonly openOnHolidays: ReadonlySet<number>;
  readonly releaseMs: number | undefined;
  readonly dayCache: Map<number, DayPlan>;
}

function rangesToMinutes(ranges: readonly TimeRange[] | undefined): Interval[] {
  return (ranges ?? []).map((r) => {
    const start = parseLocalTime(r.start);
    const end = parseLocalTime(r.end);
    if (!(end > start)) throw new Error(`slot engine: empty or inverted range ${r.start}–${r.end} (overnight ranges are not supported)`);
    return { start, end };
  });
}

function compileWeekly(w: WeeklyHours): CompiledWeekly {
  const weeks = w.weeks ?? { kind: 'every' };
  if (weeks.kind === 'everyNWeeks') {
    if (!Number.isInteger(weeks.every) || weeks.every < 1) throw new Error('slot engine: everyNWeeks.every must be a positive integer');
    parseIsoDate(weeks.referenceDate);
  }
  const days: Interval[][] = [[]];
  for (let wd = 1; wd <= 7; wd++) {
    const open = rangesToMinutes(w.days[wd as 1]);
    const breaks = (w.breaks ?? [])
      .filter((b) => !b.weekdays || b.weekdays.includes(wd as 1))
      .flatMap((b) => rangesToMinutes([b]));
    days.push(subtractIntervals(open, breaks));
  }
  return {
    from: w.validFrom ? parseIsoDate(w.validFrom) : -Infinity,
    to: w.validTo ? parseIsoDate(w.validTo) : Infinity,
    weeks,
    days,
  };
}

function weekMatches(p: WeekPattern, day: number): boolean {
  switch (p.kind) {
    case 'every':
      return true;
    case 'isoWeekParity':
      return (isoWeekNumber(day) % 2 === 1) === (p.parity === 'odd');
    case 'everyNWeeks': {
      const diff = Math.round((mondayOf(day) - mondayOf(parseIsoDate(p.referenceDate))) / 7);
      return ((diff % p.every) + p.every) % p.every === 0;
    }
  }
}

function compileException(e: ExceptionalOpening): [number, CompiledException] {
  return [parseIsoDate(e.date), { mode: e.mode ?? 'replace', ranges: rangesToMinutes(e.ranges), urgent: rangesToMinutes(e.urgentRanges) }];
}

const compiled = new WeakMap<PractitionerSchedule, CompiledSchedule>();

/** Compiles (and memoises per schedule object — schedules are treated as immutable). */
export function compileSchedule(p: PractitionerSchedule): CompiledSchedule {
  let c = compiled.get(p);
  if (c) return c;
  const zone = p.timeZone ?? DEFAULT_TIME_ZONE;
  zoneOf(zone); // fail loudly on an unknown zone: a silent UTC fallback would shift every slot
  const exceptional = new Map<number, CompiledException>();
  for (const e of p.exceptional ?? []) {
    const [day, ce] = compileException(e);
    const prev = exceptional.get(day);
    // Two exceptions on the same date are united; `replace` wins over `add`.
    exceptional.set(
      day,
      prev
        ? { mode: prev.mode === 'replace' || ce.mode === 'replace' ? 'replace' : 'add', ranges: [...prev.ranges, ...ce.ranges], urgent: [...prev.urgent, ...ce.urgent] }
        : ce,
    );
  }
  const release = p.urgent?.releaseMinutesBefore;
  c = {
    id: p.id,
    zone,
    weekly: p.weekly.map(compileWeekly),
    urgentWeekly: (p.urgent?.weekly ?? []).map(compileWeekly),
    exceptional,
    absences: mergeIntervals((p.absences ?? []).map((a) => ({ start: a.start.getTime(), end: a.end.getTime() }))),
    holidays: p.holidays,
    openOnHolidays: new Set((p.openOnHolidays ?? []).map(parseIsoDate)),
    releaseMs: release === undefined ? undefined : release * 60_000,
    dayCache: new Map(),
  };
  compiled.set(p, c);
  return c;
}

function weeklyMinutes(rules: readonly CompiledWeekly[], day: number): Interval[] {
  const wd = isoWeekday(day);
  const out: Interval[] = [];
  for (const r of rules) {
    if (day < r.from || day > r.to || !weekMatches(r.weeks, day)) continue;
    out.push(...r.days[wd]!);
  }
  return out;
}

function toInstants(zone: string, day: number, minutes: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const m of mergeIntervals(minutes)) out.push(...wallRangeToInstants(zone, day, m.start, m.end));
  return mergeIntervals(out);
}

/** Opening time of one local day (memoised per compiled schedule). */
export function dayPlan(c: CompiledSchedule, day: number): DayPlan {
  let plan = c.dayCache.get(day);
  if (plan) return plan;
  const regular = weeklyMinutes(c.weekly, day);
  const urgent = weeklyMinutes(c.urgentWeekly, day);
  const exc = c.exceptional.get(day);
  const holidayName = c.holidays && !c.openOnHolidays.has(day) ? c.holidays.holidayName(formatIsoDate(day)) : undefined;
  let openMin: Interval[];
  let urgentMin: Interval[];
  if (exc?.mode === 'replace') {
    openMin = [...exc.ranges, ...exc.urgent];
    urgentMin = exc.urgent;
  } else if (holidayName !== undefined) {
    // Exceptional openings win over the holiday; the usual hours do not.
    openMin = exc ? [...exc.ranges, ...exc.urgent] : [];
    urgentMin = exc ? exc.urgent : [];
  } else {
    openMin = [...regular, ...urgent, ...(exc?.ranges ?? []), ...(exc?.urgent ?? [])];
    urgentMin = [...urgent, ...(exc?.urgent ?? [])];
  }
  const holidayApplies = holidayName !== undefined && exc?.mode !== 'replace';
  plan = {
    open: toInstants(c.zone, day, openMin),
    urgent: toInstants(c.zone, day, urgentMin),
    ...(holidayApplies ? { holiday: holidayName } : {}),
    openIfNoHoliday: holidayApplies ? toInstants(c.zone, day, [...regular, ...urgent]) : [],
  };
  if (c.dayCache.size > 5000) c.dayCache.clear();
  c.dayCache.set(day, plan);
  return plan;
}
