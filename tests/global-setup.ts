import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { EmbeddedDatabase } from '../src/server/platform/db/embedded.js';
import { migrate } from '../src/server/platform/db/migrate.js';

/**
 * One PostgreSQL server per test run: the embedded one (always), or the external server of
 * PIVOT_TEST_DATABASE_URL when PIVOT_TEST_TARGET=external. A migrated template database is
 * built once; each test file clones it (CREATE DATABASE … TEMPLATE), which takes ~50 ms.
 */
export default async function setup(project: TestProject) {
  const target = process.env.PIVOT_TEST_TARGET === 'external' ? 'external' : 'embedded';
  let embedded: EmbeddedDatabase | undefined;
  let adminUrl: string;
  let dataDir: string | undefined;
  if (target === 'external') {
    const url = process.env.PIVOT_TEST_DATABASE_URL;
    if (!url) throw new Error('PIVOT_TEST_TARGET=external needs PIVOT_TEST_DATABASE_URL');
    adminUrl = url;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-test-pg-'));
    // Not durable: a throwaway cluster needs no fsync, and the suites run several at once (multi-date run).
    embedded = new EmbeddedDatabase(dataDir, { info() {}, warn() {}, error: console.error } as never, false);
    await embedded.start();
    adminUrl = embedded.connectionString.replace(/\/pivot$/, '/postgres');
  }
  const template = `pivot_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 2 });
  await migrate(pool);
  await pool.end();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgTarget', target);

  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `pivot_test_${process.pid}_%`],
    );
    for (const r of rows) await cleanup.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await cleanup.end();
    await embedded?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgTarget: 'embedded' | 'external';
  }
}
