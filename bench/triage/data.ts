/** Loading of the labelled JSONL sets used by the bench scripts. */
import { readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
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
export const MODEL_PATH = fileURLToPath(new URL('../../src/server/triage/model.bin', import.meta.url));

export function loadJsonl(path: string): LabelledMessage[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as LabelledMessage);
}

/** A labelled file whose rows without an id get `<file name>#<line>` (ids enter the models' data hashes). */
export function loadWithIds(path: string): LabelledMessage[] {
  const name = basename(path);
  return loadJsonl(path).map((r, i) => ({ ...r, id: r.id ?? `${name}#${i + 1}` }));
}

/** The training corpus (bench/triage/corpus/*.jsonl), file by file in name order. */
export const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => CORPUS_DIR + f);
}

/**
 * The intent model's training rows: dev, extra, the corpus (vital files thinned: kept whole, their 80 %
 * medical_question would tilt the model towards it — « quels sont vos horaires ? » came out medical_question)
 * and the development sets, except `exclude` (a development set's path, for the leave-one-set-out bench).
 */
export function intentTrainingRows(developmentSets: readonly string[], exclude?: string): LabelledMessage[] {
  const corpus = corpusFiles().flatMap((f) =>
    loadWithIds(f).filter((r, i) => !basename(f).startsWith('vital-') || r.intent !== 'medical_question' || i % 4 === 0),
  );
  const development = developmentSets.filter((p) => p !== exclude).flatMap(loadWithIds);
  return [...loadJsonl(DEV_PATH), ...loadJsonl(EXTRA_PATH), ...corpus, ...development];
}

/** The same-day detector's training rows: every non-vital message of the same sources (corpus whole). */
export function sameDayTrainingRows(developmentSets: readonly string[], exclude?: string): LabelledMessage[] {
  const development = developmentSets.filter((p) => p !== exclude).flatMap(loadWithIds);
  return [...loadJsonl(DEV_PATH), ...loadJsonl(EXTRA_PATH), ...corpusFiles().flatMap(loadWithIds), ...development].filter((r) => r.urgency !== 'vital');
}
