/**
 * Speed of the triage engine: module load (rules, catalogue, both models), throughput on one
 * core, and the CLI's wall time. Targets (issue 10): load ≤ 500 ms, ≥ 2,000 messages/s.
 *   npx tsx bench/triage/speed.ts
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEV_PATH, HOLDOUT_PATH, loadJsonl } from './data.js';

const t0 = performance.now();
const { triageMessage } = await import('../../src/server/triage/engine.js');
const loadMs = performance.now() - t0;

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const texts = readdirSync(CORPUS).filter((f) => f.endsWith('.jsonl')).flatMap((f) => loadJsonl(CORPUS + f).map((r) => r.text));
const REF = new Date('2026-03-10T09:00:00+01:00');
for (let i = 0; i < 300; i++) triageMessage(texts[i % texts.length] as string, { referenceDate: REF });
const N = 5000;
const t1 = performance.now();
for (let i = 0; i < N; i++) triageMessage(texts[i % texts.length] as string, { referenceDate: REF });
const secs = (performance.now() - t1) / 1000;

// The set the earlier figures were measured on (dev + holdout: shorter messages).
const short = [...loadJsonl(DEV_PATH), ...loadJsonl(HOLDOUT_PATH)].map((r) => r.text);
for (let i = 0; i < 300; i++) triageMessage(short[i % short.length] as string, { referenceDate: REF });
const t4 = performance.now();
for (let i = 0; i < N; i++) triageMessage(short[i % short.length] as string, { referenceDate: REF });
const shortSecs = (performance.now() - t4) / 1000;
const words = (xs: string[]): number => Math.round(xs.reduce((a, t) => a + t.split(/\s+/).length, 0) / xs.length);

const input = texts.slice(0, 200).map((text, i) => JSON.stringify({ id: String(i), text })).join('\n');
const t3 = performance.now();
execFileSync('npx', ['pivot', 'triage'], { input });
const cliMs = performance.now() - t3;

console.log(`engine load (rules, catalogue, intent and vital models): ${loadMs.toFixed(0)} ms`);
console.log(`throughput: ${(N / secs).toFixed(0)} messages/s on one core on corpus messages (${words(texts)} words on average)`);
console.log(`throughput: ${(N / shortSecs).toFixed(0)} messages/s on one core on dev + holdout (${words(short)} words on average)`);
console.log(`npx pivot triage on 200 messages: ${cliMs.toFixed(0)} ms wall time, start-up included`);
