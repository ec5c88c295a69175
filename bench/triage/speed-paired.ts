/**
 * Paired throughput of two triage engines in one process: alternating blocks of corpus messages, CPU time per block
 * (`process.cpuUsage`). Why: on the shared machine the wall time moves by ±20 % with the other work, and two separate
 * runs do not see the same load; blocks of both engines side by side do, so their ratio can be trusted.
 *   git archive <commit> src | tar -x -C tmp-before      # the engine before, beside the checkout (tmp-* is ignored)
 *   npx tsx bench/triage/speed-paired.ts tmp-before/src/server/triage/engine.ts src/server/triage/engine.ts [rounds]
 * Control: the same engine twice should give a ratio of about 1 (0.99–1.00 on 7 Dec 2026 at load 9).
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { CORPUS_DIR, loadJsonl } from './data.js';
import type { TriageOptions, TriageResult } from '../../src/server/triage/types.js';

type Engine = (text: string, opts?: TriageOptions) => TriageResult;
const [beforePath, afterPath, roundsArg] = process.argv.slice(2);
if (!beforePath || !afterPath) throw new Error('usage: speed-paired.ts BEFORE_ENGINE AFTER_ENGINE [rounds]');
const load = async (p: string): Promise<Engine> => ((await import(pathToFileURL(resolve(p)).href)) as { triageMessage: Engine }).triageMessage;
const A = await load(beforePath);
const B = await load(afterPath);

const texts = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.jsonl')).flatMap((f) => loadJsonl(CORPUS_DIR + f).map((r) => r.text));
const REF = new Date('2026-03-10T09:00:00+01:00');
const BLOCK = 400;
const rounds = Number(roundsArg ?? 30);
let offset = 0;
const block = (engine: Engine): number => {
  const c = process.cpuUsage();
  for (let i = 0; i < BLOCK; i++) engine(texts[(offset + i) % texts.length] as string, { referenceDate: REF });
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1e6;
};
// Warm-up: both engines' models read and their code optimised before the first timed block.
for (let i = 0; i < 600; i++) {
  A(texts[i % texts.length] as string, { referenceDate: REF });
  B(texts[i % texts.length] as string, { referenceDate: REF });
}
let ta = 0;
let tb = 0;
const ratios: number[] = [];
for (let r = 0; r < rounds; r++) {
  // The order alternates: neither engine always runs right after the other's garbage.
  let a: number;
  let b: number;
  if (r % 2) {
    b = block(B);
    a = block(A);
  } else {
    a = block(A);
    b = block(B);
  }
  ta += a;
  tb += b;
  ratios.push(a / b);
  offset += BLOCK;
}
ratios.sort((x, y) => x - y);
const n = BLOCK * rounds;
console.log(`before ${(n / ta).toFixed(0)} messages per CPU-second, after ${(n / tb).toFixed(0)}; ratio ${(ta / tb).toFixed(3)} (median of the ${rounds} block pairs ${ratios[rounds >> 1]?.toFixed(3)})`);
console.log(`load average (1, 5, 15 min): ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
