/**
 * Patient search bench: 1,000,000 synthetic patients in a fresh database, fuzzy name queries through
 * the service layer (`searchPatients`, the function behind GET /api/patients?q=), p50/p95/p99.
 *
 *   npx tsx bench/patients/search.ts            # embedded PostgreSQL in a temp folder
 *   DATABASE_URL=postgres://… npx tsx bench/patients/search.ts   # an empty database you own
 *   BENCH_PATIENTS=200000 npx tsx bench/patients/search.ts       # smaller run
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { EmbeddedDatabase } from '../../src/server/platform/db/embedded.js';
import { configurePgTypes } from '../../src/server/platform/db/database.js';
import { migrate } from '../../src/server/platform/db/migrate.js';
import type { DB } from '../../src/server/platform/db/schema.js';
import { FEMALE_FIRST, MALE_FIRST, SURNAMES, seededRandom } from '../../src/server/demo/names.js';
import { phoneticKeys } from '../../src/server/patients/identity/phonetic.js';
import { searchPatients } from '../../src/server/patients/search.service.js';

configurePgTypes();
const N = Number(process.env.BENCH_PATIENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 600);
const log = { info: () => undefined, warn: (o: unknown) => console.warn(o), error: (o: unknown) => console.error(o) };

/** ~60,000 distinct French-looking surnames: the real frequent ones (weighted) plus syllable combinations. */
function surnames(): string[] {
  const rnd = seededRandom(42);
  const a = ['ber', 'mar', 'du', 'le', 'gau', 'rou', 'fon', 'bon', 'gi', 'mo', 'la', 'ca', 'che', 'bou', 'ri', 'pe', 'ro', 'sa', 'vi', 'dé', 'tes', 'char', 'gran', 'bru', 'co', 'fa', 'ma', 'dan', 'vau', 'bel'];
  const b = ['nar', 'tin', 'pon', 'fè', 'thi', 'sse', 'tai', 'ne', 'rar', 'rel', 'gne', 'mon', 'let', 'vil', 'rot', 'quet', 'chet', 'ger', 'val', 'bert', 'don', 'lan', 'mier', 'teau', 'cour', 'roux', 'lin', 'sson', 'vier', 'det'];
  const c = ['', '', 'd', 't', 'x', 'ier', 'eau', 'et', 'and', 'ot', 'in', 'on', 'aud', 'ault', 'ard', 'ais', 'ez', 'ac', 'as', 'y'];
  const out: string[] = [];
  for (const s of SURNAMES) for (let i = 0; i < 40; i++) out.push(s);
  const seen = new Set<string>();
  while (seen.size < 60_000) {
    const name = (a[Math.floor(rnd() * a.length)]! + b[Math.floor(rnd() * b.length)]! + (rnd() < 0.4 ? b[Math.floor(rnd() * b.length)]! : '') + c[Math.floor(rnd() * c.length)]!).toUpperCase();
    if (!seen.has(name)) seen.add(name);
  }
  return [...out, ...seen];
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.DATABASE_URL;
  let tmp: string | undefined;
  if (!url) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-bench-patients-'));
    embedded = new EmbeddedDatabase(tmp, log);
    await embedded.start();
    url = embedded.connectionString;
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const slow: { ms: number; sql: string }[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: process.env.BENCH_LOG ? (e) => { if (e.level === 'query' && e.queryDurationMillis > 20) slow.push({ ms: e.queryDurationMillis, sql: e.query.sql.replace(/\s+/g, ' ').slice(0, 300) + ' ' + JSON.stringify(e.query.parameters).slice(0, 200) }); } : undefined,
  });
  try {
    await migrate(pool);
    const practice = await db.insertInto('practices').values({ name: 'Bench', slug: `bench-${Date.now()}` }).returning('id').executeTakeFirstOrThrow();
    const other = await db.insertInto('practices').values({ name: 'Other', slug: `other-${Date.now()}` }).returning('id').executeTakeFirstOrThrow();

    const t0 = performance.now();
    const names = surnames();
    const given = [...FEMALE_FIRST.map((n) => [n, 'F'] as const), ...MALE_FIRST.map((n) => [n, 'M'] as const)];
    await sql`CREATE TEMP TABLE bench_surnames (idx int PRIMARY KEY, name text, keys text[])`.execute(db);
    await sql`CREATE TEMP TABLE bench_given (idx int PRIMARY KEY, name text, sex text, keys text[])`.execute(db);
    for (let i = 0; i < names.length; i += 5000) {
      const chunk = names.slice(i, i + 5000);
      await sql`INSERT INTO bench_surnames SELECT idx, name, keys::text[] FROM unnest(${chunk.map((_, j) => i + j)}::int[], ${chunk}::text[], ${chunk.map((n) => `{${phoneticKeys(n).join(',')}}`)}::text[]) AS t(idx, name, keys)`.execute(db);
    }
    await sql`INSERT INTO bench_given SELECT idx, name, sex, keys::text[] FROM unnest(${given.map((_, j) => j)}::int[], ${given.map((g) => g[0])}::text[], ${given.map((g) => g[1])}::text[], ${given.map((g) => `{${phoneticKeys(g[0]).join(',')}}`)}::text[]) AS t(idx, name, sex, keys)`.execute(db);

    // Load without the search indexes, then build them (same definitions as the migration).
    const indexes = await sql<{ indexname: string; indexdef: string }>`
      SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'patients' AND indexname NOT LIKE '%pkey' AND indexdef NOT LIKE '%UNIQUE%'`.execute(db);
    for (const ix of indexes.rows) await sql.raw(`DROP INDEX ${ix.indexname}`).execute(db);
    const nS = names.length;
    const nG = given.length;
    const batch = 250_000;
    for (let start = 1; start <= N; start += batch) {
      const end = Math.min(N, start + batch - 1);
      await sql`
        INSERT INTO patients (practice_id, birth_name, used_name, first_name, given_names, birth_date, sex, nir, phonetic_keys, phone, phones, phone_search, updated_at)
        SELECT CASE WHEN i % 50 = 0 THEN ${other.id}::uuid ELSE ${practice.id}::uuid END,
               s.name, CASE WHEN g.sex = 'F' AND i % 4 = 0 THEN u.name END, g.name, g.name,
               d.bd, g.sex,
               CASE WHEN i % 2 = 0 THEN nir13 || lpad((97 - (nir13::numeric % 97))::text, 2, '0') END,
               ARRAY(SELECT DISTINCT k FROM unnest(s.keys || g.keys || CASE WHEN g.sex = 'F' AND i % 4 = 0 THEN u.keys ELSE '{}'::text[] END) k ORDER BY 1),
               ph, jsonb_build_array(jsonb_build_object('number', ph, 'kind', 'mobile')), ARRAY[ph], now()
        FROM generate_series(${start}::int, ${end}::int) i
        JOIN bench_surnames s ON s.idx = abs(hashint4(i)) % ${nS}
        JOIN bench_surnames u ON u.idx = abs(hashint4(i + 7)) % ${nS}
        JOIN bench_given g ON g.idx = abs(hashint4(i * 31)) % ${nG}
        CROSS JOIN LATERAL (SELECT DATE '1925-01-01' + abs(hashint4(i * 17)) % 36500 AS bd) d
        CROSS JOIN LATERAL (SELECT '06' || lpad((abs(hashint4(i * 13)) % 100000000)::text, 8, '0') AS ph) p
        CROSS JOIN LATERAL (SELECT CASE g.sex WHEN 'M' THEN '1' ELSE '2' END || to_char(d.bd, 'YYMM') || '75' || lpad((101 + i % 20)::text, 3, '0') || lpad((i % 997 + 1)::text, 3, '0') AS nir13) n`.execute(db);
      process.stdout.write(`  loaded ${end.toLocaleString('en')} rows\r`);
    }
    const loadedMs = performance.now() - t0;
    const i0 = performance.now();
    for (const ix of indexes.rows) await sql.raw(ix.indexdef).execute(db);
    await sql`ANALYZE patients`.execute(db);
    await sql`ANALYZE patient_name_words`.execute(db);
    const indexMs = performance.now() - i0;
    console.log(`\n${N.toLocaleString('en')} patients loaded in ${(loadedMs / 1000).toFixed(0)} s, indexes built in ${(indexMs / 1000).toFixed(0)} s`);

    // Fuzzy name queries: typos, phonetic spellings, missing accents, compound names, name + first name.
    const queries = ['dupond', 'lefebvre', 'gotier', 'rousso', 'bernart', 'martin', 'dupond helene', 'dupont-lefevre', 'guerrin', 'chmit', 'moro', 'leroi',
      'garnié', 'fontenne', 'nguyen', 'jean-pierre dupond', 'mathieu', 'ber', 'marrtin', 'lefevre marie', 'sesile', 'renault', 'perin', 'bonet'];
    // Plus misspelt synthetic names (a letter dropped or doubled).
    const rnd = seededRandom(7);
    for (let i = 0; i < 40; i++) {
      const n = names[SURNAMES.length * 40 + Math.floor(rnd() * 60_000)]!.toLowerCase();
      const at = 1 + Math.floor(rnd() * (n.length - 2));
      queries.push(rnd() < 0.5 ? n.slice(0, at) + n.slice(at + 1) : n.slice(0, at) + n[at] + n.slice(at));
    }
    const run = async (label: string, list: string[]) => {
      for (let i = 0; i < 50; i++) await db.transaction().execute((tx) => searchPatients(tx, practice.id, list[i % list.length]!, 30));
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < RUNS; i++) {
        const q = list[i % list.length]!;
        const t = performance.now();
        const rows = await db.transaction().execute((tx) => searchPatients(tx, practice.id, q, 30));
        times.push(performance.now() - t);
        if (rows.length > 0) found++;
      }
      times.sort((a, b) => a - b);
      const line = `| ${label} | ${RUNS} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${pct(times, 99).toFixed(1)} | ${((found / RUNS) * 100).toFixed(0)} % |`;
      console.log(line);
      return { line, p95: pct(times, 95) };
    };
    console.log('| Query (service layer, 30 results) | runs | p50 ms | p95 ms | p99 ms | with results |\n|---|---|---|---|---|---|');
    const results = [
      await run('fuzzy name (typos, phonetic, accents)', queries),
      await run('name + birth date (`dupond 12/03/1958`)', queries.map((q, i) => `${q} ${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/19${50 + (i % 40)}`)),
      await run('birth date (`12/03/1958`)', queries.map((_, i) => `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/19${50 + (i % 40)}`)),
      await run('phone (`06 …`)', queries.map((_, i) => `06 ${String(i * 7919 % 100).padStart(2, '0')} 12 34 56`)),
      await run('NIR prefix (`1 58 03 75`)', queries.map((_, i) => `${1 + (i % 2)} ${50 + (i % 40)} 0${1 + (i % 9)} 75`)),
    ];
    if (process.env.BENCH_LOG) for (const x of slow.slice(-6)) console.log(x.ms.toFixed(1), x.sql);
    if (process.env.BENCH_EXPLAIN) {
      // The plan of step 1 (the dictionary lookup of service.ts `searchParsed`) for one word, as the service runs it.
      const tok = process.env.BENCH_EXPLAIN;
      await db.transaction().execute(async (tx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(tx);
        const plan = await sql`EXPLAIN (ANALYZE, BUFFERS) SELECT ${0}::int AS i, ARRAY(
          (SELECT word FROM patient_name_words WHERE practice_id::text = ${practice.id} AND deletes && pivot_deletes(${tok}) LIMIT 30)
          UNION
          (SELECT word FROM patient_name_words WHERE practice_id = ${practice.id} AND word LIKE ${tok + '%'} ORDER BY word LIMIT 20)) AS words`.execute(tx);
        console.log(plan.rows.map((r) => '  ' + (r as Record<string, string>)['QUERY PLAN']).join('\n'));
      });
    }
    const pgVersion = (await sql<{ server_version: string }>`SHOW server_version`.execute(db)).rows[0]!.server_version;
    console.log(`\nPostgreSQL ${pgVersion}, ${os.cpus().length} cores, Node ${process.version}. Target p95 ≤ 20 ms for the fuzzy name query: ${results[0]!.p95 <= 20 ? 'met' : 'NOT met'}.`);
  } finally {
    await db.destroy();
    await embedded?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
