/**
 * Booking bench: the real HTTP booking path (authenticated, audited, rules checked by the slot engine,
 * guarded by the exclusion constraint) against the raw ceiling of the same SQL (pgbench, 8 clients) on the
 * same embedded PostgreSQL, then a race: 64 clients, 10,000 attempts over overlapping times, 0 overlaps.
 *
 * Run: npx tsx bench/agenda/booking.ts        (BENCH_SECONDS=10 ATTEMPTS=10000 to change the lengths)
 * Pivot runs as a child process (`node bin/pivot.mjs start`, PIVOT_WEB_BUILD=0, temporary PIVOT_DATA_DIR, random port).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import pg from 'pg';
import { hashToken } from '../../src/server/auth/tokens.js';
import { RESOLVE_ACTOR_SQL } from '../../src/server/auth/sessions.js';
import { childrenOf, cleanup, cpuSeconds, freePort, login, makeDataDir, postgresPids, postmaster, spawnPivot, type PivotProcess } from '../platform/lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = 8;
const RACE_CLIENTS = 64;
const ATTEMPTS = Number(process.env.ATTEMPTS ?? 10_000);
const ZONE = 'Europe/Paris';
const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:55' }));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

// The load generator must cost little next to the server (pgbench is C): node:http with keep-alive, not fetch().
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
function post(url: string, token: string, p: string, body: unknown): Promise<{ status: number; json: any }> {
  const data = Buffer.from(JSON.stringify(body));
  const u = new URL(url + p);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': data.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(data);
  });
}

async function api(url: string, token: string, method: string, p: string, body?: unknown) {
  const res = await fetch(url + p, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function practitioner(pivot: PivotProcess, admin: string, name: string): Promise<string> {
  const r = await api(pivot.url, admin, 'POST', '/api/agenda/practitioners', { displayName: name });
  if (r.status !== 201) throw new Error(`practitioner: ${r.status} ${JSON.stringify(r.json)}`);
  const h = await api(pivot.url, admin, 'PUT', `/api/agenda/practitioners/${r.json.practitioner.id}/hours`, { weekly: ALL_DAY, urgent: [] });
  if (h.status !== 200) throw new Error(`hours: ${h.status} ${JSON.stringify(h.json)}`);
  return r.json.practitioner.id;
}

/** HTTP booking throughput: each client books consecutive 15-minute slots of its own practitioner. */
async function httpBookings(pivot: PivotProcess, token: string, practitioners: string[], patients: string[], firstDay: DateTime, seconds: number) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const deadline = performance.now() + seconds * 1000;
  let sample = '';
  await Promise.all(
    practitioners.map(async (pid, c) => {
      for (let k = 0; performance.now() < deadline; k++) {
        const start = firstDay.plus({ minutes: 15 * k }).toUTC().toISO();
        const t0 = performance.now();
        const r = await post(pivot.url, token, '/api/agenda/appointments', { practitionerId: pid, patientId: patients[(c * 7 + k) % patients.length], start });
        latencies.push(performance.now() - t0);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status !== 201 && !sample) sample = JSON.stringify(r.json).slice(0, 300);
      }
    }),
  );
  const ok = statuses.get(201) ?? 0;
  return { perSecond: ok / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99), statuses: Object.fromEntries(statuses), sample };
}

/**
 * The raw ceiling, by pgbench on the same server, 8 clients, one practitioner per client (as the HTTP run).
 * Three scripts, from the strictest (see booking-path.integration.test.ts for what the app sends):
 * - `writes`: BEGIN; the guarded insert + history row (`agenda_insert_appointment`, whose row triggers queue the
 *   confirmation and reminder jobs); the audit entry; COMMIT — the writes only, the strict ceiling;
 * - `full`: exactly what the HTTP path sends inside and after its transaction: BEGIN; `agenda_book_optimistic` (the
 *   context read, the same insert and history row, the audit entry); COMMIT; then the `pg_notify` (one per booking
 *   here; the app batches them);
 * - `request`: every statement of a booking request: the session check every authenticated request makes
 *   (the same prepared query, the secretary's real token hash), then `full`.
 * The audit sealer of the running Pivot seals pgbench's audit rows as it does the HTTP run's.
 */
function pgbenchCeiling(dataDir: string, ids: { practiceId: string; practitionerIds: string[]; patientId: string; accountId: string; tokenHashHex: string }, seconds: number, variant: 'writes' | 'full' | 'request') {
  const pgbench = ['/usr/bin/pgbench', ...(fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`) : [])].find((p) => fs.existsSync(p));
  if (!pgbench) return undefined;
  const pm = postmaster(dataDir)!;
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-pgbench-'));
  const script = path.join(dir, 'booking.sql');
  const practitioner = `(ARRAY['${ids.practitionerIds.join("','")}']::uuid[])[:client_id % ${ids.practitionerIds.length} + 1]`;
  const t = `(timestamptz '2031-01-01 00:00+00' + :k * interval '15 minutes')`;
  fs.writeFileSync(
    script,
    `\\set k random(1, 100000000)
${variant === 'request' ? `${RESOLVE_ACTOR_SQL.replace('$1', `'\\x${ids.tokenHashHex}'::bytea`).trim()};\n` : ''}BEGIN;
${
  variant !== 'writes'
    ? `SELECT agenda_book_optimistic(gen_random_uuid(), '${ids.practiceId}', ${practitioner}, '${ids.patientId}', NULL, ${t}, NULL, 'desk', NULL, NULL, '${ids.accountId}', now(), true,
  '{"ip": "127.0.0.1", "details": {"channel": "desk"}}'::jsonb || jsonb_build_object('details', jsonb_build_object('patientId', '${ids.patientId}', 'practitionerId', ${practitioner}, 'start', ${t}, 'channel', 'desk')));`
    : `SELECT count(*) FROM agenda_insert_appointment(gen_random_uuid(), '${ids.practiceId}', ${practitioner}, '${ids.patientId}', NULL, NULL, NULL,
  ${t}, ${t} + interval '15 minutes', ${t} + interval '15 minutes', 'desk', false, NULL, NULL, '${ids.accountId}', 1, now(), true);
INSERT INTO audit_log (occurred_at, account_id, practice_id, action, resource_type, resource_id, ip, reason, details)
  VALUES (now(), '${ids.accountId}', '${ids.practiceId}', 'appointment.booked', 'appointment', gen_random_uuid()::text, '127.0.0.1', NULL,
          jsonb_build_object('patientId', '${ids.patientId}', 'practitionerId', ${practitioner}, 'start', ${t}, 'channel', 'desk'));`
}
COMMIT;
${variant !== 'writes' ? `SELECT pg_notify('pivot_agenda', json_build_object('practiceId', '${ids.practiceId}', 'appointmentId', gen_random_uuid(), 'practitionerId', ${practitioner}, 'start', ${t}, 'op', 'insert', 'previousPractitionerId', NULL, 'previousStart', NULL)::text);\n` : ''}`,
  );
  const out = execFileSync(pgbench, ['-n', '-M', 'prepared', '-c', String(CLIENTS), '-j', '2', '-T', String(seconds), '-f', script, '-l', '--log-prefix', path.join(dir, 'log'), '-h', '127.0.0.1', '-p', String(pm.port), '-U', 'postgres', 'pivot'], {
    env: { ...process.env, PGPASSWORD: password },
    encoding: 'utf8',
  });
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
  const lat: number[] = [];
  for (const f of fs.readdirSync(dir).filter((x) => x.startsWith('log'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (us) lat.push(us / 1000);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { tool: pgbench, tps, failed, p50: pct(lat, 50), p99: pct(lat, 99), version: execFileSync(pgbench, ['--version'], { encoding: 'utf8' }).trim() };
}

/** 64 clients, ATTEMPTS bookings of 15 minutes starting on a 5-minute grid of one day: many partial overlaps. */
async function race(pivot: PivotProcess, token: string, practitionerId: string, patients: string[], day: DateTime) {
  const starts = Array.from({ length: (24 * 60 - 15) / 5 }, (_, i) => day.plus({ minutes: 5 * i }).toUTC().toISO()!);
  let next = 0;
  const counts = new Map<string, number>();
  const latencies: number[] = [];
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: RACE_CLIENTS }, async () => {
      while (next < ATTEMPTS) {
        next++;
        const start = starts[Math.floor(rand() * starts.length)]!;
        const s = performance.now();
        const r = await post(pivot.url, token, '/api/agenda/appointments', { practitionerId, patientId: patients[next % patients.length], start });
        latencies.push(performance.now() - s);
        const key = r.status === 409 ? (String(r.json?.error?.message).startsWith('Ce créneau vient d’être pris') ? '409 taken' : '409 other') : String(r.status);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, counts: Object.fromEntries(counts), p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

async function main() {
  const dataDir = makeDataDir('pivot-bench-booking-');
  let pivot: PivotProcess | undefined;
  try {
    // PROFILE=<dir>: CPU profile of the Pivot process (node --cpu-prof), written when it stops.
    // BENCH_JOBS=0: no job worker in the Pivot process (confirmations and reminders are still queued by the
    // booking, not sent), to measure the booking path alone; default 1 = as installed.
    pivot = spawnPivot(dataDir, await freePort(), {
      readyTimeoutMs: 120_000,
      env: { PIVOT_JOBS: process.env.BENCH_JOBS ?? '1' },
      ...(process.env.PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE}`] } : {}),
    });
    await pivot.ready;
    const admin = await login(pivot.url, 'admin@demo.pivot');
    const secretary = await login(pivot.url, 'accueil@demo.pivot');
    const patients = (await api(pivot.url, secretary, 'GET', '/api/patients?limit=100')).json.patients.map((p: { id: string }) => p.id) as string[];
    const httpPractitioners: string[] = [];
    for (let i = 0; i < CLIENTS; i++) httpPractitioners.push(await practitioner(pivot, admin, `Dr Bench ${i + 1}`));
    const rawPractitioners: string[] = [];
    for (let i = 0; i < CLIENTS; i++) rawPractitioners.push(await practitioner(pivot, admin, `Dr Brut ${i + 1}`));
    const racer = await practitioner(pivot, admin, 'Dr Course');
    const base = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 2 });
    const pm = postmaster(dataDir)!;
    const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
    const client = new pg.Client({ host: '127.0.0.1', port: pm.port, user: 'postgres', password, database: 'pivot' });
    await client.connect();
    const practiceId = (await client.query(`SELECT practice_id FROM practitioners WHERE id = $1`, [racer])).rows[0].practice_id as string;

    await httpBookings(pivot, secretary, httpPractitioners, patients, base.plus({ days: 300 }), 2); // warm-up
    const cpu = () => {
      const pgPids = postgresPids(dataDir);
      const nodePids = [pivot!.pid, ...childrenOf(pivot!.pid).filter((p) => !pgPids.includes(p))];
      return { node: nodePids.reduce((a, p) => a + cpuSeconds(p), 0), pg: pgPids.reduce((a, p) => a + cpuSeconds(p), 0) };
    };
    const c0 = cpu();
    const client0 = process.cpuUsage();
    const httpRun = await httpBookings(pivot, secretary, httpPractitioners, patients, base, SECONDS);
    const c1 = cpu();
    const client1 = process.cpuUsage(client0);
    console.log(`CPU during the HTTP run (2 cores): Pivot node ${(100 * (c1.node - c0.node) / SECONDS).toFixed(0)} %, PostgreSQL ${(100 * (c1.pg - c0.pg) / SECONDS).toFixed(0)} %, load generator ${((client1.user + client1.system) / 1e4 / SECONDS).toFixed(0)} % of one core; load average ${os.loadavg()[0]!.toFixed(1)}`);
    const accountId = (await client.query(`SELECT id FROM accounts WHERE email = 'accueil@demo.pivot'`)).rows[0].id as string;
    const ids = { practiceId, practitionerIds: rawPractitioners, patientId: patients[0]!, accountId, tokenHashHex: hashToken(secretary).toString('hex') };
    pgbenchCeiling(dataDir, ids, 2, 'writes'); // warm-up
    const raw = pgbenchCeiling(dataDir, ids, SECONDS, 'writes');
    const full = pgbenchCeiling(dataDir, ids, SECONDS, 'full');
    const request = pgbenchCeiling(dataDir, ids, SECONDS, 'request');
    console.log(`HTTP booking, ${CLIENTS} clients, ${SECONDS} s: ${httpRun.perSecond.toFixed(0)} bookings/s, p50 ${httpRun.p50.toFixed(1)} ms, p99 ${httpRun.p99.toFixed(1)} ms`, httpRun.statuses, httpRun.sample);
    if (raw && full) {
      console.log(`pgbench (${raw.version}), ${CLIENTS} clients, writes only, as separate statements (insert + history + jobs; audit): ${raw.tps.toFixed(0)} tx/s, p50 ${raw.p50.toFixed(2)} ms, p99 ${raw.p99.toFixed(2)} ms, failed ${raw.failed}`);
      console.log(`pgbench, ${CLIENTS} clients, the app's exact SQL (read + insert + audit in one call, pg_notify after commit): ${full.tps.toFixed(0)} tx/s, p50 ${full.p50.toFixed(2)} ms, p99 ${full.p99.toFixed(2)} ms, failed ${full.failed}`);
      if (request) console.log(`pgbench, ${CLIENTS} clients, every statement of a booking request (the session check, then the above): ${request.tps.toFixed(0)} tx/s, p50 ${request.p50.toFixed(2)} ms, p99 ${request.p99.toFixed(2)} ms, failed ${request.failed}`);
      console.log(`ratio HTTP / raw: ${((100 * httpRun.perSecond) / raw.tps).toFixed(0)} % of the writes-only ceiling, ${((100 * httpRun.perSecond) / full.tps).toFixed(0)} % of the booking-SQL ceiling${request ? `, ${((100 * httpRun.perSecond) / request.tps).toFixed(0)} % of the whole-request-SQL ceiling` : ''}`);
    } else console.log('pgbench not found');

    if (process.env.ONLY_THROUGHPUT) {
      await client.end();
      return;
    }
    const r = await race(pivot, secretary, racer, patients, base.plus({ days: 1 }));
    const overlaps = await client.query(
      `SELECT count(*)::int AS n FROM appointments a JOIN appointments b
         ON a.practitioner_id = b.practitioner_id AND a.id < b.id AND tstzrange(a.starts_at, a.busy_until) && tstzrange(b.starts_at, b.busy_until)
       WHERE a.practitioner_id = $1 AND a.status IN ('booked','confirmed','arrived','in_consultation','done') AND b.status IN ('booked','confirmed','arrived','in_consultation','done')`,
      [racer],
    );
    const booked = (await client.query(`SELECT count(*)::int AS n FROM appointments WHERE practitioner_id = $1`, [racer])).rows[0].n;
    const audited = (await client.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'appointment.booked' AND details->>'practitionerId' = $1`, [racer])).rows[0].n;
    console.log(`race: ${RACE_CLIENTS} clients, ${ATTEMPTS} attempts in ${r.seconds.toFixed(1)} s (p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms):`, r.counts, `appointments ${booked}, audited ${audited}, overlaps ${overlaps.rows[0].n}`);

    // Free slots through HTTP: first 20 across 10 practitioners over 90 days, 50,000 existing appointments.
    const group: string[] = [];
    for (let i = 0; i < 10; i++) group.push(await practitioner(pivot, admin, `Dr Charge ${i + 1}`));
    await client.query(
      `INSERT INTO appointments (practice_id, practitioner_id, patient_id, starts_at, ends_at, busy_until, channel, updated_at)
       SELECT $1, p, $2, t, t + interval '10 minutes', t + interval '10 minutes', 'desk', now()
       FROM unnest($3::uuid[]) AS p,
            LATERAL (SELECT date_trunc('day', now()) + d * interval '1 day' + s * interval '10 minutes' AS t
                     FROM generate_series(1, 90) d, generate_series(0, 143) s WHERE random() < 0.39 AND p IS NOT NULL) x
       ON CONFLICT DO NOTHING`,
      [practiceId, patients[0], group],
    );
    const existing = (await client.query(`SELECT count(*)::int AS n FROM appointments WHERE practitioner_id = ANY($1)`, [group])).rows[0].n;
    const qs = `${group.map((g) => `practitionerId=${g}`).join('&')}&limit=20&to=${encodeURIComponent(new Date(Date.now() + 90 * 86_400_000).toISOString())}`;
    const lat: number[] = [];
    let found = 0;
    for (let i = 0; i < 220; i++) {
      const t0 = performance.now();
      const r = await api(pivot.url, secretary, 'GET', `/api/agenda/free-slots?${qs}`);
      if (i >= 20) lat.push(performance.now() - t0);
      found = r.json.slots.length;
    }
    console.log(`free slots over HTTP: first ${found} across ${group.length} practitioners, 90 days, ${existing} appointments: p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms (200 sequential requests)`);
    await client.end();
    if (overlaps.rows[0].n !== 0) process.exitCode = 1;
  } finally {
    await cleanup(dataDir, pivot);
  }
}

await main();
