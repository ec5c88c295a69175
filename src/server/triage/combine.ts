/**
 * How the two detectors are combined. Pure: the engine and the training script (which picks
 * the model's threshold) use this same function, so the threshold is chosen for the
 * combination that actually runs.
 *
 * - Rules or catalogue say vital: vital.
 * - Otherwise the model's "vital" is enough on its own when its probability reaches the
 *   threshold — except when the rules understood the message and judged it below vital:
 *   they saw the signs negated, past, handled or chronic, or matched a same-day picture
 *   the labelling rules name (README rules 2-5, 8-9). A bag of words cannot read tense or negation, so in
 *   that case the model must be confident (`CONFIDENT`) to overrule them.
 */
import type { Reason, Urgency } from './types.js';

export const CONFIDENT = 0.5;

/**
 * Reasons that show the rules read the message: a sign negated, past, handled or chronic,
 * or one of the same-day pictures the labelling rules name explicitly (fever by age and
 * focus, a critical treatment interrupted, a suspected fracture, flashes and floaters).
 * A catalogue entry lowered to same_day because a discriminator is missing is NOT in this
 * list: that is exactly where the model may know a wording the catalogue does not.
 */
const UNDERSTOOD = /^(?:NEGATED_|PAST_|CHRONIC_)|^SAME_DAY_(?:INFANT_FEVER|CHILD_FEVER|FEVER_WITH_FOCUS|CRITICAL_TREATMENT_INTERRUPTED|SUSPECTED_FRACTURE|EYE_OR_EAR_URGENT)$/;

export interface ModelVote {
  p: number;
  threshold: number;
}

/** The bar the model's probability must reach, given what the rules found. */
export function modelBar(rulesReasons: readonly Reason[], threshold: number): number {
  return rulesReasons.some((r) => UNDERSTOOD.test(r.code)) ? Math.max(threshold, CONFIDENT) : threshold;
}

export function modelOverrules(rulesUrgency: Urgency, rulesReasons: readonly Reason[], vote: ModelVote): boolean {
  return rulesUrgency !== 'vital' && vote.p >= modelBar(rulesReasons, vote.threshold);
}
