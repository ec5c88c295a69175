/**
 * Cold start: time from spawning `node bin/pivot.mjs start` to the first 200 on /api/health.
 * First start (initdb + migrations + demo data) for information, then 5 starts on the existing folder
 * (target ≤ 5 s). Run: npx tsx bench/platform/cold-start.ts
 */
import { cleanup, fmt, median, preparedDataDir, printTable, spawnPivot, freePort, untilHealthy } from './lib.js';

const RUNS = 5;
const TARGET_MS = 5000;

const { dir, firstStartMs, firstStopMs } = await preparedDataDir('pivot-bench-cold-');
const times: number[] = [];
const stops: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const port = await freePort();
    const t0 = performance.now();
    const p = spawnPivot(dir, port, { readyTimeoutMs: 60_000 });
    times.push(await untilHealthy(p, t0, 60_000));
    const s0 = performance.now();
    await p.stop();
    const { code } = await p.exited;
    stops.push(performance.now() - s0);
    if (code !== 0) console.warn(`run ${i + 1}: exit code ${code} after SIGTERM`);
  }
} finally {
  await cleanup(dir);
}

printTable([
  { measure: 'first start (initdb + migrations + demo seed)', value: fmt(firstStartMs), target: '(information)' },
  {
    measure: `start on existing data folder, median of ${RUNS}`,
    value: fmt(median(times)),
    target: `≤ ${fmt(TARGET_MS)} ${median(times) <= TARGET_MS ? 'OK' : 'MISSED'}`,
  },
  { measure: 'min / max', value: `${fmt(Math.min(...times))} / ${fmt(Math.max(...times))}`, target: '' },
  { measure: 'first clean stop (shutdown checkpoint of the new cluster)', value: fmt(firstStopMs), target: '(information)' },
  { measure: `clean stop (SIGTERM → exit), median of ${RUNS}`, value: fmt(median(stops)), target: '(information)' },
  { measure: 'runs', value: times.map((t) => (t / 1000).toFixed(2)).join(', '), target: '' },
]);
