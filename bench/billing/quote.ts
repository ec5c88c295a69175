/**
 * Speed of the billing quote engine: quotes per second in process (one core) and through the real command
 * (`npx pivot billing quote`, start-up included), on a generated mix of valid cases and a few error lines.
 *   npx tsx bench/billing/quote.ts [cases]        (default 50,000)
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { quote } from '../../src/server/billing/index.js';

const N = Number(process.argv[2] ?? 50_000);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// A deterministic mix (no randomness: the same file every run): dates across 2024–2025, GP and specialist acts,
// parcours, exemptions, mutuelles, the three tiers payant modes, and one error line in fifty.
const ACTS = [[{ code: 'G' }], [{ code: 'VG' }, { code: 'MD' }], [{ code: 'TCG' }], [{ code: 'G', feeCents: 4500 }], [{ code: 'APC' }], [{ code: 'NOPE' }]];
function makeCase(i: number): Record<string, unknown> {
  const acts = ACTS[i % 50 === 49 ? 5 : i % 5] as Array<{ code: string; feeCents?: number }>;
  const isApc = acts[0]?.code === 'APC';
  const overrun = acts[0]?.feeCents !== undefined;
  const day = new Date(Date.UTC(2024, 4, 15) + (i % 595) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `b-${i}`,
    date: day,
    practitioner: { specialty: isApc ? 'cardiology' : 'general_practice', sector: overrun ? '2_optam' : '1' },
    patient: { birthDate: `${1940 + (i % 80)}-0${1 + (i % 9)}-1${i % 10}`, ald: i % 7 === 0, css: false, ame: false, maternity: false },
    care: { aldRelated: i % 14 === 0, atmp: false },
    parcours: isApc ? 'referred' : ['medecin_traitant', 'outside', 'exception', 'no_medecin_traitant_declared'][i % 4],
    mutuelle: i % 3 === 0 ? { present: false } : { present: true, responsible: true, coversTicketModerateur: true, coveragePercentOfBR: 100 + (i % 3) * 50 },
    acts,
    tiersPayant: ['none', 'amo', 'amo_amc'][i % 3],
  };
}
const cases = Array.from({ length: N }, (_, i) => makeCase(i));
const lines = cases.map((c) => JSON.stringify(c));

// In process, parsing included (what the CLI does per line), after a warm-up.
for (let i = 0; i < 2000; i++) quote(JSON.parse(lines[i % N] as string));
const t0 = performance.now();
let errors = 0;
for (const line of lines) if ('error' in quote(JSON.parse(line))) errors++;
const inProcess = N / ((performance.now() - t0) / 1000);

const input = lines.join('\n') + '\n';
const timeRun = (cmd: string, args: string[], text: string): { ms: number; answers: number } => {
  const t = performance.now();
  const out = execFileSync(cmd, args, { cwd: ROOT, input: text, maxBuffer: 1 << 28 }).toString('utf8');
  return { ms: performance.now() - t, answers: out.split('\n').filter((l) => l.length > 0).length };
};
const viaNpx = timeRun('npx', ['pivot', 'billing', 'quote'], input);
const npxStart = timeRun('npx', ['pivot', 'billing', 'quote'], lines[0] + '\n');
const viaNode = timeRun(process.execPath, ['bin/pivot.mjs', 'billing', 'quote'], input);
const nodeStart = timeRun(process.execPath, ['bin/pivot.mjs', 'billing', 'quote'], lines[0] + '\n');

console.log(`cases: ${N} (${errors} error lines)`);
console.log(`in process (JSON.parse + quote): ${inProcess.toFixed(0)} quotes/s on one core`);
console.log(`npx pivot billing quote: ${viaNpx.ms.toFixed(0)} ms wall for ${viaNpx.answers} answers = ${(N / (viaNpx.ms / 1000)).toFixed(0)} quotes/s, start-up included (1 line: ${npxStart.ms.toFixed(0)} ms)`);
console.log(`node bin/pivot.mjs billing quote: ${viaNode.ms.toFixed(0)} ms wall (1 line: ${nodeStart.ms.toFixed(0)} ms) → ${(N / ((viaNode.ms - nodeStart.ms) / 1000)).toFixed(0)} quotes/s once started`);
