// One display rule per kind of value (identity, date, time, phone, money, duration), used by every screen and
// printable, so that a patient, a date or a price reads the same everywhere (issue 12, items 8 and 11).
// Rules and examples: docs/desk.md « Affichage des valeurs ». The functions take the language as a parameter
// (default: the interface's) so that they stay pure and testable without the DOM.
// The i18next singleton (configured by ../i18n), imported directly so that this module loads without the DOM.
import i18n from 'i18next';
import type { Sex } from '../api/types';
import { NBSP, NNBSP } from './typography';
import { clock } from '../clock';
import { identityName, type IdentityParts } from '../../server/platform/identity-display';

export { frenchTypography, NBSP, NNBSP } from './typography';

export type Lang = 'fr' | 'en';
/** The practice's zone: a French practice reads its times in Paris time, whatever the browser's zone. */
export const PRACTICE_ZONE = 'Europe/Paris';

/** Today's date at the practice ("2026-12-07"), whatever the zone of the browser: the day of the desk and the agenda. */
export function practiceToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PRACTICE_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(clock.now());
}

export function uiLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'fr';
}

const intlLocale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'fr-FR');

// ---------------------------------------------------------------- identity

export type { IdentityParts } from '../../server/platform/identity-display';

/**
 * Identitovigilance (RNIV): the birth name in capitals first, then the used name when it differs, then the first
 * name: « MARTINEZ Lucie », « DUPONT (nom utilisé : MARTIN) Anne ». The rule lives beside the patients' identity on
 * the server, which writes names the same way in its own answers; this only adds the reader's language.
 */
export function formatIdentity(p: IdentityParts, lang: Lang = uiLang()): string {
  return identityName(p, lang);
}

/** « Né le » / « Née le » when the sex is known; « Né(e) le » only when it is not. */
export function bornWord(sex: Sex | null | undefined, lang: Lang = uiLang()): string {
  if (lang === 'en') return 'Born';
  return sex === 'M' ? 'Né' : sex === 'F' ? 'Née' : 'Né(e)';
}

/** The i18next context of a sexed word (« Né / Née »): keys `…_male` / `…_female`; the plain key when unknown. */
export function sexContext(sex: string | null | undefined): 'male' | 'female' | undefined {
  return sex === 'M' ? 'male' : sex === 'F' ? 'female' : undefined;
}

// ---------------------------------------------------------------- dates and times

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function partsOf(value: string | Date, zone: string): { y: number; m: number; d: number; h: number; min: number } | null {
  if (typeof value === 'string') {
    const cal = CALENDAR_DATE.exec(value);
    // A calendar date (birth date, rights end…) has no time zone: never shift it.
    if (cal) return { y: Number(cal[1]), m: Number(cal[2]), d: Number(cal[3]), h: 0, min: 0 };
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(date)) p[part.type] = part.value;
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, min: Number(p.minute) };
}

const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FR_DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number) => String(n).padStart(2, '0');

export interface DateOptions {
  /**
   * 'long': « 6 décembre 2026 »; 'compact' (tables, lists): « 06/12/2026 »; 'weekday': « dimanche 6 décembre 2026 »;
   * 'short' (column headers of a week): « lun. 7 déc. ».
   */
  style?: 'long' | 'compact' | 'weekday' | 'short';
  /** Leave the year out (« 6 décembre »), for dates of the current year in running text. */
  noYear?: boolean;
  zone?: string;
  lang?: Lang;
}

/** The style of tables and lists: « 06/12/2026 », « 06/12/2026 à 9 h 30 ». */
export const COMPACT: DateOptions = { style: 'compact' };

/** A calendar date ("2026-12-06") or an instant, as a French (or English) date; never ISO. '' for nothing. */
export function formatDate(value: string | Date | null | undefined, options: DateOptions = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const { style = 'long', zone = PRACTICE_ZONE, lang = uiLang(), noYear = false } = options;
  const p = partsOf(value, zone);
  if (!p) return String(value);
  if (style === 'short') {
    return new Intl.DateTimeFormat(intlLocale(lang), { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' })
      .format(new Date(Date.UTC(p.y, p.m - 1, p.d))).replace(',', '').replace(/ /g, NBSP);
  }
  if (style === 'compact') return noYear ? `${pad(p.d)}/${pad(p.m)}` : `${pad(p.d)}/${pad(p.m)}/${p.y}`;
  // French writes the first day of the month as an ordinal: « 1er mars ».
  const day = lang === 'fr' && p.d === 1 ? '1er' : String(p.d);
  const month = (lang === 'en' ? EN_MONTHS : FR_MONTHS)[p.m - 1];
  let text = `${day}${NBSP}${month}${noYear ? '' : ` ${p.y}`}`;
  if (style === 'weekday') {
    const weekday = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
    text = `${(lang === 'en' ? EN_DAYS : FR_DAYS)[weekday]} ${text}`;
  }
  return text;
}

/** A month: « décembre 2026 » / « December 2026 » (from "2026-12" or a date). */
export function formatMonth(value: string, lang: Lang = uiLang()): string {
  const m = /^(\d{4})-(\d{2})/.exec(value);
  if (!m) return value;
  return `${(lang === 'en' ? EN_MONTHS : FR_MONTHS)[Number(m[2]) - 1]} ${m[1]}`;
}

/**
 * A time of day. French typography (Lexique de l'Imprimerie nationale): « 9 h 30 », « 14 h 00 », hours without
 * a leading zero, non-breaking spaces around « h ». English: 24-hour « 09:30 ». One rule everywhere, tables included.
 */
export function formatTime(value: string | Date | null | undefined, options: { zone?: string; lang?: Lang } = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const p = partsOf(value, options.zone ?? PRACTICE_ZONE);
  if (!p) return String(value);
  return clockTime(p.h * 60 + p.min, options.lang ?? uiLang());
}

/** Minutes after midnight as a time of day, by the same rule as formatTime (« 9 h 30 » / « 09:30 »). */
export function clockTime(minutes: number, lang: Lang = uiLang()): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return lang === 'en' ? `${pad(h)}:${pad(m)}` : `${h}${NBSP}h${NBSP}${pad(m)}`;
}

/** « 6 décembre 2026 à 9 h 30 » (long) or « 06/12/2026 à 9 h 30 » (compact); « 6 December 2026 at 09:30 ». */
export function formatDateTime(value: string | Date | null | undefined, options: DateOptions = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const lang = options.lang ?? uiLang();
  const date = formatDate(value, { ...options, lang });
  const time = formatTime(value, { zone: options.zone ?? PRACTICE_ZONE, lang });
  return `${date} ${lang === 'en' ? 'at' : 'à'} ${time}`;
}

// ---------------------------------------------------------------- phone numbers

/**
 * French numbers in pairs: « 06 12 34 56 78 »; E.164 French (+33…, 0033…) as « +33 6 12 34 56 78 »; any other
 * number exactly as given (a foreign number's grouping is its own country's business).
 */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const compact = phone.trim().replace(/[\s.\-()]/g, '');
  if (/^0[1-9]\d{8}$/.test(compact)) return compact.replace(/(\d{2})(?=\d)/g, '$1 ');
  const intl = /^(?:\+|00)33(?:\(0\))?0?([1-9]\d{8})$/.exec(compact);
  if (intl) return `+33 ${intl[1]![0]} ${intl[1]!.slice(1).replace(/(\d{2})(?=\d)/g, '$1 ')}`;
  return phone.trim();
}

/**
 * A NIR or INS matricule as printed on the carte Vitale: « 2 54 12 69 123 343 86 » (sex, year, month, department,
 * commune, order, key), with no-break spaces so that it never breaks across lines; anything else exactly as given.
 */
export function formatNir(nir: string | null | undefined): string {
  if (!nir) return '';
  const m = /^([12378])(\d{2})(\d{2})(\d[\dAB])(\d{3})(\d{3})(\d{2})$/i.exec(nir.replace(/\s/g, ''));
  return m ? m.slice(1).join(NBSP).toUpperCase() : nir.trim();
}

/** The number as a tel: link target (digits and a leading +). */
export function phoneHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

// ---------------------------------------------------------------- money, numbers, durations

/**
 * An amount in cents: « 1 234,50 € » (narrow no-break space between thousands, no-break space before €, a comma
 * — never a dot — for the decimals); English « €1,234.50 ».
 */
export function formatMoney(cents: number, lang: Lang = uiLang()): string {
  const negative = cents < 0;
  const abs = Math.round(Math.abs(cents));
  const units = Math.floor(abs / 100);
  const decimals = pad(abs % 100);
  const group = (sep: string) => String(units).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const sign = negative ? '−' : '';
  return lang === 'en' ? `${sign}€${group(',')}.${decimals}` : `${sign}${group(NNBSP)},${decimals}${NBSP}€`;
}

/** A number with French separators (« 12,5 »), optionally as a percentage (« 12,5 % »). */
export function formatNumber(value: number, options: { maxDecimals?: number; percent?: boolean; lang?: Lang } = {}): string {
  const lang = options.lang ?? uiLang();
  const text = new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: options.maxDecimals ?? 1 }).format(value)
    .replace(/[\u202f\u00a0]/g, NNBSP);
  if (!options.percent) return text;
  return lang === 'en' ? `${text}%` : `${text}${NBSP}%`;
}

/** A length of time in minutes: « 15 min », « 1 h 30 », « 2 h »; English « 15 min », « 1 h 30 min », « 2 h ». */
export function formatDuration(minutes: number, lang: Lang = uiLang()): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m}${NBSP}min`;
  if (m === 0) return `${h}${NBSP}h`;
  return lang === 'en' ? `${h}${NBSP}h ${m}${NBSP}min` : `${h}${NBSP}h${NBSP}${pad(m)}`;
}
