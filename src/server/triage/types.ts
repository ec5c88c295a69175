/** Shared types of the triage engine. */

export { INTENTS, URGENCIES, type Intent, type Urgency } from './contract.js';
import type { Intent, Urgency } from './contract.js';

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** One explainable reason behind the decision (red flag, negation seen, model score…). */
export interface Reason {
  /** Stable machine code, e.g. `VITAL_CHEST_PAIN`, `NEGATED_RED_FLAG`, `INTENT_MODEL`. */
  code: string;
  /** Short human label (French: it is shown to the secretary). */
  label: string;
  /** The piece of (normalised) text that triggered the reason. */
  evidence: string;
}

export interface ExtractedDate {
  /** Text as found in the normalised message. */
  text: string;
  /** Calendar date resolved against the reference date, `YYYY-MM-DD` (Europe/Paris). */
  date?: string;
  /** `HH:MM` when a time was given. */
  time?: string;
  partOfDay?: 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';
  /** True for "vers 10h", "around 3pm". */
  approximate?: boolean;
}

export interface PatientIdentity {
  name?: string;
  birthDate?: string;
}

export interface TriageDetails {
  dates: ExtractedDate[];
  practitioners: string[];
  patient: PatientIdentity;
  /** Relation of the person concerned when it is not the sender (e.g. `mother`, `son`). */
  thirdParty?: string;
  medicines: string[];
  /** Callback numbers in E.164 form (`+33612345678`). */
  phones: string[];
  /** What the secretary should do now. */
  instruction: string;
  /** Probability of the chosen intent by the statistical model (0–1). */
  intentConfidence: number;
  /** The intent is uncertain: shown to the secretary with its two likely intents (reason `INTENT_UNSURE`). */
  intentUnsure: boolean;
  /** The chosen intent, then the next likely one. */
  intentAlternatives: Intent[];
}

export interface TriageResult {
  intent: Intent;
  urgency: Urgency;
  lang: Lang;
  reasons: Reason[];
  details: TriageDetails;
}

export interface TriageOptions {
  /** Reference instant for relative dates ("demain", "next Monday"). Default: now. */
  referenceDate?: Date;
  /** Alternative intent model (used by the cross-validation bench). */
  model?: import('./classifier.js').LinearModel;
  /** Alternative same-day detector (used by the leave-one-set-out bench). */
  sameDayModel?: import('./classifier.js').LinearModel;
  /** Alternative statistical vital detector, its threshold in `meta.threshold` (used by the leave-one-set-out bench). */
  vitalModel?: import('./classifier.js').LinearModel;
}
