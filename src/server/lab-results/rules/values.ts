/**
 * Reading what labs write in a value, a range, a flag or a date: shared by the three formats. Pure.
 */
import type { LabFlag, ReferenceRange } from '../types.js';

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/** « 4,3 », « 4.3 », « -2 » → number; anything with a comparator, a letter or a space inside → null. */
export function readNumber(raw: string): number | null {
  const s = raw.trim();
  if (s === '' || s.length > 40 || !NUMBER.test(s)) return null;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/**
 * A range from its two bounds (HPRIM: separate fields) or from one text (HL7 OBX-7: « 3.5-5.0 », « <5 », « >60 »,
 * « 3,5 - 5,0 »). A comparator gives one open bound; anything else keeps its text with no bound.
 */
export function readRange(text: string, lowRaw = '', highRaw = ''): ReferenceRange {
  const t = text.trim();
  if (t === '' && (lowRaw.trim() !== '' || highRaw.trim() !== '')) {
    const low = readNumber(lowRaw);
    const high = readNumber(highRaw);
    const rebuilt = lowRaw.trim() && highRaw.trim() ? `${lowRaw.trim()}-${highRaw.trim()}` : lowRaw.trim() ? `>${lowRaw.trim()}` : `<${highRaw.trim()}`;
    return { low, high, text: rebuilt };
  }
  if (t === '') return { low: null, high: null, text: '' };
  const cmp = /^([<>]=?|≤|≥)\s*(.+)$/.exec(t);
  if (cmp) {
    const n = readNumber(cmp[2] ?? '');
    if (n === null) return { low: null, high: null, text: t };
    return cmp[1]?.startsWith('<') || cmp[1] === '≤' ? { low: null, high: n, text: t } : { low: n, high: null, text: t };
  }
  // « a-b », « a - b », « a à b »; a leading minus belongs to the low bound (« -2-2 »).
  const m = /^([+-]?[\d.,]+)\s*(?:-|–|à|a)\s*([+-]?[\d.,]+)$/.exec(t);
  if (m) {
    const low = readNumber(m[1] ?? '');
    const high = readNumber(m[2] ?? '');
    if (low !== null && high !== null) return { low, high, text: t };
  }
  return { low: null, high: null, text: t };
}

/** HL7 table 0078 / HPRIM abnormal flags. Unknown codes are `abnormal` with a warning from the caller. */
const FLAGS: Record<string, LabFlag> = {
  N: 'normal', L: 'low', H: 'high', LL: 'critically_low', HH: 'critically_high', A: 'abnormal', AA: 'abnormal',
  '<': 'low', '>': 'high', B: 'low', // « B » (bas) is sent by some French systems; unverified against a spec
};

export function readFlag(raw: string): { flag: LabFlag | null; known: boolean } {
  const s = raw.trim().toUpperCase();
  if (s === '') return { flag: null, known: true };
  const f = FLAGS[s];
  return f ? { flag: f, known: true } : { flag: 'abnormal', known: false };
}

/** No flag from the lab: compare the number with the range (strictly outside = abnormal; equal to a bound = normal). */
export function flagFromRange(numeric: number | null, range: ReferenceRange): LabFlag | null {
  if (numeric === null || (range.low === null && range.high === null)) return null;
  if (range.low !== null && numeric < range.low) return 'low';
  if (range.high !== null && numeric > range.high) return 'high';
  return 'normal';
}

const valid = (y: number, m: number, d: number): boolean => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return y >= 1850 && y <= 2200 && dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};

/** 'YYYYMMDD[HHMM[SS]]' (HL7 TS / HPRIM) or 'DD/MM/YYYY' (HPRIM médecin) → ISO; null when unreadable. */
export function readDate(raw: string): string | null {
  const s = raw.trim();
  const fr = /^(\d{2})[/.-](\d{2})[/.-](\d{4})$/.exec(s);
  if (fr) {
    const [d, m, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3])];
    return valid(y, m, d) ? `${fr[3]}-${fr[2]}-${fr[1]}` : null;
  }
  // HL7 TS may carry fractions and a zone (20241203083000.000+0100): the wall-clock part is kept.
  const ts = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?(?:\.\d{1,4})?)?(?:[+-]\d{4})?$/.exec(s);
  if (!ts) return null;
  const [y, m, d] = [Number(ts[1]), Number(ts[2]), Number(ts[3])];
  if (!valid(y, m, d)) return null;
  const date = `${ts[1]}-${ts[2]}-${ts[3]}`;
  if (ts[4] === undefined) return date;
  if (Number(ts[4]) > 23 || Number(ts[5]) > 59 || (ts[6] !== undefined && Number(ts[6]) > 59)) return null;
  return `${date}T${ts[4]}:${ts[5]}${ts[6] !== undefined ? `:${ts[6]}` : ''}`;
}

export function readSex(raw: string): 'F' | 'M' | 'U' {
  const s = raw.trim().toUpperCase();
  return s === 'F' ? 'F' : s === 'M' ? 'M' : 'U';
}

/** INS OIDs (ANS, « Référentiel INS »): INS-NIR, INS-NIR de test, INS-NIR de démonstration. */
export const INS_OIDS = ['1.2.250.1.213.1.4.8', '1.2.250.1.213.1.4.10', '1.2.250.1.213.1.4.11'] as const;
