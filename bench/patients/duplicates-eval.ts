/**
 * Evaluation of the probable-duplicate detector on the labelled pairs.
 *   npx tsx bench/patients/duplicates-eval.ts            report on the held-out (test) half
 *   npx tsx bench/patients/duplicates-eval.ts --sweep    threshold sweep on the train half (tuning)
 *   npx tsx bench/patients/duplicates-eval.ts --split all|train|test
 *
 * "Shown" = level certain or probable (what the secretary sees before saving).
 * Positive class = true duplicate. Precision = shown pairs that are true duplicates;
 * recall = true duplicates that are shown.
 */
import { duplicateScore, prepareIdentity, scorePrepared, THRESHOLDS } from '../../src/server/patients/duplicates/index.js';
import type { DuplicateLevel, DuplicateScore } from '../../src/server/patients/duplicates/index.js';
import { loadPairs } from './duplicates-generate.js';
import type { LabelledPair } from './duplicates-generate.js';

const args = process.argv.slice(2);
const sweep = args.includes('--sweep');
const splitArg = args.includes('--split') ? args[args.indexOf('--split') + 1] : sweep ? 'train' : 'test';

const all = loadPairs();
const pairs = splitArg === 'all' ? all : all.filter((p) => p.split === splitArg);
const scored = pairs.map((p) => ({ p, r: duplicateScore(p.a, p.b) }));

const RANK: Record<DuplicateLevel, number> = { none: 0, possible: 1, probable: 2, certain: 3 };
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : 'n/a');

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
function counts(items: { p: LabelledPair; r: DuplicateScore }[], shown: (r: DuplicateScore) => boolean): Counts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const { p, r } of items) {
    const s = shown(r);
    if (s && p.duplicate) c.tp++;
    else if (s) c.fp++;
    else if (p.duplicate) c.fn++;
    else c.tn++;
  }
  return c;
}
function prf(c: Counts) {
  const precision = c.tp / (c.tp + c.fp);
  const recall = c.tp / (c.tp + c.fn);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
function line(name: string, c: Counts): string {
  const m = prf(c);
  return `${name.padEnd(22)} precision ${pct(m.precision).padStart(8)}  recall ${pct(m.recall).padStart(8)}  F1 ${pct(m.f1).padStart(8)}  (TP ${c.tp}, FP ${c.fp}, FN ${c.fn}, TN ${c.tn})`;
}

if (sweep) {
  console.log(`Threshold sweep on the ${splitArg} half (${pairs.length} pairs): shown = total ≥ t (or certain by rule)`);
  for (let t = 2; t <= 9; t += 0.5) {
    const c = counts(scored, (r) => r.level === 'certain' || (r.total >= t && !r.reasons.some((x) => x.code === 'NIR_DIFFERENT')));
    console.log(`t = ${t.toFixed(1)}  ${line('', c)}`);
  }
  process.exit(0);
}

const dup = pairs.filter((p) => p.duplicate).length;
console.log(`Duplicate detector, ${splitArg} split: ${pairs.length} pairs (${dup} true duplicates, ${pairs.length - dup} look-alike different people)`);
console.log(`Thresholds: probable score ≥ ${THRESHOLDS.probable}, possible ≥ ${THRESHOLDS.possible}; certain by rule (same own NIR, identical strict traits)\n`);

const atProbable = counts(scored, (r) => RANK[r.level] >= RANK.probable);
const atCertain = counts(scored, (r) => r.level === 'certain');
const atPossible = counts(scored, (r) => RANK[r.level] >= RANK.possible);
console.log(line('shown (≥ probable)', atProbable));
console.log(line('certain', atCertain));
console.log(line('≥ possible (report)', atPossible));

console.log('\nPer kind (share of pairs at each level; "ok" = shown for duplicates, not shown for different people)');
const kinds = [...new Set(pairs.map((p) => `${p.duplicate ? '+' : '-'} ${p.kind}`))].sort();
for (const k of kinds) {
  const items = scored.filter(({ p }) => `${p.duplicate ? '+' : '-'} ${p.kind}` === k);
  const by = (l: DuplicateLevel) => items.filter(({ r }) => r.level === l).length;
  const ok = items.filter(({ p, r }) => (RANK[r.level] >= RANK.probable) === p.duplicate).length;
  console.log(
    `${k.padEnd(26)} n=${String(items.length).padStart(3)}  ok ${pct(ok / items.length).padStart(7)}   certain ${by('certain')}  probable ${by('probable')}  possible ${by('possible')}  none ${by('none')}`,
  );
}

const wrong = scored.filter(({ p, r }) => (RANK[r.level] >= RANK.probable) !== p.duplicate);
console.log(`\nMisclassified at the shown threshold (${wrong.length}):`);
const show = (id: (typeof pairs)[number]['a']) =>
  `${id.birthName}${id.usedName ? ` (usage ${id.usedName})` : ''} ${id.firstNames.join(' ')} ${String(id.birthDate ?? '?')} ${id.sex ?? '?'}${id.birthPlaceCode ? ` ${id.birthPlaceCode}` : ''}${id.nir ? ` NIR ${id.nir}` : ''}`;
for (const { p, r } of wrong.slice(0, 40)) {
  console.log(`  ${p.id} ${p.duplicate ? 'MISSED' : 'FALSE '} ${p.kind}${p.note ? ` (${p.note})` : ''}: ${r.level} ${r.score.toFixed(3)} total ${r.total.toFixed(1)}`);
  console.log(`      a: ${show(p.a)}\n      b: ${show(p.b)}`);
  console.log(`      ${r.reasons.map((x) => `${x.label_fr} [${x.weight >= 0 ? '+' : ''}${x.weight.toFixed(1)}]`).join(' · ')}`);
}

// Throughput: prepared identities (the ranking path) and the one-shot path.
const everything = all;
const rounds = 20;
let sink = 0;
let t0 = performance.now();
for (let i = 0; i < rounds; i++) for (const p of everything) sink += duplicateScore(p.a, p.b).score;
const oneShot = (rounds * everything.length) / ((performance.now() - t0) / 1000);
const prepared = everything.map((p) => [prepareIdentity(p.a), prepareIdentity(p.b)] as const);
t0 = performance.now();
for (let i = 0; i < rounds; i++) for (const [a, b] of prepared) sink += scorePrepared(a, b).score;
const rankOnly = (rounds * prepared.length) / ((performance.now() - t0) / 1000);
console.log(`\nThroughput (one core): duplicateScore ${Math.round(oneShot).toLocaleString('en')} pairs/s; scorePrepared ${Math.round(rankOnly).toLocaleString('en')} pairs/s${sink < 0 ? '' : ''}`);
