/**
 * Desk statistics bench: GET /api/desk-stats and its CSV export over a month and over a year of a busy practice
 * (5 practitioners: ~22,000 appointments, ~22,000 reception visits and ~14,600 calls a year, inserted in SQL).
 *
 * Run: npx tsx bench/desk/stats.ts          (REQUESTS=50 to change the count per case)
 * Pivot runs as a child process (`node bin/pivot.mjs start`, demo data, temporary PIVOT_DATA_DIR, random port).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { cleanup, login, makeDataDir, postmaster, printTable, startPivot } from '../platform/lib.js';

const REQUESTS = Number(process.env.REQUESTS ?? 50);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const dir = makeDataDir('pivot-bench-desk-stats-');
const pivot = await startPivot(dir);
try {
  const pm = postmaster(dir)!;
  const password = fs.readFileSync(path.join(dir, 'pg-password'), 'utf8').trim();
  const client = new pg.Client({ host: '127.0.0.1', port: pm.port, user: 'postgres', password, database: 'pivot' });
  await client.connect();
  const practice = (await client.query(`SELECT id FROM practices WHERE slug = 'maison-de-sante-des-tilleuls'`)).rows[0].id as string;
  const t0 = performance.now();
  // A year ending 30 days before today (away from the demo agenda), one day = 12 half-hour slots per practitioner.
  await client.query(`
    WITH p AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM practitioners WHERE practice_id = $1),
         pat AS (SELECT array_agg(id) AS ids FROM patients WHERE practice_id = $1),
         d AS (SELECT (current_date - 30 - g)::date AS day FROM generate_series(0, 364) g)
    INSERT INTO appointments (practice_id, practitioner_id, patient_id, starts_at, ends_at, busy_until, status, channel)
    SELECT $1, p.id, pat.ids[1 + (abs(hashtext(d.day::text || p.n || k)) % array_length(pat.ids, 1))],
           (d.day + time '08:00' + k * interval '30 minutes') AT TIME ZONE 'Europe/Paris',
           (d.day + time '08:20' + k * interval '30 minutes') AT TIME ZONE 'Europe/Paris',
           (d.day + time '08:20' + k * interval '30 minutes') AT TIME ZONE 'Europe/Paris',
           CASE WHEN abs(hashtext(d.day::text || p.n || k || 'x')) % 100 < 4 THEN 'no_show' ELSE 'done' END, 'desk'
      FROM d, p, pat, generate_series(0, 11) k`, [practice]);
  await client.query(`
    WITH p AS (SELECT array_agg(id) AS ids FROM practitioners WHERE practice_id = $1),
         pat AS (SELECT array_agg(id) AS ids FROM patients WHERE practice_id = $1),
         v AS (SELECT (current_date - 30 - g)::date AS day, k, (random() * 50)::int AS wait FROM generate_series(0, 364) g, generate_series(1, 60) k)
    INSERT INTO reception_visits (practice_id, patient_id, practitioner_id, kind, ticket_number, service_date, status, arrived_at, called_at, called_to, started_at, ended_at)
    SELECT $1, pat.ids[1 + k % array_length(pat.ids, 1)], p.ids[1 + k % array_length(p.ids, 1)], 'walk_in', k, day, 'done',
           (day + time '08:00' + k * interval '8 minutes') AT TIME ZONE 'Europe/Paris',
           (day + time '08:00' + k * interval '8 minutes' + wait * interval '1 minute') AT TIME ZONE 'Europe/Paris', 'Cabinet 1',
           (day + time '08:01' + k * interval '8 minutes' + wait * interval '1 minute') AT TIME ZONE 'Europe/Paris',
           (day + time '08:16' + k * interval '8 minutes' + wait * interval '1 minute') AT TIME ZONE 'Europe/Paris'
      FROM v, p, pat`, [practice]);
  await client.query(`
    WITH a AS (SELECT account_id FROM memberships WHERE practice_id = $1 LIMIT 1)
    INSERT INTO phone_calls (practice_id, direction, occurred_at, caller_name, reason, outcome, taken_by)
    SELECT $1, 'in', (current_date - 30 - g) + time '08:00' + k * interval '15 minutes', 'Appelant ' || k,
           (ARRAY['appointment','prescription','results','medical_question','administrative','practical_info','health_professional','other'])[1 + k % 8],
           (ARRAY['booked','advised_15','info_given','other'])[1 + k % 4], a.account_id
      FROM generate_series(0, 364) g, generate_series(1, 40) k, a`, [practice]);
  const counts = (await client.query(`SELECT (SELECT count(*) FROM appointments WHERE practice_id = $1) a, (SELECT count(*) FROM reception_visits WHERE practice_id = $1) v, (SELECT count(*) FROM phone_calls WHERE practice_id = $1) c`, [practice])).rows[0];
  await client.query('ANALYZE');
  console.log(`data: ${counts.a} appointments, ${counts.v} visits, ${counts.c} calls (inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  await client.end();

  const admin = await login(pivot.url, 'admin@demo.pivot');
  const day = (offset: number) => new Date(Date.now() - offset * 86400_000).toISOString().slice(0, 10);
  const cases: [string, string][] = [
    ['month, per day', `/api/desk-stats?from=${day(60)}&to=${day(31)}&granularity=day`],
    ['year, per day', `/api/desk-stats?from=${day(394)}&to=${day(30)}&granularity=day`],
    ['year, per week', `/api/desk-stats?from=${day(394)}&to=${day(30)}&granularity=week`],
    ['year, per month, CSV', `/api/desk-stats/export.csv?from=${day(394)}&to=${day(30)}&granularity=month&table=practitioners`],
  ];
  const rows: Record<string, string | number>[] = [];
  for (const [name, url] of cases) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < REQUESTS + 3; i++) {
      const s = performance.now();
      const res = await fetch(pivot.url + url, { headers: { authorization: `Bearer ${admin}` } });
      const body = await res.arrayBuffer();
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      if (i >= 3) times.push(performance.now() - s); // 3 warm-up requests
      bytes = body.byteLength;
    }
    rows.push({ case: name, requests: REQUESTS, 'p50 ms': pct(times, 50).toFixed(1), 'p95 ms': pct(times, 95).toFixed(1), 'answer kB': (bytes / 1024).toFixed(1) });
  }
  printTable(rows);
} finally {
  await cleanup(dir, pivot);
}
