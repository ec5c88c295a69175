import type { BirthDateInput } from './birth-date.js';

/** What the duplicate scorer compares and what it answers (pure types). */

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
