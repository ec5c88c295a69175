/**
 * The same-day detector: a two-class logistic regression (same_day / routine) trained by
 * `npx tsx bench/triage/train-same-day.ts`. It only ever raises a message the rules answered
 * `routine` to `same_day`: never lowers anything, never makes anything vital (a bag of words
 * cannot read that an episode is over; the rules can, and lowering is theirs alone).
 */
import type { LinearModel } from './classifier.js';
import { predictProba, topFeatures } from './classifier.js';
import { sameDayModel } from './bundled-models.js';
import { wordCount } from './vital-detector.js';


/** Chosen leave-one-set-out on the development sets: 0.5 to 0.7 gave the same figures. */
export const SAME_DAY_THRESHOLD = 0.5;

/** Below this many words the model does not vote: a chat dialog's short answers stay routine. */
export const SAME_DAY_MIN_WORDS = 3;

export interface SameDayVote {
  p: number;
  fired: boolean;
  evidence: string[];
}

export function sameDayVote(norm: string, model: LinearModel = sameDayModel()): SameDayVote {
  if (wordCount(norm) < SAME_DAY_MIN_WORDS) return { p: 0, fired: false, evidence: [] };
  const p = predictProba(model, norm).find((c) => c.label === 'same_day')?.p ?? 0;
  const fired = p >= SAME_DAY_THRESHOLD;
  return { p, fired, evidence: fired ? topFeatures(model, norm, 'same_day') : [] };
}
