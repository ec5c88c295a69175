/**
 * Leave-one-set-out evaluation on the development sets (development-sets.ts).
 *   npx tsx bench/triage/loso.ts [--only heldout-3] [--save tmp-loso.json] [--errors] [--intent-matrix] [--false-alarms]
 *
 * For each development set, the intent model and the same-day detector are trained without it
 * (same rows as train.ts and train-same-day.ts otherwise) and the full engine scores it. The
 * rules were tuned while reading these sets and the vital detector is trained on none of them,
 * so the vital figures measure the rules' coverage of sets already read: development figures,
 * never results.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { INTENTS } from '../../src/server/triage/types.js';
import { normalize } from '../../src/server/triage/normalize.js';
import { trainModel } from '../../src/server/triage/classifier.js';
import type { LinearModel } from '../../src/server/triage/classifier.js';
import { triageMessage } from '../../src/server/triage/engine.js';
import { intentTrainingRows, loadWithIds, sameDayTrainingRows } from './data.js';
import type { LabelledMessage } from './data.js';
import { DEVELOPMENT_SETS } from './development-sets.js';
import { report, score } from './metrics.js';
import type { Prediction } from './metrics.js';
import { intentMatrix } from './tables.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = opt('--only');
const save = opt('--save');
const REF = new Date('2026-03-10T09:00:00+01:00');

const train = (rows: LabelledMessage[], label: (r: LabelledMessage) => string, classes: readonly string[]): LinearModel =>
  trainModel(rows.map((r) => normalize(r.text)), rows.map(label), classes);

export interface SavedPrediction extends Prediction {
  set: string;
  id: string;
  text: string;
  truth: { intent: string; urgency: string; lang: string };
  unsure: boolean;
  alternatives: string[];
  confidence: number;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const saved: SavedPrediction[] = [];
const table: string[] = ['| set | vital recall | vital precision | urgency | intent (macro-F1) | intent errors flagged unsure | lang |', '|---|---|---|---|---|---|---|'];
const allRows: LabelledMessage[] = [];
const allPreds: Prediction[] = [];
for (const path of DEVELOPMENT_SETS) {
  const name = basename(path, '.jsonl');
  if (only && !name.includes(only)) continue;
  const t0 = performance.now();
  const intentModel = train(intentTrainingRows(DEVELOPMENT_SETS, path), (r) => r.intent, INTENTS);
  const sameDayModel = train(sameDayTrainingRows(DEVELOPMENT_SETS, path), (r) => r.urgency, ['same_day', 'routine']);
  const rows = loadWithIds(path);
  const preds = rows.map((r) => {
    const out = triageMessage(r.text, { model: intentModel, sameDayModel, referenceDate: REF });
    const p: SavedPrediction = {
      set: name, id: r.id, text: r.text, truth: { intent: r.intent, urgency: r.urgency, lang: r.lang },
      intent: out.intent, urgency: out.urgency, lang: out.lang, reasons: out.reasons,
      unsure: out.details.intentUnsure, alternatives: out.details.intentAlternatives, confidence: out.details.intentConfidence,
    };
    saved.push(p);
    return p;
  });
  const s = report(`${name}, leave-one-set-out (${((performance.now() - t0) / 1000).toFixed(0)} s)`, rows, preds, args.includes('--errors'));
  if (args.includes('--intent-matrix')) console.log(intentMatrix(rows, preds));
  const wrong = preds.filter((p, i) => p.intent !== rows[i]?.intent);
  const vt = rows.filter((r) => r.urgency === 'vital').length;
  const vh = rows.filter((r, i) => r.urgency === 'vital' && preds[i]?.urgency === 'vital').length;
  const vf = preds.filter((p) => p.urgency === 'vital').length;
  table.push(`| ${name} (${rows.length}) | ${pct(s.vitalRecall)} (${vh}/${vt}) | ${pct(s.vitalPrecision)} (${vh}/${vf}) | ${pct(s.urgencyAccuracy)} | ${pct(s.intentAccuracy)} (${pct(s.intentMacroF1)}) | ${wrong.filter((p) => p.unsure).length}/${wrong.length} | ${pct(s.langAccuracy)} |`);
  allRows.push(...rows);
  allPreds.push(...preds);
}
if (allRows.length) {
  const s = score(allRows, allPreds);
  const wrong = saved.filter((p) => p.intent !== p.truth.intent);
  table.push(`| all (${allRows.length}) | ${pct(s.vitalRecall)} | ${pct(s.vitalPrecision)} | ${pct(s.urgencyAccuracy)} | ${pct(s.intentAccuracy)} (${pct(s.intentMacroF1)}) | ${wrong.filter((p) => p.unsure).length}/${wrong.length} | ${pct(s.langAccuracy)} |`);
  console.log('\n' + table.join('\n'));
  if (args.includes('--intent-matrix')) console.log('\nall sets\n' + intentMatrix(allRows, allPreds));
}
if (args.includes('--false-alarms')) {
  for (const p of saved) {
    if (p.truth.urgency !== 'vital' && p.urgency === 'vital') {
      console.log(`FALSE ${p.set} ${p.id} ${p.truth.urgency} | ${p.text}\n      ${(p.reasons ?? []).filter((x) => x.code.startsWith('VITAL')).map((x) => `${x.code}[${x.evidence}]`).join(' ')}`);
    }
  }
}
if (save) writeFileSync(save, JSON.stringify(saved));
