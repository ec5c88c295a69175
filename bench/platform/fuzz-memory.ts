/**
 * Memory under abuse (issue 15, item 9): a demo server (`node bin/pivot.mjs start`, embedded PostgreSQL) receives
 * the fuzz corpus of the route-table suite (tests/route-fuzz.ts: hostile strings, 100 KB and 1 MB strings, ids in
 * other spellings, numbers at the edges, depth-10,000 nesting, prototype keys) on every route, CONCURRENCY requests
 * at a time, plus seeded random cases. The resident memory of the Pivot node process is sampled every 200 ms during
 * the run and for 60 s after. Targets: ≤ 400 MB during, back under 300 MB after.
 * Run: npx tsx bench/platform/fuzz-memory.ts   (FUZZ_ROUNDS=n repeats the corpus; default 2)
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { composePivot } from '../../src/server/compose.js';
import { loadConfig } from '../../src/server/platform/config.js';
import type { DB } from '../../src/server/platform/db/schema.js';
import type { Database } from '../../src/server/platform/db/database.js';
import { createLogger } from '../../src/server/platform/logger.js';
import type { RouteDef } from '../../src/server/platform/http/route.js';
import { fixedCases, HOSTILE_STRINGS, LONG_STRINGS, randomCase, type FuzzRequest } from '../../tests/route-fuzz.js';
import { cleanup, login, preparedDataDir, printTable, rssMb, startPivot } from './lib.js';

const CONCURRENCY = 16;
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 2);
const RANDOM_CASES = 3000;
const AFTER_MS = 60_000;
const TARGET_DURING_MB = 400;
const TARGET_AFTER_MB = 300;

/**
 * The route table, with its schemas, without a database: composing Pivot builds the routes and touches no
 * database until a request or the sealer's first pass (closed at once). The pool points nowhere on purpose.
 */
async function routeTable(): Promise<RouteDef[]> {
  const pool = new pg.Pool({ host: '127.0.0.1', port: 1, max: 1 });
  pool.on('error', () => undefined);
  const database: Database = { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), pool, kind: 'external', embedded: undefined, close: async () => undefined };
  const config = loadConfig({ PIVOT_SECRET_KEY: crypto.randomBytes(32).toString('base64'), PIVOT_DATA_DIR: '/nonexistent-pivot-bench', LOG_LEVEL: 'silent' });
  const pivot = await composePivot(config, database, createLogger('silent'));
  const routes = pivot.routes;
  await pivot.app.close().catch(() => undefined);
  await pool.end().catch(() => undefined);
  return routes;
}

const { dir } = await preparedDataDir('pivot-bench-fuzzmem-');
const p = await startPivot(dir);
const rows: Record<string, string | number>[] = [];
try {
  const routes = (await routeTable()).filter((r) => !/\/auth\/logout/.test(r.url));
  const tokens = {
    admin: await login(p.url, 'admin@demo.pivot'),
    secretary: await login(p.url, 'accueil@demo.pivot'),
    practitioner: await login(p.url, 'medecin@demo.pivot'),
  };
  const tokenFor = (r: RouteDef) => {
    if (r.access === 'public') return undefined;
    const roles = r.access.roles === 'any' ? ['secretary'] : r.access.roles;
    return tokens[(roles.find((x) => x in tokens) ?? 'admin') as keyof typeof tokens];
  };
  const pathId = crypto.randomUUID();
  const values = [...HOSTILE_STRINGS, ...LONG_STRINGS];
  const random = fc.sample(fc.tuple(fc.nat(routes.length - 1), fc.nat(), fc.constantFrom(...values)), { seed: 20261206, numRuns: RANDOM_CASES });
  const cases: [RouteDef, FuzzRequest][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const r of routes) for (const c of fixedCases(r, pathId)) cases.push([r, c]);
    for (const [i, slot, value] of random) cases.push([routes[i]!, randomCase(routes[i]!, pathId, { slot, value })]);
  }

  const idle = rssMb(p.pid);
  let peak = idle;
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const mb = rssMb(p.pid);
    samples.push(mb);
    peak = Math.max(peak, mb);
  }, 200);
  const statuses = new Map<string, number>();
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < cases.length) {
      const [r, c] = cases[next++]!;
      const token = tokenFor(r);
      const res = await fetch(`${p.url}${c.url}`, {
        method: c.method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(c.payload === undefined ? {} : { 'content-type': 'application/json' }) },
        body: c.payload,
        signal: AbortSignal.timeout(60_000),
      }).catch((err: Error) => ({ status: `error ${err.name}`, arrayBuffer: async () => undefined }));
      await res.arrayBuffer().catch(() => undefined);
      const klass = typeof res.status === 'number' ? `${String(res.status)[0]}xx` : res.status;
      statuses.set(klass, (statuses.get(klass) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const fuzzSeconds = (performance.now() - t0) / 1000;
  const atEnd = rssMb(p.pid);
  await new Promise((r) => setTimeout(r, AFTER_MS));
  clearInterval(sampler);
  const after = rssMb(p.pid);
  const health = await fetch(`${p.url}/api/health`).then((r) => r.status);

  rows.push(
    { measure: 'Pivot node process RSS before the run (idle, after start)', MB: idle.toFixed(1), target: '' },
    { measure: `peak RSS during the run (${cases.length} requests, ${CONCURRENCY} at a time, ${fuzzSeconds.toFixed(0)} s)`, MB: peak.toFixed(1), target: `≤ ${TARGET_DURING_MB} MB ${peak <= TARGET_DURING_MB ? 'OK' : 'MISSED'}` },
    { measure: 'RSS at the end of the run', MB: atEnd.toFixed(1), target: '' },
    { measure: `RSS ${AFTER_MS / 1000} s after the run`, MB: after.toFixed(1), target: `< ${TARGET_AFTER_MB} MB ${after < TARGET_AFTER_MB ? 'OK' : 'MISSED'}` },
  );
  console.log(`answers: ${[...statuses].map(([k, v]) => `${k} ${v}`).join(', ')}; /api/health after: ${health}`);
  console.log(`routes: ${routes.length}; RSS samples: ${samples.length}`);
} finally {
  await cleanup(dir, p);
}
printTable(rows);
