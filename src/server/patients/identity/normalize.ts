/**
 * Name normalisation — the single module used by validation (traits), search, phonetic keys and the
 * duplicate scorer. Pure, no I/O.
 *
 * - `foldAccents`: removes diacritics and expands ligatures (œ → oe, æ → ae, ß → ss, ø → o, ł → l…),
 *   as PostgreSQL `unaccent` does for the letters of French names.
 * - `searchNormalize`: mirrors SQL `pivot_normalize` (unaccent then lower) so that a query normalised
 *   here matches the stored `search_name` / `name_words` columns.
 * - `cleanName`: a name as typed, tidied for storage.
 * - `traitKey`: for comparing strict traits with INSi: upper case, no accents, separators → one space.
 * - `normalizeName` / `nameTokens`: upper-case ASCII words, every non-alphanumeric run a separator,
 *   `ST`/`STE` expanded to `SAINT`/`SAINTE`: "d’Alembert-Saint Just" → "D ALEMBERT SAINT JUST".
 * - `nameForms`: the forms compared by the duplicate scorer: `full`, `compact` (no spaces:
 *   "LE GOFF" = "LEGOFF"), `core` (particles removed unless the name is only particles).
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

/** Same result as SQL `pivot_normalize` for the letters used in French names. */
export function searchNormalize(s: string): string {
  return foldAccents(s).toLowerCase().replace(/[’ʼ`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** A name as typed, tidied: NFC, typographic apostrophe unified, single spaces, no spaces around hyphens. */
export function cleanName(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[’ʼ`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/\s*-\s*/g, '-')
    .trim();
}

/** For comparing traits with INSi or between records: upper case, no accents, separators → one space. */
export function traitKey(s: string): string {
  return foldAccents(s)
    .toUpperCase()
    .replace(/[-'’\s]+/g, ' ')
    .replace(/[^A-Z ]/g, '')
    .trim();
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

/** Canonical comparison form: "  Lefèvre-d’Ornano " → "LEFEVRE D ORNANO". */
export function normalizeName(s: string): string {
  return nameTokens(s).join(' ');
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
