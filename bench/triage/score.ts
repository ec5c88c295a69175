/**
 * Scores the engine on labelled JSONL files and prints the figures, the urgency confusion
 * matrix, the intent confusion matrix and the vital recall per catalogue entry.
 *   npx tsx bench/triage/score.ts FILE... [--errors] [--misses] [--intent-matrix]
 * `--misses` lists the vital messages answered below vital (reading them makes the set a
 * development set: never use it on a held-out set before its one scoring).
 */
import { triageMessage } from '../../src/server/triage/engine.js';
import { loadJsonl } from './data.js';
import type { LabelledMessage } from './data.js';
import { report } from './metrics.js';
import type { Prediction } from './metrics.js';
import { intentMatrix, perCategory } from './tables.js';

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const REF = new Date('2026-03-10T09:00:00+01:00');

type Row = LabelledMessage & { entry?: string; category?: string };
const rows: Row[] = files.flatMap((f) => loadJsonl(f).map((r, i) => ({ ...r, id: (r as Row).id ?? `${f.split('/').pop()}#${i + 1}` })) as Row[]);
const t0 = performance.now();
const preds: Prediction[] = rows.map((r) => {
  const out = triageMessage(r.text, { referenceDate: REF });
  return { intent: out.intent, urgency: out.urgency, lang: out.lang, reasons: out.reasons };
});
const ms = performance.now() - t0;
report(files.map((f) => f.split('/').pop()).join(' + '), rows, preds, args.includes('--errors'));
console.log(`(${rows.length} messages in ${ms.toFixed(0)} ms)`);
console.log(perCategory(rows, preds));
if (args.includes('--intent-matrix')) console.log(intentMatrix(rows, preds));
if (args.includes('--misses')) {
  rows.forEach((r, i) => {
    const p = preds[i] as Prediction;
    if (r.urgency === 'vital' && p.urgency !== 'vital') console.log(`MISS ${r.id} [${r.entry ?? r.category ?? ''}] ${p.urgency} | ${r.text}`);
  });
}
if (args.includes('--false-alarms')) {
  rows.forEach((r, i) => {
    const p = preds[i] as Prediction;
    if (r.urgency !== 'vital' && p.urgency === 'vital') console.log(`FALSE ${r.id} [${r.entry ?? r.category ?? ''}] ${r.urgency} | ${r.text}\n      ${(p.reasons ?? []).filter((x) => x.code.startsWith('VITAL')).map((x) => `${x.code}[${x.evidence}]`).join(' ')}`);
  });
}
