import { trigramSetSimilarity } from './trigram.js';
import type { PreparedIdentity, PreparedName } from './prepared.js';
import type { DuplicateReason } from './types.js';
import { FIRST_WEIGHT, GENDERED_WEIGHT, INVERTED_PENALTY, OTHER_GIVEN_WEIGHT, SIMILAR_TRIGRAM, SURNAME_WEIGHT, USED_FIRST_NAME_PENALTY, type NameLevel } from './weights.js';

/**
 * Name comparison for the duplicate scorer: level of agreement of two names (exact, punctuation, phonetic, typo,
 * compound, similar, different), then the best agreement of surnames, of first names, and of inverted names.
 */

/** Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions), capped. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

interface NameMatch {
  readonly level: NameLevel;
  readonly similarity: number;
}

function compareName(x: PreparedName, y: PreparedName): NameMatch {
  const sim = trigramSetSimilarity(x.trigrams, y.trigrams);
  if (x.forms.full === y.forms.full) return { level: 'exact', similarity: sim };
  if (x.forms.compact === y.forms.compact || x.forms.core === y.forms.core) return { level: 'format', similarity: sim };
  if (x.key.length > 0 && x.key === y.key) return { level: 'phonetic', similarity: sim };
  const a = x.forms.core;
  const b = y.forms.core;
  const shortest = Math.min(a.length, b.length);
  const allowed = shortest >= 8 ? 2 : shortest >= 4 ? 1 : 0;
  if (allowed > 0 && editDistance(a, b, allowed) <= allowed) return { level: 'typo', similarity: sim };
  // Compound names: every word of one is a word of the other, or sounds like one (DUPONT or DUPOND / DUPONT LEFEVRE).
  const [fewer, more] = x.forms.tokens.length <= y.forms.tokens.length ? [x, y] : [y, x];
  if (
    fewer.forms.tokens.length < more.forms.tokens.length &&
    (fewer.forms.tokens.every((t) => more.forms.tokens.includes(t)) || fewer.tokenKeys.every((k) => k.length > 0 && more.tokenKeys.includes(k)))
  ) {
    return { level: 'compound', similarity: sim };
  }
  if (sim >= SIMILAR_TRIGRAM) return { level: 'similar', similarity: sim };
  return { level: 'different', similarity: sim };
}

/** Feminine-form pair (Michel / Michèle, Jean / Jeanne, Frédéric / Frédérique, René / Renée). */
function genderedPair(x: string, y: string): boolean {
  if (x === y) return false;
  const fem = (s: string) => s.replace(/QUE$/, 'C').replace(/E$/, '').replace(/([LNT])\1$/, '$1');
  return fem(x) === y || fem(y) === x || (fem(x) === fem(y) && fem(x).length >= 3);
}

const NAME_LABEL: Record<NameLevel, string> = {
  exact: 'identique',
  format: 'identique à la ponctuation ou à la particule près',
  phonetic: 'phonétiquement identique',
  typo: 'à une faute de frappe près',
  compound: 'composé, en partie identique',
  similar: 'proche',
  different: 'différent',
};

function pairText(x: PreparedName, y: PreparedName): string {
  return x.forms.full === y.forms.full ? x.forms.full : `${x.forms.full} / ${y.forms.full}`;
}

interface SurnameResult {
  weight: number;
  reason: DuplicateReason;
}

export function surnameAgreement(a: PreparedIdentity, b: PreparedIdentity): SurnameResult {
  let best: SurnameResult | null = null;
  for (const sa of a.surnames) {
    for (const sb of b.surnames) {
      const m = compareName(sa.name, sb.name);
      let weight = SURNAME_WEIGHT[m.level];
      if (m.level === 'similar') weight += (m.similarity - SIMILAR_TRIGRAM) * 4;
      // Prefer birth/birth on ties; a cross match (used name typed as birth name) is slightly weaker.
      const cross = sa.role !== 'birth' || sb.role !== 'birth';
      if (cross && m.level !== 'different') weight -= 0.2;
      if (best && weight <= best.weight) continue;
      const what = cross
        ? sa.role === 'used' && sb.role === 'used'
          ? "Nom d'usage"
          : "Nom d'usage de l'une et nom de naissance de l'autre"
        : 'Nom de naissance';
      const label =
        m.level === 'different'
          ? `Noms différents (${pairText(a.surnames[0]!.name, b.surnames[0]!.name)})`
          : m.level === 'similar'
            ? `${what} proches (${pairText(sa.name, sb.name)}, similarité ${m.similarity.toFixed(2).replace('.', ',')})`
            : `${what} ${NAME_LABEL[m.level]} (${pairText(sa.name, sb.name)})`;
      best = { weight, reason: { code: `NAME_${m.level.toUpperCase()}${cross && m.level !== 'different' ? '_CROSS' : ''}`, label_fr: label, weight } };
    }
  }
  return best!;
}

export function firstNameAgreement(a: PreparedIdentity, b: PreparedIdentity): SurnameResult {
  const a0 = a.firstNames[0];
  const b0 = b.firstNames[0];
  if (!a0 || !b0) return { weight: 0, reason: { code: 'FIRST_UNKNOWN', label_fr: "Prénom absent d'une fiche", weight: 0 } };
  const sexes = a.sex && b.sex ? (a.sex === b.sex ? 'sameSex' : 'differentSex') : 'unknown';
  const candidates: SurnameResult[] = [];
  const consider = (x: PreparedName, y: PreparedName, kind: 'first' | 'other' | 'used') => {
    if (genderedPair(x.forms.compact, y.forms.compact)) {
      const w = GENDERED_WEIGHT[sexes];
      candidates.push({
        weight: w,
        reason: { code: 'FIRST_GENDERED', label_fr: `Prénoms masculin / féminin (${pairText(x, y)})`, weight: w },
      });
      return;
    }
    const m = compareName(x, y);
    if (kind === 'first' && sexes === 'differentSex' && (m.level === 'typo' || m.level === 'similar' || m.level === 'compound')) {
      // Nina / Nino, Lina / Lino: a close first name with the other sex is the twin, not a typo.
      const w = GENDERED_WEIGHT.differentSex;
      candidates.push({
        weight: w,
        reason: { code: 'FIRST_CLOSE_OTHER_SEX', label_fr: `Prénoms proches mais sexes différents (${pairText(x, y)})`, weight: w },
      });
    } else if (kind === 'first') {
      const w = FIRST_WEIGHT[m.level] + (m.level === 'similar' ? (m.similarity - SIMILAR_TRIGRAM) * 4 : 0);
      const label =
        m.level === 'different'
          ? `Prénoms différents (${pairText(x, y)})`
          : m.level === 'exact'
            ? `Même prénom (${x.forms.full})`
            : `Prénom ${NAME_LABEL[m.level]} (${pairText(x, y)})`;
      candidates.push({ weight: w, reason: { code: `FIRST_${m.level.toUpperCase()}`, label_fr: label, weight: w } });
    } else if (m.level === 'exact' || m.level === 'format' || m.level === 'phonetic') {
      const w = kind === 'other' ? OTHER_GIVEN_WEIGHT : FIRST_WEIGHT[m.level] + USED_FIRST_NAME_PENALTY;
      const label =
        kind === 'other'
          ? `Prénom retrouvé parmi les autres prénoms (${pairText(x, y)})`
          : `Prénom d'usage de l'une = prénom de l'autre (${pairText(x, y)})`;
      candidates.push({ weight: w, reason: { code: kind === 'other' ? 'FIRST_OTHER_GIVEN' : 'FIRST_USED', label_fr: label, weight: w } });
    }
  };
  consider(a0, b0, 'first');
  for (const y of b.firstNames.slice(1)) consider(a0, y, 'other');
  for (const x of a.firstNames.slice(1)) consider(x, b0, 'other');
  if (a.usedFirstName) consider(a.usedFirstName, b0, 'used');
  if (b.usedFirstName) consider(a0, b.usedFirstName, 'used');
  return candidates.reduce((best, c) => (c.weight > best.weight ? c : best));
}

/** Surname of one against first name of the other, both ways ("MARTIN Marie" / "MARIE Martin"). */
export function invertedAgreement(a: PreparedIdentity, b: PreparedIdentity): number {
  const a0 = a.firstNames[0];
  const b0 = b.firstNames[0];
  if (!a0 || !b0) return -Infinity;
  // Only strong agreements count (identical, punctuation, phonetic): a typo on top of an inversion
  // is too weak to tell from two different people (GIRARD Marie / MARIE Gérard).
  const strong = new Set<NameLevel>(['exact', 'format', 'phonetic']);
  const bestSurnameVs = (p: PreparedIdentity, first: PreparedName) =>
    Math.max(...p.surnames.map((s) => {
      const level = compareName(s.name, first).level;
      return strong.has(level) ? SURNAME_WEIGHT[level] : -Infinity;
    }));
  const x = bestSurnameVs(a, b0);
  const y = bestSurnameVs(b, a0);
  if (x === -Infinity || y === -Infinity) return -Infinity;
  return x + Math.min(y, FIRST_WEIGHT.exact) + INVERTED_PENALTY;
}
