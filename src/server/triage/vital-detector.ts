/**
 * The second, independent vital detector: a logistic regression over words, word pairs and
 * character n-grams, trained by `npx tsx bench/triage/train-vital.ts` on thousands of
 * messages written across the clinical catalogue (every register, sender and language),
 * with non-vital look-alikes. It reads no rule and no concept: it sees only the text, so it
 * fails differently from the catalogue. Its "vital" is enough on its own (combined by OR).
 *
 * The threshold is chosen at training time on out-of-fold predictions for a recall target
 * and stored in the model's `meta.threshold`.
 */
import type { LinearModel } from './classifier.js';
import { predictProba, topFeatures } from './classifier.js';
import { vitalModel } from './bundled-models.js';
import { isNegatedAt } from './negation.js';


export interface VitalVote {
  /** Probability of `vital` given by the model (0–1). */
  p: number;
  threshold: number;
  fired: boolean;
  /** The words that weighed most towards vital (the reason's evidence). */
  evidence: string[];
}

/**
 * Words under a negation ("pas de douleur dans la poitrine", "no stiff neck") are replaced by
 * a placeholder before the model reads the text: a bag of words cannot tell a sign from its
 * denial, and the look-alike messages are full of denied signs. Same scope rules as the
 * catalogue (`negation.ts`). Training applies the same masking.
 */
/** Does a token start with a lower-case ASCII letter (`/^[a-z]/`, without a regex per token)? */
const startsWithLetter = (t: string): boolean => {
  const c = t.charCodeAt(0);
  return c >= 97 && c <= 122;
};

export function maskNegated(norm: string): string {
  const toks = norm.length ? norm.split(' ') : [];
  return toks.map((t, i) => (t.length > 1 && startsWithLetter(t) && isNegatedAt(toks, i, 1) ? 'xneg' : t)).join(' ');
}

/** The last text masked: the vote asks for it twice (probability, then evidence). */
let lastInput: { norm: string; masked: string } | undefined;

/** What the model reads: the normalised text with negated words masked. */
export function modelInput(norm: string): string {
  if (lastInput?.norm !== norm) lastInput = { norm, masked: maskNegated(norm) };
  return lastInput.masked;
}

/**
 * Below this many words the model does not vote: with so few features its probability is
 * the bias plus one or two words ("quels sont vos horaires" came out vital). Short red flags
 * ("il convulse", "je veux mourir") are the catalogue's job, and it catches them.
 */
export const MIN_WORDS = 8;

/** Tokens (split on single spaces) starting with a letter a-z: scanned in place, both detectors ask for it. */
export function wordCount(norm: string): number {
  let n = 0;
  for (let i = 0; i < norm.length; i++) if ((i === 0 || norm.charCodeAt(i - 1) === 32) && startsWithLetter(norm[i] as string)) n++;
  return n;
}

/** The model's probability of vital for a normalised text (0 when the text is too short). */
export function vitalProbability(model: LinearModel, norm: string): number {
  if (wordCount(norm) < MIN_WORDS) return 0;
  return predictProba(model, modelInput(norm)).find((c) => c.label === 'vital')?.p ?? 0;
}

export function vitalVote(norm: string, model: LinearModel = vitalModel()): VitalVote {
  const threshold = Number(model.meta?.threshold ?? 0.5);
  const p = vitalProbability(model, norm);
  // The evidence needs the masked text again, but only for the few messages at or above the threshold.
  return { p, threshold, fired: p >= threshold, evidence: p >= threshold ? topFeatures(model, modelInput(norm), 'vital') : [] };
}
