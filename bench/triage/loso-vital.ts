/**
 * Leave-one-set-out for the statistical vital detector: for each development set, the detector
 * (and the same-day detector) is trained without it, and the full engine scores it at several
 * thresholds. `--corpus-only` trains the vital detector as before the development sets joined
 * its data (the catalogue corpus and the project's own sets), for comparison.
 *   npx tsx bench/triage/loso-vital.ts [--corpus-only] [--thresholds 0.1,0.15,0.2] [--only heldout-9] [--errors]
 *
 * The rules were tuned while reading these sets: the figures are development figures, used to
 * compare two ways of training the detector, never results.
 */
import { basename } from 'node:path';
import { trainModel } from '../../src/server/triage/classifier.js';
import type { LinearModel } from '../../src/server/triage/classifier.js';
import { normalize } from '../../src/server/triage/normalize.js';
import { triageMessage } from '../../src/server/triage/engine.js';
import { loadWithIds, sameDayTrainingRows } from './data.js';
import { DEVELOPMENT_SETS } from './development-sets.js';
import { VITAL_CLASSES, VITAL_TRAIN, vitalItems, vitalOriginals } from './vital-data.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const thresholds = (opt('--thresholds') ?? '0.1,0.12,0.15,0.2,0.25,0.3').split(',').map(Number);
const corpusOnly = args.includes('--corpus-only');
const only = opt('--only');
const REF = new Date('2026-03-10T09:00:00+01:00');

const totals = new Map<number, { vital: number; hit: number; flagged: number; right: number; n: number }>();
const pct = (a: number, b: number): string => `${((100 * a) / (b || 1)).toFixed(1)} %`;
for (const path of DEVELOPMENT_SETS) {
  const name = basename(path, '.jsonl');
  if (only && !name.includes(only)) continue;
  const t0 = performance.now();
  const items = vitalItems(vitalOriginals(corpusOnly ? [] : DEVELOPMENT_SETS, path));
  const vitalModel: LinearModel = trainModel(items.map((i) => i.input), items.map((i) => (i.vital ? 'vital' : 'none')), VITAL_CLASSES, VITAL_TRAIN);
  const sdRows = sameDayTrainingRows(DEVELOPMENT_SETS, path);
  const sameDayModel = trainModel(sdRows.map((r) => normalize(r.text)), sdRows.map((r) => r.urgency), ['same_day', 'routine']);
  const rows = loadWithIds(path);
  const line: string[] = [];
  for (const t of thresholds) {
    vitalModel.meta = { threshold: t };
    let vital = 0, hit = 0, flagged = 0, right = 0;
    for (const r of rows) {
      const out = triageMessage(r.text, { vitalModel, sameDayModel, referenceDate: REF });
      if (r.urgency === 'vital') vital++;
      if (out.urgency === 'vital') flagged++;
      if (out.urgency === 'vital' && r.urgency === 'vital') hit++;
      if (out.urgency === r.urgency) right++;
      if (args.includes('--errors') && t === thresholds[0] && out.urgency !== r.urgency && (r.urgency === 'vital' || out.urgency === 'vital')) {
        console.log(`  ${r.urgency} -> ${out.urgency} | ${r.text.slice(0, 140).replace(/\s+/g, ' ')}`);
      }
    }
    const tot = totals.get(t) ?? { vital: 0, hit: 0, flagged: 0, right: 0, n: 0 };
    totals.set(t, { vital: tot.vital + vital, hit: tot.hit + hit, flagged: tot.flagged + flagged, right: tot.right + right, n: tot.n + rows.length });
    line.push(`t=${t}: recall ${pct(hit, vital)} (${vital - hit} missed), precision ${pct(hit, flagged)}, urgency ${pct(right, rows.length)}`);
  }
  console.log(`${name} (${rows.length}, ${((performance.now() - t0) / 1000).toFixed(0)} s)\n  ${line.join('\n  ')}`);
}
console.log(`all${corpusOnly ? ' (corpus only)' : ''}:`);
for (const [t, s] of totals) console.log(`  t=${t}: recall ${pct(s.hit, s.vital)} (${s.vital - s.hit} missed of ${s.vital}), precision ${pct(s.hit, s.flagged)}, urgency ${pct(s.right, s.n)}`);
