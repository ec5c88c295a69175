import fs from 'node:fs';
import type { LinearModel } from './classifier.js';
import { decodeModel } from './model-file.js';

/**
 * The three trained models shipped with Pivot, in the binary format of `model-file.ts` (read as data, never as
 * modules: imported as JSON modules through tsx they became 3 MB object literals, +128 MB resident). Each is read
 * on first use: the assistant's rules page needs only the vital model's meta, the CLI all three.
 */
const read = (file: string): LinearModel => decodeModel(fs.readFileSync(new URL(file, import.meta.url)));

const lazy = (file: string): (() => LinearModel) => {
  let model: LinearModel | undefined;
  return () => (model ??= read(file));
};

/** Intent model (model.bin, `bench/triage/train.ts`). */
export const intentModel = lazy('./model.bin');
/** Vital-sign detector (vital-model.bin, `bench/triage/train-vital.ts`), shared by the detector and its description. */
export const vitalModel = lazy('./vital-model.bin');
/** Same-day detector (same-day-model.bin, `bench/triage/train-same-day.ts`): raises a routine message to same_day. */
export const sameDayModel = lazy('./same-day-model.bin');
