/**
 * Weighted Damerau–Levenshtein distance tuned to the typing and spelling errors of French medical text: an accent
 * slip costs little, so do the classic sound-alike spellings (f/ph, i/hy, c/qu/k, doubled consonants, a lost h),
 * while an unrelated letter costs a full edit.
 */
import { stripKey } from './normalize.js';

const baseCache = new Map<string, string>();
function base(ch: string): string {
  let b = baseCache.get(ch);
  if (b === undefined) {
    b = stripKey(ch);
    baseCache.set(ch, b);
  }
  return b;
}

// Neighbouring keys on an AZERTY keyboard: a slip onto them is likelier than any other letter.
const AZERTY_ROWS = ['azertyuiop', 'qsdfghjklm', 'wxcvbn'];
const NEIGHBOURS = new Map<string, Set<string>>();
for (let r = 0; r < AZERTY_ROWS.length; r++) {
  const row = AZERTY_ROWS[r]!;
  for (let i = 0; i < row.length; i++) {
    const set = new Set<string>();
    if (i > 0) set.add(row[i - 1]!);
    if (i + 1 < row.length) set.add(row[i + 1]!);
    for (const other of [AZERTY_ROWS[r - 1], AZERTY_ROWS[r + 1]]) {
      if (!other) continue;
      for (const j of [i - 1, i, i + 1]) if (other[j]) set.add(other[j]!);
    }
    NEIGHBOURS.set(row[i]!, set);
  }
}

const SOUND_ALIKE: Record<string, number> = { 'i|y': 0.4, 'c|k': 0.4, 'c|s': 0.6, 's|z': 0.5, 'k|q': 0.5, 'm|n': 0.6, 'f|v': 0.8, 'g|j': 0.6, 'e|a': 0.8, 'o|u': 0.9, 'x|s': 0.7 };

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  const ba = base(a);
  const bb = base(b);
  if (ba === bb) return 0.15; // é for e, è for é: the commonest French slip
  const pair = ba < bb ? `${ba}|${bb}` : `${bb}|${ba}`;
  const sound = SOUND_ALIKE[pair];
  if (sound !== undefined) return sound;
  if (NEIGHBOURS.get(ba)?.has(bb)) return 0.8;
  return 1;
}

/** Cost of a letter present in one word and missing from the other, at `i` of `s`. */
function indelCost(s: string, i: number): number {
  const ch = s[i]!;
  if (ch === 'h') return 0.4; // th/t, rh/r, h muet
  const b = base(ch);
  // Doubled or undoubled letter, accents aside (nausés for nausées, insufisance for insuffisance).
  if ((i > 0 && base(s[i - 1]!) === b) || (i + 1 < s.length && base(s[i + 1]!) === b)) return 0.4;
  if (ch === '-' || ch === "'") return 0.4;
  if (ch === 'e' && (i === s.length - 1 || (i === s.length - 2 && s[i + 1] === 's'))) return 0.6; // silent e, -es
  return 1;
}

// Multi-letter sound-alikes, both ways. Indexed by the last letter of the left side for the inner loop.
const PAIRS: [string, string, number][] = [
  ['ph', 'f', 0.3],
  ['hy', 'i', 0.3],
  ['qu', 'k', 0.3],
  ['qu', 'c', 0.4],
  ['ch', 'k', 0.4],
  ['cc', 'x', 0.5],
  ['cs', 'x', 0.4],
  ['ks', 'x', 0.4],
  ['eau', 'o', 0.4],
  ['au', 'o', 0.4],
  ['ai', 'e', 0.5],
  ['ai', 'é', 0.5],
  ['ei', 'e', 0.5],
  ['ss', 'c', 0.5],
  ['gu', 'g', 0.5],
  ['ai', 'è', 0.4],
  ['ai', 'ê', 0.4],
  ['ei', 'è', 0.5],
  ['ssi', 'ti', 0.4],
  ['ien', 'iant', 0.5],
  ['ent', 'ant', 0.5],
  ['en', 'an', 0.5],
];
const PAIRS_BY_LAST = new Map<string, [string, string, number][]>();
for (const [x, y, c] of PAIRS) {
  for (const [l, r] of [
    [x, y],
    [y, x],
  ] as const) {
    const last = l[l.length - 1]!;
    const list = PAIRS_BY_LAST.get(last) ?? [];
    list.push([l, r, c]);
    PAIRS_BY_LAST.set(last, list);
  }
}

// One reusable matrix: ranking scores hundreds of candidates per word, and fresh arrays kept the GC busy.
let pool: Float64Array[] = [];
let poolWidth = 0;
function rows(count: number, width: number): Float64Array[] {
  if (width > poolWidth) {
    pool = [];
    poolWidth = Math.max(width, 32);
  }
  while (pool.length < count) pool.push(new Float64Array(poolWidth));
  return pool;
}

// A letter left out is the commonest slip of a typist (more than a letter struck twice or a wrong key): a letter the
// typed word `a` lacks costs a little less than an unrelated letter too many or a wrong letter, so that "anoalie"
// reads as anomalie before anoblie and "poignts" as poignets before points.
const OMISSION = 0.9;
function omissionCost(b: string, j: number): number {
  const c = indelCost(b, j);
  return c === 1 ? OMISSION : c;
}

/** Distance between two lower-case words (`a` as typed, `b` the candidate); returns early with a value > `limit` once it is out of reach. */
export function weightedDistance(a: string, b: string, limit = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) * 0.4 > limit) return limit + 1;
  const d = rows(n + 1, m + 1);
  d[0]![0] = 0;
  for (let i = 1; i <= n; i++) d[i]![0] = d[i - 1]![0]! + indelCost(a, i - 1);
  for (let j = 1; j <= m; j++) d[0]![j] = d[0]![j - 1]! + omissionCost(b, j - 1);
  // Transpositions and sound-alike pairs reach back up to three rows: stop only when three rows in a row are out.
  let outRows = 0;
  for (let i = 1; i <= n; i++) {
    const row = d[i]!;
    const prev = d[i - 1]!;
    let rowMin = Infinity;
    for (let j = 1; j <= m; j++) {
      let best = Math.min(prev[j]! + indelCost(a, i - 1), row[j - 1]! + omissionCost(b, j - 1), prev[j - 1]! + substitutionCost(a[i - 1]!, b[j - 1]!));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && a[i - 1] !== a[i - 2]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 0.6);
      }
      for (const [l, r, c] of PAIRS_BY_LAST.get(a[i - 1]!) ?? []) {
        if (i >= l.length && j >= r.length && a.endsWith(l, i) && b.endsWith(r, j)) {
          best = Math.min(best, d[i - l.length]![j - r.length]! + c);
        }
      }
      row[j] = best;
      if (best < rowMin) rowMin = best;
    }
    outRows = rowMin > limit ? outRows + 1 : 0;
    if (outRows >= 3) return limit + 1;
  }
  return d[n]![m]!;
}
