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
import { compareBirthDates, isCompleteDate } from './birth-date.js';
import type { BirthDateComparison } from './birth-date.js';
import { firstNameAgreement, invertedAgreement, surnameAgreement } from './names.js';
import { prepareIdentity, type PreparedIdentity } from './prepared.js';
import type { DuplicateLevel, DuplicateReason, DuplicateScore, IdentityForMatching } from './types.js';
import { dateWeight, NIR_DIFFERENT, NIR_SAME, PLACE_DIFFERENT, PLACE_SAME, SEX_DIFFERENT, SEX_SAME } from './weights.js';

// The scorer's parts (types.ts, weights.ts, prepared.ts, names.ts): these names stay importable from here.
export type { DuplicateLevel, DuplicateReason, DuplicateScore, IdentityForMatching, Sex } from './types.js';
export { prepareIdentity, type PreparedIdentity } from './prepared.js';
export { editDistance } from './names.js';

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
