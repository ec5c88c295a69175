import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { configurePgTypes, type Database } from '../src/server/platform/db/database.js';
import { pgClockOptions } from '../src/server/platform/clock.js';
import type { DB } from '../src/server/platform/db/schema.js';
import { loadConfig, type Config } from '../src/server/platform/config.js';
import { createLogger } from '../src/server/platform/logger.js';
import { composePivot, type Pivot } from '../src/server/compose.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { withDatabase } from './global-setup.js';
import { clock } from '../src/server/platform/clock.js';
import { ROLES } from '../src/server/platform/db/schema.js';
import { hashPassword } from '../src/server/auth/passwords.js';

configurePgTypes();

export const DEMO_PASSWORD = 'demo-pivot-test-2026';

/** A fresh database cloned from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<{ database: Database; url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `pivot_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Concurrent clones of one template collide ("source database is being accessed"): retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
      break;
    } catch (err) {
      if (attempt > 50 || (err as { code?: string }).code !== '55006') throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 10, options: pgClockOptions() });
  pool.on('error', () => undefined); // idle clients cut when the database is dropped
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const database: Database = { db, pool, kind: 'external', embedded: undefined, close: () => db.destroy() };
  return {
    database,
    url,
    async drop() {
      await db.destroy().catch(() => undefined);
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * An empty database (no template, no migration) and a scratch folder, for tests of the migration runner itself:
 * they build their own migrations folders in `dir` and migrate `pool` step by step. `drop()` removes both.
 */
export async function createEmptyDatabase(prefix: string): Promise<{ pool: pg.Pool; dir: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `pivot_${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, name), max: 2, options: pgClockOptions() });
  pool.on('error', () => undefined); // idle clients cut when the database is dropped
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pivot-${prefix}-`));
  return {
    pool,
    dir,
    async drop() {
      await pool.end().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestPivot extends Pivot {
  database: Database;
  config: Config;
  dataDir: string;
  login(email: string, extra?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** The whole app on a fresh database with the demo practices, driven through HTTP injection. */
export async function createTestPivot(env: Record<string, string> = {}, opts: { seed?: boolean } = {}): Promise<TestPivot> {
  const { database, drop } = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-test-data-'));
  const config = loadConfig({ PIVOT_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PIVOT_LOGIN_RATE_LIMIT: '1000', ...env });
  if (opts.seed !== false) await seedDemo(database.db, DEMO_PASSWORD);
  const pivot = await composePivot(config, database, createLogger(config.logLevel));
  await pivot.app.ready();
  return {
    ...pivot,
    database,
    config,
    dataDir,
    async login(email, extra = {}) {
      const res = await pivot.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD, ...extra } });
      if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
      return res.json().token as string;
    },
    async close() {
      await pivot.app.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * The app of one test file, with the named demo accounts signed in (in the order given): started before the file's
 * tests, closed after them. It replaces each file's own `let pivot` / `beforeAll` / `afterAll` lines:
 * `const t = useTestPivot({ admin: 'admin@demo.pivot' })`, then `t.pivot` and `bearer(t.admin)` in the tests.
 * A `beforeAll` declared after that line runs after it and finds `t` filled in.
 */
export function useTestPivot<K extends string>(
  logins: Record<K, string>,
  env: Record<string, string> = {},
  opts: { seed?: boolean } = {},
): { pivot: TestPivot } & Record<K, string> {
  const t = {} as { pivot: TestPivot } & Record<K, string>;
  const tokens = t as Record<K, string>;
  beforeAll(async () => {
    t.pivot = await createTestPivot(env, opts);
    for (const [name, email] of Object.entries(logins) as [K, string][]) tokens[name] = await t.pivot.login(email);
  }, 120_000);
  afterAll(async () => t.pivot?.close());
  return t;
}

/** Time zones of French practices (metropole and overseas), for tests that need « today » to have room. */
export const FRENCH_PRACTICE_ZONES = ['Europe/Paris', 'America/Martinique', 'Indian/Reunion', 'Pacific/Noumea'] as const;

/**
 * The first French practice zone in which the local day still has `before` minutes behind now and `after`
 * minutes ahead (tests placing appointments around « now » on one local day). At any instant one of them has
 * room for up to ~6 hours either side: tests no longer depend on the hour at which they run.
 */
export function zoneWithRoomToday(before: number, after: number, now = clock.now(), sameDateAs?: string): string {
  // With `sameDateAs`, a zone whose local date is that zone's comes first: the demo dates its past days in the
  // practice's own zone (Paris), so a test moved to a zone where today is still Paris's yesterday finds them as today's.
  const date = (zone: string) => DateTime.fromJSDate(now, { zone }).toISODate();
  const zones = sameDateAs ? [...FRENCH_PRACTICE_ZONES].sort((a, b) => Number(date(b) === date(sameDateAs)) - Number(date(a) === date(sameDateAs))) : FRENCH_PRACTICE_ZONES;
  for (const zone of zones) {
    const local = DateTime.fromJSDate(now, { zone });
    if (local.diff(local.startOf('day'), 'minutes').minutes > before && local.endOf('day').diff(local, 'minutes').minutes > after) return zone;
  }
  throw new Error(`no French practice zone has ${before} min before and ${after} min after now`);
}

/** An account holding every role in one practice (the route-table walks call every route with it), signed in. */
export async function loginWithEveryRole(pivot: TestPivot, email: string, practiceId: string): Promise<{ token: string; accountId: string }> {
  const db = pivot.database.db;
  const account = await db
    .insertInto('accounts')
    .values({ email, display_name: email.split('@')[0]!, password_hash: await hashPassword(DEMO_PASSWORD), default_practice_id: practiceId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('memberships').values({ practice_id: practiceId, account_id: account.id, roles: [...ROLES] }).execute();
  return { token: await pivot.login(email), accountId: account.id };
}

/**
 * The desk's cast in the demo, signed in: the secretary of the Tilleuls (accueil@), Dr Martin (medecin@), Dr Lefèvre
 * (medecin2@), the administrator of another practice (moreau@); the Tilleuls' id, Dr Martin's and the secretary's
 * account ids, a patient of the Tilleuls and one of another practice (for the isolation checks).
 */
export async function signInDeskCast(pivot: TestPivot) {
  const db = pivot.database.db;
  const accountId = async (email: string) => (await db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const practiceA = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  return {
    desk: await pivot.login('accueil@demo.pivot'),
    martinToken: await pivot.login('medecin@demo.pivot'),
    lefevreToken: await pivot.login('medecin2@demo.pivot'),
    moreau: await pivot.login('moreau@demo.pivot'),
    practiceA,
    martin: await accountId('medecin@demo.pivot'),
    deskId: await accountId('accueil@demo.pivot'),
    patientA: (await db.selectFrom('patients').select('id').where('practice_id', '=', practiceA).limit(1).executeTakeFirstOrThrow()).id,
    patientB: (await db.selectFrom('patients').select('id').where('practice_id', '!=', practiceA).limit(1).executeTakeFirstOrThrow()).id,
  };
}
