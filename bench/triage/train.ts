/**
 * Trains the intent model on dev.jsonl + training-extra.jsonl + the catalogue corpus
 * (bench/triage/corpus/*.jsonl) + the development sets (development-sets.ts) and writes
 * src/server/triage/model.bin (bundled with the engine, no training at start-up).
 *   npx tsx bench/triage/train.ts
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { INTENTS } from '../../src/server/triage/types.js';
import { normalize } from '../../src/server/triage/normalize.js';
import { trainModel } from '../../src/server/triage/classifier.js';
import { encodeModel } from '../../src/server/triage/model-file.js';
import { MODEL_PATH, intentTrainingRows } from './data.js';
import { DEVELOPMENT_SETS } from './development-sets.js';

const rows = intentTrainingRows(DEVELOPMENT_SETS);
const t0 = performance.now();
const model = trainModel(rows.map((r) => normalize(r.text)), rows.map((r) => r.intent), INTENTS);
const hash = createHash('sha256').update(rows.map((r) => `${r.id}\t${r.intent}\t${r.text}`).join('\n')).digest('hex').slice(0, 16);
model.meta = { trainedOn: rows.length, dataSha256: hash, features: model.vocab.length };
writeFileSync(MODEL_PATH, encodeModel(model));
console.log(`trained on ${rows.length} messages, ${model.vocab.length} features, ${(performance.now() - t0).toFixed(0)} ms -> ${MODEL_PATH}`);
