/**
 * The statistical vital detector's training data, shared by `train-vital.ts` and the
 * leave-one-set-out bench (`loso-vital.ts`): the catalogue corpus, dev.jsonl, training-extra,
 * holdout.jsonl, stress.jsonl, the short replies and the development sets (held-out sets
 * already scored once, `development-sets.ts`), each message with two rewritings (variants.ts).
 * Never a held-out set not yet scored.
 */
import { normalize } from '../../src/server/triage/normalize.js';
import { modelInput } from '../../src/server/triage/vital-detector.js';
import { seededRandom } from '../../src/server/platform/seeded-random.js';
import { DEV_PATH, EXTRA_PATH, HOLDOUT_PATH, STRESS_PATH, corpusFiles, loadJsonl, loadWithIds } from './data.js';
import type { LabelledMessage } from './data.js';
import { VARIANTS } from './variants.js';
import type { Lang } from './variants.js';
import { SHORT_REPLIES } from './short-replies.js';

export const VITAL_CLASSES = ['none', 'vital'];
export const VITAL_TRAIN = { epochs: 25, minDf: 3 };

export interface VitalItem {
  /** The original message's index: a message and its rewritings share it (folds keep them together). */
  group: number;
  text: string;
  vital: boolean;
  original: boolean;
  /** Normalised text, then what the model reads (negated words masked). */
  norm: string;
  input: string;
}

/** The original messages: every source except `exclude` (a development set's path). */
export function vitalOriginals(developmentSets: readonly string[], exclude?: string): LabelledMessage[] {
  return [
    ...corpusFiles().flatMap((p) => loadJsonl(p)),
    ...[DEV_PATH, EXTRA_PATH, HOLDOUT_PATH, STRESS_PATH].flatMap((p) => loadJsonl(p)),
    ...SHORT_REPLIES.map((text, i) => ({ id: `short-${i}`, text, intent: 'other', urgency: 'routine', lang: 'fr' }) as LabelledMessage),
    ...developmentSets.filter((p) => p !== exclude).flatMap(loadWithIds),
  ];
}

/** Each original, then two rewritings drawn with a fixed seed. */
export function vitalItems(base: readonly LabelledMessage[]): VitalItem[] {
  const rand = seededRandom(7);
  const names = Object.keys(VARIANTS);
  const items: VitalItem[] = [];
  const push = (group: number, text: string, vital: boolean, original: boolean): void => {
    const norm = normalize(text);
    items.push({ group, text, vital, original, norm, input: modelInput(norm) });
  };
  base.forEach((r, group) => {
    const vital = r.urgency === 'vital';
    push(group, r.text, vital, true);
    for (let k = 0; k < 2; k++) {
      const name = names[Math.floor(rand() * names.length)] as string;
      push(group, (VARIANTS[name] as (t: string, l: Lang, r: () => number) => string)(r.text, (r.lang ?? 'fr') as Lang, rand), vital, false);
    }
  });
  return items;
}
