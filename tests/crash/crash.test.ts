import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { burst, createPatient, summarize } from './burst.js';
import {
  cleanup,
  freePort,
  isAlive,
  login,
  makeDataDir,
  postmaster,
  runCli,
  sleep,
  spawnPivot,
  type PivotProcess,
} from './pivot-process.js';
import { clock } from '../../src/server/platform/clock.js';

/**
 * "Nothing lost": Pivot runs as a real child process (`node bin/pivot.mjs start`) on a temporary data
 * folder with its embedded PostgreSQL. We kill -9 the Pivot process, then the PostgreSQL server, in
 * the middle of bursts of audited writes, and check that every write acknowledged with a 201 is
 * still there, that failures during the outage are clean 503s, and that the audit chain verifies.
 *
 * The tests share one data folder and run in order.
 */

const dataDir = makeDataDir('pivot-crash-');
let current: PivotProcess | undefined;
const spawned: PivotProcess[] = [];

async function startPivot(): Promise<PivotProcess> {
  const p = spawnPivot(dataDir, await freePort());
  spawned.push(p);
  await p.ready;
  return p;
}

/** Each test starts from a running Pivot, whatever the previous test left. */
async function ensureRunning(): Promise<PivotProcess> {
  if (current && current.child.exitCode === null && current.child.signalCode === null) return current;
  current = await startPivot();
  return current;
}

/** SIGTERM (what systemd, Docker and Ctrl-C send): Pivot must stop PostgreSQL and release the lock before exiting 0. */
async function stopCleanly(p: PivotProcess): Promise<void> {
  const pm = postmaster(dataDir);
  await p.stop();
  const { code, signal } = await p.exited;
  expect({ code, signal }, p.output().slice(-2000)).toEqual({ code: 0, signal: null });
  if (pm) expect(isAlive(pm.pid)).toBe(false);
  expect(postmaster(dataDir)).toBeUndefined(); // a clean PostgreSQL shutdown removes postmaster.pid
  expect(fs.existsSync(path.join(dataDir, 'pivot.lock'))).toBe(false);
}

/** Direct connection to the embedded cluster of the data folder (Pivot must be running). */
async function withPg<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const pm = postmaster(dataDir);
  if (!pm) throw new Error('no postmaster.pid');
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const client = new pg.Client({ host: '127.0.0.1', port: pm.port, user: 'postgres', password, database: 'pivot' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Which of `ids` are missing from the patients table, and which have no `patient.created` audit entry. */
async function missing(ids: string[]): Promise<{ patients: string[]; audit: string[] }> {
  return withPg(async (c) => {
    const found = await c.query<{ id: string }>('SELECT id::text FROM patients WHERE id = ANY($1::uuid[])', [ids]);
    const audited = await c.query<{ id: string }>(
      `SELECT DISTINCT resource_id AS id FROM audit_log WHERE action = 'patient.created' AND resource_id = ANY($1::text[])`,
      [ids],
    );
    const have = new Set(found.rows.map((r) => r.id));
    const hasAudit = new Set(audited.rows.map((r) => r.id));
    return { patients: ids.filter((id) => !have.has(id)), audit: ids.filter((id) => !hasAudit.has(id)) };
  });
}

/** Patients of the bursts without their audit entry: an audited write must commit with its audit entry or not at all. */
async function unauditedCrashPatients(): Promise<number> {
  return withPg(async (c) => {
    const { rows } = await c.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM patients p
        WHERE p.birth_name LIKE 'CRASH%'
          AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'patient.created' AND a.resource_id = p.id::text)`,
    );
    return Number(rows[0]!.n);
  });
}

async function waitHealthy(url: string, timeoutMs: number): Promise<number> {
  const started = clock.nowMs();
  while (clock.nowMs() - started < timeoutMs) {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
    if (res?.status === 200) return clock.nowMs() - started;
    await sleep(100);
  }
  throw new Error(`not healthy after ${timeoutMs} ms`);
}

async function auditVerify(): Promise<void> {
  const { code, output } = await runCli(dataDir, ['audit', 'verify'], 90_000);
  expect(output, output).toMatch(/Journal d'audit intact/);
  expect(code, output).toBe(0);
}

describe('crash safety (real processes, embedded PostgreSQL)', () => {
  beforeAll(async () => {
    current = await startPivot(); // first start: initdb, migrations, demo data
  }, 120_000);

  afterAll(async () => {
    await cleanup(dataDir, ...spawned);
  }, 60_000);

  it('kill -9 of the Pivot process mid-burst loses no acknowledged write; restart copes with the orphaned PostgreSQL and the stale lock', async () => {
    const p = await ensureRunning();
    const token = await login(p.url);
    const pmBefore = postmaster(dataDir)!;
    let killedAt = 0;
    const killer = sleep(1500).then(() => {
      killedAt = clock.nowMs();
      p.kill9();
    });
    const { outcomes, acknowledged } = await burst(p.url, token, { clients: 8, durationMs: 3000 });
    await killer;
    await p.exited;
    console.log('burst around kill -9 of Pivot:', summarize(outcomes));

    expect(acknowledged.length).toBeGreaterThan(10);
    expect(outcomes.some((o) => o.at > killedAt && o.status === null)).toBe(true); // the server was really gone
    // A 201 is only ever an acknowledgement of a committed write; nothing else than 201 or a dead connection.
    expect(outcomes.filter((o) => o.status !== null && o.status !== 201)).toEqual([]);
    // kill -9 does not reach the PostgreSQL child (own process group): it is left running, holding the cluster.
    expect(isAlive(pmBefore.pid)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'pivot.lock'))).toBe(true);

    current = await startPivot();
    expect(isAlive(pmBefore.pid)).toBe(false);
    expect(postmaster(dataDir)!.pid).not.toBe(pmBefore.pid);
    expect(fs.readFileSync(path.join(dataDir, 'pivot.lock'), 'utf8')).toBe(String(current.pid));

    expect(await missing(acknowledged)).toEqual({ patients: [], audit: [] });
    expect(await unauditedCrashPatients()).toBe(0);
    // Through the API too (an audited read), for a sample.
    const token2 = await login(current.url);
    for (const id of [...acknowledged.slice(0, 3), ...acknowledged.slice(-3)]) {
      const res = await fetch(`${current.url}/api/patients/${id}`, { headers: { authorization: `Bearer ${token2}` }, signal: AbortSignal.timeout(10_000) });
      expect(res.status).toBe(200);
    }

    await stopCleanly(current);
    await auditVerify();
  }, 240_000);

  it('kill -9 of the embedded PostgreSQL mid-burst: clean 503s, automatic restart, no acknowledged write lost', async () => {
    const p = await ensureRunning();
    const token = await login(p.url);
    const pmBefore = postmaster(dataDir)!;
    let killedAt = 0;
    const killer = sleep(1000).then(() => {
      killedAt = clock.nowMs();
      process.kill(pmBefore.pid, 'SIGKILL');
    });
    // 9 s of writes, the kill after 1 s: PostgreSQL must be back within the burst. Measured 4 s on an idle 2-core
    // machine (orphaned backends to reap, then WAL recovery) and over 4 s while the suite's other runs share it.
    const { outcomes, acknowledged } = await burst(p.url, token, { clients: 8, durationMs: 9000, timeoutMs: 15_000 });
    await killer;
    // Pivot itself must survive the loss of its database (an unhandled pg client 'error' event would kill it).
    expect({ exitCode: p.child.exitCode, signal: p.child.signalCode }, p.output().slice(-3000)).toEqual({ exitCode: null, signal: null });
    const recoveryMs = await waitHealthy(p.url, 30_000);
    console.log('burst around kill -9 of PostgreSQL:', summarize(outcomes), `healthy again ${recoveryMs} ms after the burst`);

    // Pivot itself survived; PostgreSQL was restarted by its supervisor.
    expect(isAlive(p.pid)).toBe(true);
    const pmAfter = postmaster(dataDir)!;
    expect(pmAfter.pid).not.toBe(pmBefore.pid);
    expect(isAlive(pmAfter.pid)).toBe(true);

    // Never a hang nor a dropped connection: every request got an HTTP answer.
    expect(outcomes.filter((o) => o.status === null)).toEqual([]);
    const failures = outcomes.filter((o) => o.status !== 201);
    expect(failures.length).toBeGreaterThan(0); // the outage was observed
    expect(failures.every((o) => o.at + o.ms >= killedAt)).toBe(true); // none before the kill
    // Failures are the documented JSON error: 503 database_unavailable.
    expect(failures.filter((o) => o.status !== 503 || o.code !== 'database_unavailable')).toEqual([]);
    // Writes succeed again within the burst (PostgreSQL back in < 8 s).
    expect(outcomes.some((o) => o.status === 201 && o.at > killedAt)).toBe(true);

    expect(await missing(acknowledged)).toEqual({ patients: [], audit: [] });
    expect(await unauditedCrashPatients()).toBe(0);

    const after = await createPatient(p.url, token, 999_999);
    expect(after.status).toBe(201);
    expect(await missing([after.id!])).toEqual({ patients: [], audit: [] });
  }, 120_000);

  it('a second Pivot on the same data folder refuses to start, with a clear French message, and leaves the first alone', async () => {
    const first = await ensureRunning();
    const pm = postmaster(dataDir)!;
    const second = spawnPivot(dataDir, await freePort());
    spawned.push(second);
    const result = await Promise.race([second.exited, sleep(60_000).then(() => 'timeout' as const)]);
    expect(result).not.toBe('timeout');
    expect((result as { code: number | null }).code).not.toBe(0);
    expect(second.output()).toMatch(/Le dossier de données .* est déjà utilisé par un autre processus Pivot \(pid \d+\)\. Arrêtez-le d'abord\./);
    expect(second.output()).toContain(`pid ${first.pid}`);

    expect(isAlive(first.pid)).toBe(true);
    expect(postmaster(dataDir)!.pid).toBe(pm.pid);
    expect(fs.readFileSync(path.join(dataDir, 'pivot.lock'), 'utf8')).toBe(String(first.pid));
    await waitHealthy(first.url, 5000);
  }, 90_000);

  it('SIGTERM after the crashes stops everything cleanly, and the audit chain verifies', async () => {
    await stopCleanly(await ensureRunning());
    await auditVerify();
  }, 120_000);
});
