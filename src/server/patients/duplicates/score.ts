/**
 * Probable-duplicate scorer: compares two identities and explains why (pure, no I/O).
 *
 * Model: a Fellegi–Sunter-style sum of agreement weights (log-likelihood ratios set by hand, then
 * checked on the labelled pairs of bench/patients/duplicates-pairs.jsonl):
 *
 *   surname (best of birth/used names, both directions)   +4.0 identical … −3.5 different
 *   first name (first given name, or one of the others)    +3.5 identical … −3.5 different
 *   birth date                                             +4.0 same … +1.5 one typo … −4.0 different
 *   sex different −2.5 · birth place same +1.0 / different −1.5 · different own NIRs −6.0
 *   close first names with different sexes (Pascal/Pascale, Nina/Nino) −3.5 · inversion −0.5
 *
 * `score` = logistic((total − SCORE_CENTER) / SCORE_SCALE). Levels:
 *   certain   same valid NIR consistent with both identities, or every strict trait identical (the
 *             score is then raised to THRESHOLDS.certain, which evidence alone cannot reach: max ≈ 0.99);
 *   probable  score ≥ THRESHOLDS.probable (shown to the secretary before she saves);
 *   possible  score ≥ THRESHOLDS.possible (listed in the on-demand "close identities" report);
 *   none      below.
 */
import { compareBirthDates, isCompleteDate, parseBirthDate } from './birth-date.js';
import type { BirthDateComparison, BirthDateInput, PartialDate } from './birth-date.js';
import { nameForms } from '../identity/normalize.js';
import type { NameForms } from '../identity/normalize.js';
import { nirConsistency, readNir } from '../identity/nir.js';
import type { ParsedNir } from '../identity/nir.js';
import { frenchPhoneticKey, phoneticKey } from '../identity/phonetic.js';
import { trigramSet, trigramSetSimilarity } from './trigram.js';

export type Sex = 'F' | 'M' | 'U';

export interface IdentityForMatching {
  /** Nom de naissance. */
  readonly birthName: string;
  /** Nom d'usage (married name…), if any. */
  readonly usedName?: string | null;
  /** Prénoms de naissance, first one = premier prénom. Compound first names may be one entry ("Jean-Pierre"). */
  readonly firstNames: readonly string[];
  /** Prénom d'usage, if any. */
  readonly usedFirstName?: string | null;
  /** "1958-03-12", "1958-00-00", "1958", "12/03/1958" or { year, month, day } with nulls. */
  readonly birthDate?: BirthDateInput;
  readonly sex?: Sex | null;
  /** INSEE code of the birth commune, or of the country (99xxx) for people born abroad. */
  readonly birthPlaceCode?: string | null;
  /** The person's own NIR (matricule INS), 15 characters; not the insured parent's number. */
  readonly nir?: string | null;
}

export type DuplicateLevel = 'certain' | 'probable' | 'possible' | 'none';

export interface DuplicateReason {
  readonly code: string;
  readonly label_fr: string;
  /** Contribution to the total (log-likelihood-ratio units); 0 for purely informative reasons. */
  readonly weight: number;
}

export interface DuplicateScore {
  /** 0..1, monotonic in the evidence total. */
  readonly score: number;
  readonly level: DuplicateLevel;
  /** Sum of the weights (for ranking and tuning). */
  readonly total: number;
  readonly reasons: DuplicateReason[];
}

/** Logistic mapping of the weight total to a 0..1 score. */
export const SCORE_CENTER = 6;
export const SCORE_SCALE = 1.5;

/**
 * Thresholds on `score`, chosen on the training half of the labelled set
 * (see bench/patients/duplicates-eval.ts --sweep and docs/benchmarks.md).
 */
export const THRESHOLDS = {
  certain: 0.995,
  probable: 0.5,
  possible: 0.12,
} as const;

// ---------------------------------------------------------------------------------------------
// Weights
// ---------------------------------------------------------------------------------------------

type NameLevel = 'exact' | 'format' | 'phonetic' | 'typo' | 'compound' | 'similar' | 'different';

const SURNAME_WEIGHT: Record<NameLevel, number> = {
  exact: 4.0, format: 3.8, phonetic: 3.2, typo: 3.0, compound: 2.5, similar: 0.5, different: -3.5,
};
const FIRST_WEIGHT: Record<NameLevel, number> = {
  exact: 3.5, format: 3.4, phonetic: 2.8, typo: 2.6, compound: 2.0, similar: 0.0, different: -3.5,
};
/** First name found among the other given names (Marie Claire / Claire). */
const OTHER_GIVEN_WEIGHT = 2.2;
/** Michel / Michèle: depends on the sexes. */
const GENDERED_WEIGHT = { sameSex: 1.5, differentSex: -3.5, unknown: 0 } as const;
const INVERTED_PENALTY = -0.5;
const USED_FIRST_NAME_PENALTY = -0.3;
const SIMILAR_TRIGRAM = 0.5;

const SEX_DIFFERENT = -2.5;
const SEX_SAME = 0.3;
const PLACE_SAME = 1.0;
const PLACE_DIFFERENT = -1.5;
const NIR_SAME = 8;
const NIR_DIFFERENT = -6;

function dateWeight(c: BirthDateComparison): number {
  switch (c.kind) {
    case 'same':
      return 4.0;
    case 'same_partial':
      return c.sharedParts >= 2 ? 2.5 : 1.5;
    case 'compatible':
      return c.sharedParts >= 2 ? 1.5 : 1.0;
    case 'day_month_swapped':
      return 2.0;
    case 'one_digit':
      return c.part === 'year' ? 1.5 : 2.0;
    case 'transposed':
      return 1.5;
    case 'unknown':
      return 0;
    case 'different':
      return -4.0;
  }
}

// ---------------------------------------------------------------------------------------------
// Prepared identities (normalisation done once per identity when ranking many candidates)
// ---------------------------------------------------------------------------------------------

interface PreparedName {
  readonly forms: NameForms;
  readonly key: string;
  /** Phonetic key of each word of `forms.tokens`. */
  readonly tokenKeys: readonly string[];
  readonly trigrams: Set<string>;
}

export interface PreparedIdentity {
  readonly source: IdentityForMatching;
  readonly surnames: readonly { role: 'birth' | 'used'; name: PreparedName }[];
  readonly firstNames: readonly PreparedName[];
  readonly usedFirstName: PreparedName | null;
  readonly date: PartialDate | null;
  readonly sex: Sex | null;
  readonly place: string | null;
  readonly nir: ParsedNir | null;
  /** NIR present, valid and coherent with this identity's sex / birth date (so it is the person's own). */
  readonly nirOwn: boolean;
}

function prepareName(s: string): PreparedName {
  const forms = nameForms(s);
  return { forms, key: frenchPhoneticKey(s), tokenKeys: forms.tokens.map(phoneticKey), trigrams: trigramSet(forms.full) };
}

export function prepareIdentity(id: IdentityForMatching): PreparedIdentity {
  const surnames: { role: 'birth' | 'used'; name: PreparedName }[] = [{ role: 'birth', name: prepareName(id.birthName) }];
  if (id.usedName && id.usedName.trim()) {
    const used = prepareName(id.usedName);
    if (used.forms.compact && used.forms.compact !== surnames[0]!.name.forms.compact) surnames.push({ role: 'used', name: used });
  }
  const firstNames = id.firstNames.map(prepareName).filter((n) => n.forms.compact.length > 0);
  const usedFirst = id.usedFirstName && id.usedFirstName.trim() ? prepareName(id.usedFirstName) : null;
  const date = parseBirthDate(id.birthDate);
  const nir = readNir(id.nir ?? null);
  const sex = id.sex === 'M' || id.sex === 'F' ? id.sex : null;
  const nirOwn =
    nir !== null && nirConsistency(nir, { sex, year: date?.year ?? null, month: date?.month ?? null }).length === 0;
  const place = id.birthPlaceCode ? id.birthPlaceCode.trim().toUpperCase() || null : null;
  return { source: id, surnames, firstNames, usedFirstName: usedFirst, date, sex, place, nir, nirOwn };
}

// ---------------------------------------------------------------------------------------------
// Name comparison
// ---------------------------------------------------------------------------------------------

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

function surnameAgreement(a: PreparedIdentity, b: PreparedIdentity): SurnameResult {
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

function firstNameAgreement(a: PreparedIdentity, b: PreparedIdentity): SurnameResult {
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
function invertedAgreement(a: PreparedIdentity, b: PreparedIdentity): number {
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

// ---------------------------------------------------------------------------------------------
// Date, sex, place, NIR
// ---------------------------------------------------------------------------------------------

const PART_LABEL = { day: 'jour', month: 'mois', year: 'année' } as const;

function dateReason(c: BirthDateComparison): DuplicateReason {
  const weight = dateWeight(c);
  switch (c.kind) {
    case 'same':
      return { code: 'DATE_SAME', label_fr: 'Même date de naissance', weight };
    case 'same_partial':
      return { code: 'DATE_SAME_PARTIAL', label_fr: 'Même date de naissance incomplète', weight };
    case 'compatible':
      return { code: 'DATE_COMPATIBLE', label_fr: 'Dates de naissance compatibles (date incomplète sur une fiche)', weight };
    case 'day_month_swapped':
      return { code: 'DATE_DAY_MONTH_SWAPPED', label_fr: 'Jour et mois de naissance inversés', weight };
    case 'one_digit':
      return { code: 'DATE_ONE_DIGIT', label_fr: `Date de naissance à un chiffre près (${PART_LABEL[c.part!]})`, weight };
    case 'transposed':
      return { code: 'DATE_TRANSPOSED', label_fr: `Deux chiffres inversés dans la date de naissance (${PART_LABEL[c.part!]})`, weight };
    case 'unknown':
      return { code: 'DATE_UNKNOWN', label_fr: "Date de naissance absente d'une fiche", weight };
    case 'different':
      return { code: 'DATE_DIFFERENT', label_fr: 'Dates de naissance différentes', weight };
  }
}

function sameStrictTraits(a: PreparedIdentity, b: PreparedIdentity): boolean {
  const s = (p: PreparedIdentity) => p.surnames[0]!.name.forms.full;
  const f = (p: PreparedIdentity) => p.firstNames.map((n) => n.forms.full).join('|');
  const d = (p: PreparedIdentity) => (p.date ? `${p.date.year}-${p.date.month}-${p.date.day}` : '');
  return (
    s(a) === s(b) &&
    f(a) === f(b) &&
    f(a) !== '' &&
    d(a) === d(b) &&
    (a.source.sex ?? null) === (b.source.sex ?? null) &&
    a.place === b.place
  );
}

export function levelOf(score: number): DuplicateLevel {
  if (score >= THRESHOLDS.certain) return 'certain';
  if (score >= THRESHOLDS.probable) return 'probable';
  if (score >= THRESHOLDS.possible) return 'possible';
  return 'none';
}

/** Scores two prepared identities (use when ranking many candidates against one identity). */
export function scorePrepared(a: PreparedIdentity, b: PreparedIdentity): DuplicateScore {
  const reasons: DuplicateReason[] = [];
  let total = 0;
  let forceCertain = false;
  let capProbable = false;

  // NIR.
  if (a.nir && b.nir) {
    if (a.nir.value === b.nir.value) {
      if (a.nirOwn && b.nirOwn) {
        forceCertain = true;
        total += NIR_SAME;
        reasons.push({ code: 'NIR_SAME', label_fr: 'Même NIR', weight: NIR_SAME });
      } else {
        reasons.push({
          code: 'NIR_SAME_INCONSISTENT',
          label_fr: "Même NIR, mais incohérent avec le sexe ou la date de naissance d'une fiche (NIR de l'assuré ouvrant droit ?)",
          weight: 0,
        });
      }
    } else if (a.nirOwn && b.nirOwn && !a.nir.temporary && !b.nir.temporary) {
      total += NIR_DIFFERENT;
      capProbable = true;
      reasons.push({ code: 'NIR_DIFFERENT', label_fr: 'NIR différents : a priori deux personnes distinctes', weight: NIR_DIFFERENT });
    }
  }

  // Names (straight, or first and last names inverted).
  const sur = surnameAgreement(a, b);
  const first = firstNameAgreement(a, b);
  const straight = sur.weight + first.weight;
  const inverted = Math.max(invertedAgreement(a, b), invertedAgreement(b, a));
  if (inverted > straight) {
    total += inverted;
    reasons.push({ code: 'NAMES_INVERTED', label_fr: 'Prénom et nom inversés', weight: inverted });
  } else {
    total += straight;
    reasons.push(sur.reason, first.reason);
  }

  // Birth date.
  const dc = compareBirthDates(a.date, b.date);
  const dr = dateReason(dc);
  total += dr.weight;
  reasons.push(dr);

  // Sex and birth place.
  if (a.sex && b.sex) {
    if (a.sex !== b.sex) {
      total += SEX_DIFFERENT;
      reasons.push({ code: 'SEX_DIFFERENT', label_fr: 'Sexe différent', weight: SEX_DIFFERENT });
    } else {
      total += SEX_SAME;
    }
  }
  if (a.place && b.place) {
    if (a.place === b.place) {
      total += PLACE_SAME;
      reasons.push({ code: 'PLACE_SAME', label_fr: 'Même lieu de naissance', weight: PLACE_SAME });
    } else {
      total += PLACE_DIFFERENT;
      reasons.push({ code: 'PLACE_DIFFERENT', label_fr: 'Lieux de naissance différents', weight: PLACE_DIFFERENT });
    }
  }

  if (!forceCertain && sameStrictTraits(a, b) && isCompleteOrSame(a, b)) {
    forceCertain = !capProbable;
    if (forceCertain) reasons.unshift({ code: 'IDENTICAL', label_fr: 'Traits stricts identiques', weight: 0 });
  }

  const score = 1 / (1 + Math.exp(-(total - SCORE_CENTER) / SCORE_SCALE));
  let level: DuplicateLevel = forceCertain ? 'certain' : levelOf(score);
  if (capProbable && (level === 'certain' || level === 'probable')) level = 'possible';
  const finalScore = forceCertain ? Math.max(score, THRESHOLDS.certain) : capProbable ? Math.min(score, THRESHOLDS.probable - 1e-6) : score;
  return { score: finalScore, level, total, reasons };
}

function isCompleteOrSame(a: PreparedIdentity, b: PreparedIdentity): boolean {
  // Identical partial dates count as identical traits; a missing date on both sides too.
  return isCompleteDate(a.date) === isCompleteDate(b.date);
}

/** Compares two identities: score 0..1, level, and the reasons in French. Symmetric. */
export function duplicateScore(a: IdentityForMatching, b: IdentityForMatching): DuplicateScore {
  return scorePrepared(prepareIdentity(a), prepareIdentity(b));
}
