/**
 * Name normalisation for identity matching (pure, no I/O).
 *
 * - `foldAccents`: removes diacritics and expands ligatures (œ → oe, æ → ae, ß → ss, ø → o, ł → l…).
 *   Same intent as PostgreSQL `unaccent`, so a name normalised here and `pivot_normalize()` in SQL agree
 *   on French names.
 * - `normalizeName`: upper-case ASCII letters and digits, hyphens / apostrophes / dots / any separator
 *   turned into one space, `ST`/`STE` expanded to `SAINT`/`SAINTE`: "d’Alembert-Saint Just" → "D ALEMBERT SAINT JUST".
 * - `nameForms`: the forms compared by the scorer: `full` (normalised), `compact` (no spaces:
 *   "LE GOFF" = "LEGOFF"), `core` (particles DE, DU, DES, LA, LE, LES, D, L, VAN, VON, DI, DA… removed
 *   unless the name is only particles: "DE LA FONTAINE" → "FONTAINE").
 */

const LIGATURES: Record<string, string> = {
  œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss', ẞ: 'SS', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L',
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i', ĳ: 'ij', Ĳ: 'IJ',
};
const LIGATURE_RE = /[œŒæÆßẞøØłŁđĐðÐþÞıĳĲ]/g;

/** Removes diacritics and expands ligatures; keeps case and every other character. */
export function foldAccents(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
    .normalize('NFC');
}

/** Particles that may be typed, dropped or glued to the name ("LE GOFF" / "LEGOFF" / "GOFF"). */
export const PARTICLES: ReadonlySet<string> = new Set([
  'DE', 'DU', 'DES', 'D', 'LA', 'LE', 'LES', 'L', 'VAN', 'VON', 'DER', 'DEN', 'TER', 'TEN',
  'DI', 'DA', 'DEL', 'DELLA', 'DELLE', 'DOS', 'DAS', 'DO', 'Y', 'EL', 'AL', 'MAC', 'MC',
]);

const ABBREVIATIONS: Record<string, string> = { ST: 'SAINT', STE: 'SAINTE', STS: 'SAINTS', STES: 'SAINTES' };

/** Upper-case words of a name: accents folded, every non-alphanumeric run is a separator. */
export function nameTokens(s: string): string[] {
  const folded = foldAccents(s).toUpperCase();
  const tokens = folded.split(/[^A-Z0-9]+/).filter((t) => t.length > 0);
  return tokens.map((t) => ABBREVIATIONS[t] ?? t);
}

/** Canonical display/comparison form: "  Lefèvre-d’Ornano " → "LEFEVRE D ORNANO". */
export function normalizeName(s: string): string {
  return nameTokens(s).join(' ');
}

/** Lower-case form with the same intent as SQL `pivot_normalize` (lower(unaccent(x))), separators unified. */
export function normalizeForSearch(s: string): string {
  return normalizeName(s).toLowerCase();
}

export interface NameForms {
  /** Normalised words joined by one space ("DE LA FONTAINE"). */
  readonly full: string;
  /** Words glued together ("DELAFONTAINE"): hyphen/space/apostrophe variants compare equal. */
  readonly compact: string;
  /** Particles removed and glued ("FONTAINE"); equals `compact` when the name has no particle. */
  readonly core: string;
  /** Words (particles removed unless nothing else is left). */
  readonly tokens: readonly string[];
}

export function nameForms(s: string): NameForms {
  const all = nameTokens(s);
  const meaningful = all.filter((t) => !PARTICLES.has(t));
  // "D'" / "L'" glued ("DALEMBERT") cannot be told apart from a real name; the compact form covers it.
  const tokens = meaningful.length > 0 ? meaningful : all;
  return { full: all.join(' '), compact: all.join(''), core: tokens.join(''), tokens };
}
