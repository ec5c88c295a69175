/**
 * French public holidays from the maintained `date-holidays` library (never a hand-written list).
 * Metropolitan France, Alsace-Moselle (57, 67, 68: Good Friday and 26 December) and the overseas
 * departments (own abolition-of-slavery day) are states of `FR`; the overseas collectivities
 * (New Caledonia, French Polynesia, Saint-Pierre-et-Miquelon, Wallis-et-Futuna) are countries of
 * their own in the library.
 */
import Holidays from 'date-holidays';
import type { HolidayCalendar, IsoDate } from './types.js';

export const FRENCH_REGIONS = {
  metropole: { country: 'FR', state: undefined, timeZone: 'Europe/Paris' },
  '57': { country: 'FR', state: '57', timeZone: 'Europe/Paris' },
  '67': { country: 'FR', state: '67', timeZone: 'Europe/Paris' },
  '68': { country: 'FR', state: '68', timeZone: 'Europe/Paris' },
  GP: { country: 'FR', state: 'GP', timeZone: 'America/Guadeloupe' },
  MQ: { country: 'FR', state: 'MQ', timeZone: 'America/Martinique' },
  GF: { country: 'FR', state: 'GF', timeZone: 'America/Cayenne' },
  RE: { country: 'FR', state: 'RE', timeZone: 'Indian/Reunion' },
  YT: { country: 'FR', state: 'YT', timeZone: 'Indian/Mayotte' },
  MF: { country: 'FR', state: 'MF', timeZone: 'America/Marigot' },
  BL: { country: 'FR', state: 'BL', timeZone: 'America/St_Barthelemy' },
  NC: { country: 'NC', state: undefined, timeZone: 'Pacific/Noumea' },
  PF: { country: 'PF', state: undefined, timeZone: 'Pacific/Tahiti' },
  PM: { country: 'PM', state: undefined, timeZone: 'America/Miquelon' },
  WF: { country: 'WF', state: undefined, timeZone: 'Pacific/Wallis' },
} as const;

export type FrenchRegion = keyof typeof FRENCH_REGIONS;

export function defaultTimeZoneForRegion(region: FrenchRegion): string {
  return FRENCH_REGIONS[region].timeZone;
}

/**
 * Holiday calendar for a French region. Only holidays of type `public` close the practice by
 * default (not observances such as Mother's Day); pass `types` to widen. Results are cached per year.
 */
export function frenchHolidays(
  region: FrenchRegion = 'metropole',
  options: { readonly types?: readonly string[] } = {},
): HolidayCalendar {
  const def = FRENCH_REGIONS[region];
  if (!def) throw new Error(`slot engine: unknown French region "${String(region)}"`);
  const hd = def.state ? new Holidays(def.country, def.state) : new Holidays(def.country);
  const types = new Set(options.types ?? ['public']);
  const years = new Map<number, Map<IsoDate, string>>();
  const yearMap = (year: number): Map<IsoDate, string> => {
    let map = years.get(year);
    if (!map) {
      map = new Map();
      for (const h of hd.getHolidays(year) || []) {
        // `date` is the local calendar date "YYYY-MM-DD hh:mm:ss" of the holiday.
        if (types.has(h.type)) {
          const d = h.date.slice(0, 10);
          if (!map.has(d)) map.set(d, h.name);
        }
      }
      years.set(year, map);
    }
    return map;
  };
  return {
    holidayName(date: IsoDate): string | undefined {
      return yearMap(Number(date.slice(0, 4))).get(date);
    },
  };
}
