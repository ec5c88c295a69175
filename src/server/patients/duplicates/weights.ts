import type { BirthDateComparison } from './birth-date.js';

/**
 * The scorer's agreement weights (log-likelihood ratios set by hand, then checked on the labelled pairs of
 * bench/patients/duplicates-pairs.jsonl): names by level of agreement, birth date, sex, place, NIR.
 */

export type NameLevel = 'exact' | 'format' | 'phonetic' | 'typo' | 'compound' | 'similar' | 'different';

export const SURNAME_WEIGHT: Record<NameLevel, number> = {
  exact: 4.0, format: 3.8, phonetic: 3.2, typo: 3.0, compound: 2.5, similar: 0.5, different: -3.5,
};
export const FIRST_WEIGHT: Record<NameLevel, number> = {
  exact: 3.5, format: 3.4, phonetic: 2.8, typo: 2.6, compound: 2.0, similar: 0.0, different: -3.5,
};
/** First name found among the other given names (Marie Claire / Claire). */
export const OTHER_GIVEN_WEIGHT = 2.2;
/** Michel / Michèle: depends on the sexes. */
export const GENDERED_WEIGHT = { sameSex: 1.5, differentSex: -3.5, unknown: 0 } as const;
export const INVERTED_PENALTY = -0.5;
export const USED_FIRST_NAME_PENALTY = -0.3;
export const SIMILAR_TRIGRAM = 0.5;

export const SEX_DIFFERENT = -2.5;
export const SEX_SAME = 0.3;
export const PLACE_SAME = 1.0;
export const PLACE_DIFFERENT = -1.5;
export const NIR_SAME = 8;
export const NIR_DIFFERENT = -6;

export function dateWeight(c: BirthDateComparison): number {
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
