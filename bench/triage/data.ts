/** Loading of the labelled JSONL sets used by the bench scripts. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Intent, Lang, Urgency } from '../../src/server/triage/types.js';

export interface LabelledMessage {
  id: string;
  text: string;
  intent: Intent;
  urgency: Urgency;
  lang: Lang;
  channel?: string;
  note?: string;
}

// The shared folder sits beside the checkout (../shared), as in CI.
export const DEV_PATH = process.env.TRIAGE_DEV ?? fileURLToPath(new URL('../../../shared/data/triage/dev.jsonl', import.meta.url));
export const EXTRA_PATH = fileURLToPath(new URL('../../src/server/triage/training-extra.jsonl', import.meta.url));
export const HOLDOUT_PATH = fileURLToPath(new URL('./holdout.jsonl', import.meta.url));
export const STRESS_PATH = fileURLToPath(new URL('./stress.jsonl', import.meta.url));
export const MODEL_PATH = fileURLToPath(new URL('../../src/server/triage/model.json', import.meta.url));

export function loadJsonl(path: string): LabelledMessage[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as LabelledMessage);
}
