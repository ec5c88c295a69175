/**
 * HTTP throughput: autocannon (programmatic API, in this process) against a Pivot running in its own
 * process on loopback. 50 connections, 10 s per endpoint after a 3 s warm-up. Targets: ≥ 3,000 req/s
 * for GET /api/health (one `SELECT 1`) and for GET /api/me (bearer token: session lookup + transaction).
 * A 404 on an unknown API route (no database at all) is measured too, as the framework floor.
 * Also reports the CPU used by each process during the run (100 % = one core; the machine has 2).
 * Run: npx tsx bench/platform/http.ts [seconds]
 */
// @ts-expect-error autocannon ships no type declarations
import autocannon from 'autocannon';
import os from 'node:os';
import { cleanup, cpuSeconds, login, postgresPids, preparedDataDir, printTable, startPivot } from './lib.js';

const DURATION = Number(process.argv[2] ?? 10);
const CONNECTIONS = 50;
const TARGET = 3000;

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

function run(url: string, headers: Record<string, string>, duration: number): Promise<Result> {
  return autocannon({ url, connections: CONNECTIONS, duration, headers }) as Promise<Result>;
}

const { dir } = await preparedDataDir('pivot-bench-http-');
const p = await startPivot(dir);
const rows: Record<string, string | number>[] = [];
try {
  const token = await login(p.url);
  const cases: { name: string; path: string; headers: Record<string, string>; target: number }[] = [
    { name: 'GET /api/health (SELECT 1)', path: '/api/health', headers: {}, target: TARGET },
    { name: 'GET /api/me (bearer, session lookup + transaction)', path: '/api/me', headers: { authorization: `Bearer ${token}` }, target: TARGET },
    { name: 'GET /api/unknown (404, no database: framework floor)', path: '/api/unknown', headers: {}, target: 0 },
  ];
  for (const c of cases) {
    await run(`${p.url}${c.path}`, c.headers, 3); // warm-up (JIT, pool connections)
    const groups = { node: () => [p.pid], postgres: () => postgresPids(dir), autocannon: () => [process.pid] };
    const before = new Map<number, number>();
    for (const list of Object.values(groups)) for (const pid of list()) before.set(pid, cpuSeconds(pid));
    const t0 = performance.now();
    const r = await run(`${p.url}${c.path}`, c.headers, DURATION);
    const secs = (performance.now() - t0) / 1000;
    // Per-process deltas; a PostgreSQL backend that ended during the run (pool idle timeout) is not counted.
    const cpuPct = (k: keyof typeof groups) => {
      const used = groups[k]().reduce((s, pid) => s + Math.max(0, cpuSeconds(pid) - (before.get(pid) ?? 0)), 0);
      return `${Math.round((100 * used) / secs)} %`;
    };
    rows.push({
      endpoint: c.name,
      'req/s': Math.round(r.requests.average),
      'p50 ms': r.latency.p50,
      'p99 ms': r.latency.p99,
      'errors/non-2xx': `${r.errors + r.timeouts}/${r.non2xx}`,
      target: c.target ? `≥ ${c.target} ${r.requests.average >= c.target ? 'OK' : 'MISSED'}` : '(diagnostic)',
      'CPU node / pg / autocannon': `${cpuPct('node')} / ${cpuPct('postgres')} / ${cpuPct('autocannon')}`,
    });
  }
} finally {
  await cleanup(dir, p);
}
console.log(`${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s per endpoint`);
printTable(rows);
