// Dates of the public pages, in the practice's time zone: « 24/11/2026 à 10 h 30 ».
import { formatDate, formatDateTime as formatDateTimeUi, formatTime as formatTimeUi } from '../ui/format';

export const DEFAULT_ZONE = 'Europe/Paris';

// The public pages pass the practice's zone and the page's language; the rule itself is ui/format.ts's.
export function formatDateTime(iso: string, timeZone = DEFAULT_ZONE, lang: 'fr' | 'en' = 'fr'): string {
  return formatDateTimeUi(iso, { zone: timeZone || DEFAULT_ZONE, style: 'compact', lang });
}

export function formatTime(iso: string, timeZone = DEFAULT_ZONE, lang: 'fr' | 'en' = 'fr'): string {
  return formatTimeUi(iso, { zone: timeZone || DEFAULT_ZONE, lang });
}

/** Day key (YYYY-MM-DD in the zone) and its heading, e.g. « mardi 24 novembre ». */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
export function dayKey(iso: string, timeZone = DEFAULT_ZONE): string {
  const zone = timeZone || DEFAULT_ZONE;
  // One formatter per zone: a week grid asks for hundreds of keys, and building a formatter is slow.
  let format = dayFormats.get(zone);
  if (!format) dayFormats.set(zone, (format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(new Date(iso));
}

export function dayHeading(iso: string, timeZone = DEFAULT_ZONE, lang: 'fr' | 'en' = 'fr'): string {
  return formatDate(iso, { zone: timeZone || DEFAULT_ZONE, style: 'weekday', noYear: true, lang });
}

export function groupByDay<T extends { start: string }>(items: T[], timeZone = DEFAULT_ZONE): { key: string; first: string; items: T[] }[] {
  const groups: { key: string; first: string; items: T[] }[] = [];
  for (const item of items) {
    const key = dayKey(item.start, timeZone);
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.items.push(item);
    else groups.push({ key, first: item.start, items: [item] });
  }
  return groups;
}
