import { cleanNir } from './identity/nir.js';
import { wordKeys } from './identity/phonetic.js';
import { searchNormalize } from './identity/normalize.js';

/**
 * What the one search box was given: a name (birth or used, typos tolerated), a birth date
 * (`12/03/1958`, `1958-03-12`), a NIR (or its beginning), a phone number — or a name and a date.
 */
export interface SearchQuery {
  name: string | null;
  /** Normalised as SQL `pivot_normalize` does. */
  normalized: string | null;
  phonetic: string[];
  birthDate: string | null;
  nirPrefix: string | null;
  phone: string | null;
}

/** National form of a French phone number: +33 6 12 34 56 78 → 0612345678; other numbers: digits only. */
export function normalizePhone(input: string): string {
  let d = input.replace(/[^0-9+]/g, '');
  if (d.startsWith('+33')) d = '0' + d.slice(3);
  else if (d.startsWith('0033')) d = '0' + d.slice(4);
  return d.replace(/\+/g, '');
}

function parseDate(token: string): string | null {
  let m = token.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  let y: number, mo: number, d: number;
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = token.match(/^(\d{4})-(\d{2})-(\d{2})$/))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = token.match(/^(\d{2})(\d{2})(\d{4})$/))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d || y < 1890) return null;
  return dt.toISOString().slice(0, 10);
}

export function parseSearchQuery(raw: string): SearchQuery {
  const q: SearchQuery = { name: null, normalized: null, phonetic: [], birthDate: null, nirPrefix: null, phone: null };
  const text = raw.replace(/\u0000/g, '').trim();
  if (!text) return q;
  const compact = text.replace(/[\s.]/g, '');
  // Phone: 10 digits starting with 0, or an international number.
  if (/^(?:0[1-9][0-9]{8}|\+[0-9]{8,15}|0033[0-9]{9})$/.test(compact.replace(/-/g, ''))) {
    q.phone = normalizePhone(compact);
    return q;
  }
  // NIR or its beginning (at least 5 characters: sex, year, month).
  const nir = cleanNir(text);
  if (/^[1-478][0-9]{4}(?:[0-9]{0,10}|[0-9]{0,2}(?:2A|2B)[0-9]{0,8})$/.test(nir) && nir.length >= 5 && /^[0-9]/.test(text) && !parseDate(text)) {
    q.nirPrefix = nir;
    return q;
  }
  const words: string[] = [];
  for (const token of text.split(/\s+/)) {
    const date = q.birthDate ? null : parseDate(token);
    if (date) q.birthDate = date;
    else words.push(token);
  }
  const name = words.join(' ').trim();
  if (name) {
    q.name = name;
    q.normalized = searchNormalize(name);
    q.phonetic = wordKeys(name);
  }
  return q;
}
