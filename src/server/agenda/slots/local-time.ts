/**
 * Calendar arithmetic and wall-clock ↔ instant conversion. Local days are "epoch days":
 * the number of days between 1970-01-01 and the local calendar date (no time zone involved).
 * Zone offsets come from luxon (IANA database through Intl); everything else is integer math.
 */
import { IANAZone } from 'luxon';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/** Days from 1970-01-01 to the civil date (proleptic Gregorian; H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → epoch day; throws on a malformed or impossible date (a silent fallback would open a wrong day). */
export function parseIsoDate(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`slot engine: invalid date "${date}" (expected YYYY-MM-DD)`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const day = daysFromCivil(y, mo, d);
  const back = civilFromDays(day);
  if (back.y !== y || back.m !== mo || back.d !== d) throw new Error(`slot engine: impossible date "${date}"`);
  return day;
}

export function formatIsoDate(epochDay: number): string {
  const { y, m, d } = civilFromDays(epochDay);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO weekday 1 (Monday) … 7 (Sunday). 1970-01-01 was a Thursday. */
export function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** Epoch day of the Monday of the week containing `epochDay`. */
export function mondayOf(epochDay: number): number {
  return epochDay - (isoWeekday(epochDay) - 1);
}

/** ISO 8601 week number (1–53). */
export function isoWeekNumber(epochDay: number): number {
  const thursday = mondayOf(epochDay) + 3;
  const { y } = civilFromDays(thursday);
  return Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
}

const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

/** `HH:mm` → minutes since local midnight (0–1440). */
export function parseLocalTime(time: string): number {
  const m = LOCAL_TIME.exec(time);
  if (!m) throw new Error(`slot engine: invalid time "${time}" (expected HH:mm)`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (Number(m[2]) > 59 || minutes > 1440) throw new Error(`slot engine: invalid time "${time}"`);
  return minutes;
}

const zones = new Map<string, IANAZone>();

export function zoneOf(name: string): IANAZone {
  let z = zones.get(name);
  if (!z) {
    if (!IANAZone.isValidZone(name)) throw new Error(`slot engine: unknown time zone "${name}"`);
    z = IANAZone.create(name);
    zones.set(name, z);
  }
  return z;
}

/** Offset of the zone at an instant, in minutes (luxon). */
export function offsetAt(zone: IANAZone, ms: number): number {
  return zone.offset(ms);
}

interface DayOffsets {
  /** Offset in force just before the local day and just after it. Equal: no transition that day. */
  readonly before: number;
  readonly after: number;
}

const dayOffsetCache = new Map<string, DayOffsets>();

/**
 * Offsets around a local day. The day spans UTC [naive − 14 h, naive + 38 h] for any real
 * offset (−12 h … +14 h), so probing both ends tells whether a transition may fall inside.
 */
export function dayOffsets(zoneName: string, epochDay: number): DayOffsets {
  const key = `${zoneName}|${epochDay}`;
  let v = dayOffsetCache.get(key);
  if (!v) {
    const zone = zoneOf(zoneName);
    const naive = epochDay * MS_PER_DAY;
    v = { before: zone.offset(naive - 14 * 3_600_000), after: zone.offset(naive + 38 * 3_600_000) };
    if (dayOffsetCache.size > 200_000) dayOffsetCache.clear();
    dayOffsetCache.set(key, v);
  }
  return v;
}

const transitionCache = new Map<string, number>();

/** Instant of the offset change within the probe span of a local day (whole minutes; bisection). */
function transitionOf(zoneName: string, epochDay: number): number {
  const key = `${zoneName}|${epochDay}`;
  let t = transitionCache.get(key);
  if (t === undefined) {
    const zone = zoneOf(zoneName);
    let lo = epochDay * MS_PER_DAY - 14 * 3_600_000;
    let hi = epochDay * MS_PER_DAY + 38 * 3_600_000;
    const offLo = zone.offset(lo);
    while (hi - lo > MS_PER_MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
      if (zone.offset(mid) === offLo) lo = mid;
      else hi = mid;
    }
    t = hi;
    if (transitionCache.size > 10_000) transitionCache.clear();
    transitionCache.set(key, t);
  }
  return t;
}

/**
 * The instants at which the wall clock of a local day reads a time in `[startMin, endMin)`.
 * On ordinary days this is one interval. On a spring-forward day the nonexistent times simply
 * have no instant (a range starting at 02:30 in Paris starts at the 03:00 CEST transition); on
 * a fall-back day the repeated hour is covered once per pass of the clock, so `01:00–04:00`
 * lasts four real hours and `01:45–02:00` only fifteen minutes. Result sorted, non-overlapping
 * (touching pieces are joined).
 */
export function wallRangeToInstants(zoneName: string, epochDay: number, startMin: number, endMin: number): { start: number; end: number }[] {
  const naiveA = epochDay * MS_PER_DAY + startMin * MS_PER_MINUTE;
  const naiveB = epochDay * MS_PER_DAY + endMin * MS_PER_MINUTE;
  const { before, after } = dayOffsets(zoneName, epochDay);
  if (before === after) return naiveB > naiveA ? [{ start: naiveA - before * MS_PER_MINUTE, end: naiveB - before * MS_PER_MINUTE }] : [];
  const t = transitionOf(zoneName, epochDay);
  const pieces: { start: number; end: number }[] = [];
  // Before the transition the clock runs on `before`, from it on `after`.
  const s1 = naiveA - before * MS_PER_MINUTE;
  const e1 = Math.min(naiveB - before * MS_PER_MINUTE, t);
  if (e1 > s1) pieces.push({ start: s1, end: e1 });
  const s2 = Math.max(naiveA - after * MS_PER_MINUTE, t);
  const e2 = naiveB - after * MS_PER_MINUTE;
  if (e2 > s2) {
    const last = pieces[pieces.length - 1];
    if (last && s2 <= last.end) last.end = Math.max(last.end, e2);
    else pieces.push({ start: s2, end: e2 });
  }
  return pieces;
}

/** Local epoch day and minute of day of an instant. */
export function instantToLocal(zoneName: string, ms: number): { epochDay: number; minute: number } {
  const local = ms + zoneOf(zoneName).offset(ms) * MS_PER_MINUTE;
  const epochDay = Math.floor(local / MS_PER_DAY);
  return { epochDay, minute: Math.floor((local - epochDay * MS_PER_DAY) / MS_PER_MINUTE) };
}
