/**
 * Text normalisation shared by search, phonetic keys and trait comparison.
 * `searchNormalize` mirrors the SQL `pivot_normalize` (unaccent then lower) so that a query
 * normalised here matches the stored `search_name` column.
 */
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss' };

export function stripAccents(s: string): string {
  return s
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c]!)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Same result as SQL `pivot_normalize` for the letters used in French names. */
export function searchNormalize(s: string): string {
  return stripAccents(s).toLowerCase().replace(/[’ʼ`]/g, "'").replace(/\s+/g, ' ').trim();
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
  return stripAccents(s)
    .toUpperCase()
    .replace(/[-'’\s]+/g, ' ')
    .replace(/[^A-Z ]/g, '')
    .trim();
}
