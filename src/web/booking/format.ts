// Dates of the public pages, in the practice's time zone: « 24/11/2026 à 10 h 30 ».
export const DEFAULT_ZONE = 'Europe/Paris';

function parts(iso: string, timeZone: string) {
  const fmt = new Intl.DateTimeFormat('fr-FR', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(fmt.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { day: `${p.day}/${p.month}/${p.year}`, hour: p.hour ?? '00', minute: p.minute ?? '00' };
}

export function formatDateTime(iso: string, timeZone = DEFAULT_ZONE, lang: 'fr' | 'en' = 'fr'): string {
  const p = parts(iso, timeZone || DEFAULT_ZONE);
  return lang === 'en' ? `${p.day} at ${p.hour}:${p.minute}` : `${p.day} à ${p.hour} h ${p.minute}`;
}

export function formatTime(iso: string, timeZone = DEFAULT_ZONE, lang: 'fr' | 'en' = 'fr'): string {
  const p = parts(iso, timeZone || DEFAULT_ZONE);
  return lang === 'en' ? `${p.hour}:${p.minute}` : `${p.hour} h ${p.minute}`;
}

/** Day key (YYYY-MM-DD in the zone) and its heading, e.g. « mardi 24 novembre ». */
export function dayKey(iso: string, timeZone = DEFAULT_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || DEFAULT_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

export function dayHeading(iso: string, timeZone = DEFAULT_ZONE, lang: 'fr' | 'en' = 'fr'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { timeZone: timeZone || DEFAULT_ZONE, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(iso));
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
