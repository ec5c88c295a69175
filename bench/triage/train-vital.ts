/**
 * Trains the statistical vital detector and writes src/server/triage/vital-model.bin.
 *   npx tsx bench/triage/train-vital.ts [--recall 0.995] [--folds 5] [--corpus-only]
 *
 * Data (`vital-data.ts`): the catalogue corpus (bench/triage/corpus/*.jsonl, written by helpers
 * from the published references, see its README), dev.jsonl, training-extra.jsonl, holdout.jsonl,
 * stress.jsonl and the development sets (held-out sets already scored once; `--corpus-only`
 * leaves them out). Never a held-out set not yet scored. Each message is augmented with two
 * rewritings (variants.ts) carrying the same label, so SMS spellings, typos, third parties and
 * administrative wrappers are seen in training.
 *
 * The threshold is the highest one whose out-of-fold recall on the original (not augmented)
 * vital messages reaches --recall; folds group a message with its rewritings.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalize } from '../../src/server/triage/normalize.js';
import { assessUrgency } from '../../src/server/triage/urgency.js';
import type { UrgencyResult } from '../../src/server/triage/urgency.js';
import { modelOverrules } from '../../src/server/triage/combine.js';
import { trainModel } from '../../src/server/triage/classifier.js';
import { encodeModel } from '../../src/server/triage/model-file.js';
import type { LinearModel } from '../../src/server/triage/classifier.js';
import { vitalProbability } from '../../src/server/triage/vital-detector.js';
import { DEVELOPMENT_SETS } from './development-sets.js';
import { VITAL_CLASSES as CLASSES, VITAL_TRAIN as TRAIN, vitalItems, vitalOriginals } from './vital-data.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const targetRecall = opt('--recall', 0.995);
const folds = opt('--folds', 5);

const OUT = fileURLToPath(new URL('../../src/server/triage/vital-model.bin', import.meta.url));

const base = vitalOriginals(args.includes('--corpus-only') ? [] : DEVELOPMENT_SETS);
const items = vitalItems(base);
const rawNorms = items.map((i) => i.norm);
const norms = items.map((i) => i.input);
const labels = items.map((i) => (i.vital ? 'vital' : 'none'));
const pVital = (m: LinearModel, i: number): number => vitalProbability(m, rawNorms[i] as string);

// What the rules and catalogue answer alone (they are not trained: no fold needed).
const rulesResult = base.map((r) => assessUrgency(normalize(r.text)));

// Out-of-fold probabilities for the original messages.
const t0 = performance.now();
const oof: Array<{ p: number; vital: boolean; rules: UrgencyResult; text: string }> = [];
for (let f = 0; f < folds; f++) {
  const trainIdx = items.map((it, i) => (it.group % folds !== f ? i : -1)).filter((i) => i >= 0);
  const model = trainModel(trainIdx.map((i) => norms[i] as string), trainIdx.map((i) => labels[i] as string), CLASSES, TRAIN);
  items.forEach((it, i) => {
    if (it.original && it.group % folds === f) oof.push({ p: pVital(model, i), vital: it.vital, rules: rulesResult[it.group] as UrgencyResult, text: it.text });
  });
}
const vitalCount = oof.filter((o) => o.vital).length;
/** Recall and precision of the combination (rules OR model at threshold t). */
const at = (t: number): { recall: number; precision: number; flagged: number; modelRecall: number } => {
  const flagged = oof.filter((o) => o.rules.urgency === 'vital' || modelOverrules(o.rules.urgency, o.rules.reasons, { p: o.p, threshold: t }));
  const hit = flagged.filter((o) => o.vital).length;
  const modelHit = oof.filter((o) => o.vital && o.p >= t).length;
  return { recall: hit / vitalCount, precision: flagged.length ? hit / flagged.length : 0, flagged: flagged.length, modelRecall: modelHit / vitalCount };
};
// The highest threshold whose combined out-of-fold recall reaches the target.
let threshold = 0.02;
for (let t = 0.9; t >= 0.02; t -= 0.005) {
  if (at(t).recall >= targetRecall) {
    threshold = t;
    break;
  }
}
const rulesOnly = oof.filter((o) => o.vital && o.rules.urgency === 'vital').length / vitalCount;
console.log(`rules and catalogue alone: recall ${(100 * rulesOnly).toFixed(1)} % of ${vitalCount} vital originals`);
for (const t of [0.5, 0.3, 0.2, 0.1, 0.05, threshold]) {
  const s = at(t);
  console.log(`out-of-fold, threshold ${t.toFixed(3)}: model alone recall ${(100 * s.modelRecall).toFixed(1)} %; rules OR model recall ${(100 * s.recall).toFixed(1)} %, precision ${(100 * s.precision).toFixed(1)} % (${s.flagged} flagged of ${oof.length})`);
}

if (process.env.TRIAGE_DEBUG) {
  for (const o of oof) {
    if (o.vital && o.rules.urgency !== 'vital' && o.p >= threshold && !modelOverrules(o.rules.urgency, o.rules.reasons, { p: o.p, threshold })) {
      console.log('vetoed', o.p.toFixed(2), o.rules.reasons.map((r) => r.code).join(','), '|', o.text.slice(0, 200));
    }
  }
}
const model = trainModel(norms, labels, CLASSES, TRAIN);
const hash = createHash('sha256').update(base.map((r) => `${r.urgency}\t${r.text}`).join('\n')).digest('hex').slice(0, 16);
model.meta = { threshold: Number(threshold.toFixed(4)), targetRecall, trainedOn: items.length, originals: base.length, vitalOriginals: vitalCount, dataSha256: hash, features: model.vocab.length };
writeFileSync(OUT, encodeModel(model));
console.log(`trained on ${items.length} messages (${base.length} originals), ${model.vocab.length} features, threshold ${threshold.toFixed(4)}, ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${OUT}`);
