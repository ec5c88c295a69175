import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../main.js';
import { createTestDatabase } from '../../../tests/helpers.js';

/** The `pivot` command as an operator runs it, against an external PostgreSQL (DATABASE_URL). */
let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-cli-'));
});
afterAll(async () => {
  await testDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function pivot(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'pivot.mjs'), ...args], {
    env: { ...process.env, DATABASE_URL: testDb.url, PIVOT_DATA_DIR: dataDir, PIVOT_SECRET_KEY: 'cli-test-secret', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

describe('npx pivot', () => {
  it('prints its help in French', () => {
    const r = pivot(['help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('audit verify');
    expect(pivot(['nonsense']).code).toBe(2);
  });

  it('start refuses a simulated clock (PIVOT_NOW) outside demos and tests, and a date that is not one, in one line', () => {
    const production = { NODE_ENV: 'production', PIVOT_WEB_BUILD: '0', PORT: '0' };
    const external = pivot(['start'], { ...production, PIVOT_NOW: '2028-02-29T23:50' });
    expect(external.code).toBe(1);
    expect(external.out).toContain('Pivot ne démarre pas : PIVOT_NOW simule l’horloge');
    expect(external.out).not.toMatch(/\n\s+at /); // no stack trace
    const realPractice = pivot(['start'], { ...production, DATABASE_URL: '', PIVOT_DEMO: '0', PIVOT_NOW: '2028-02-29T23:50' });
    expect(realPractice.code).toBe(1);
    expect(realPractice.out).toContain('PIVOT_DEMO=0');
    const notADate = pivot(['start'], { ...production, PIVOT_NOW: 'hier' });
    expect(notADate.code).toBe(1);
    expect(notADate.out).toContain('PIVOT_NOW doit être une date et heure ISO 8601');
  });

  it('demo reset wipes a demonstration database, and refuses one that holds a real practice', async () => {
    const demoOnly = await createTestDatabase();
    try {
      const checkpoints = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-cp-'));
      fs.writeFileSync(path.join(checkpoints, 'checkpoint.json'), '{}');
      const r = pivot(['demo', 'reset'], { DATABASE_URL: demoOnly.url, PIVOT_AUDIT_CHECKPOINT_DIR: checkpoints });
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain('Démonstration réinitialisée');
      const tables = await sql<{ n: string }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`.execute(demoOnly.database.db);
      expect(Number(tables.rows[0]!.n)).toBe(0);
      expect(fs.existsSync(checkpoints)).toBe(false);
    } finally {
      await demoOnly.drop();
    }
    // The shared test database gets a real practice below (init); a practice of its own is enough here.
    await testDb.database.db.insertInto('practices').values({ name: 'Cabinet réel', slug: 'cabinet-reel-du-test' } as never).execute();
    const refused = pivot(['demo', 'reset']);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('Refusé');
    expect(await testDb.database.db.selectFrom('practices').select('id').where('slug', '=', 'cabinet-reel-du-test').executeTakeFirst()).toBeTruthy();
  });

  it('init creates a practice and its first admin, with a one-time link to choose the password', async () => {
    const r = pivot(['init', '--practice', 'Cabinet du Dr Durand', '--email', 'Anne.Durand@cabinet.fr', '--name', 'Dr Anne Durand']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/reset-password\?token=[\w-]+&invite=1/);
    const row = await testDb.database.db
      .selectFrom('memberships as m')
      .innerJoin('practices as p', 'p.id', 'm.practice_id')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select(['p.slug', 'a.email', 'm.roles', 'a.password_hash'])
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ slug: 'cabinet-du-dr-durand', email: 'anne.durand@cabinet.fr', roles: ['admin'], password_hash: null });
    const again = pivot(['init', '--practice', 'Cabinet du Dr Durand', '--email', 'x@y.fr', '--name', 'X']);
    expect(again.code).toBe(1);
    expect(again.out).toContain('--slug');
    expect(pivot(['init', '--practice', 'P', '--email', 'a@b.fr', '--name', 'N'], { PIVOT_ADMIN_PASSWORD: 'court' }).code).toBe(2);
  });

  it('audit verify passes on an intact log and names the first tampered entry', async () => {
    const ok = pivot(['audit', 'verify']);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/intact : \d+ entrées/);
    expect(ok.out).not.toMatch(/\d{4}-\d{2}-\d{2}T\d/); // instants as people read them, not ISO
    const db = testDb.database.db;
    const first = await db.selectFrom('audit_log').select('id').orderBy('id').executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
    await sql`UPDATE audit_log SET ip = '10.0.0.66' WHERE id = ${first.id}::bigint`.execute(db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
    const bad = pivot(['audit', 'verify']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`n° ${first.id}`);
  });

  it('audit verify reports the last entries removed, against the checkpoint in the data folder; without the key it checks nothing', async () => {
    expect(fs.existsSync(path.join(dataDir, 'audit-checkpoints', 'head.json'))).toBe(true);
    const db = testDb.database.db;
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
    await sql`DELETE FROM audit_log WHERE chain_seq = (SELECT max(chain_seq) FROM audit_log)`.execute(db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
    const truncated = pivot(['audit', 'verify']);
    expect(truncated.code).toBe(1);
    expect(truncated.out).toMatch(/Journal tronqué : le point de contrôle du \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}:\d{2} \(UTC[+-]\d+\) comptait \d+ entrées scellées, la base n’en a plus que \d+/);
    const noKey = pivot(['audit', 'verify'], { PIVOT_SECRET_KEY: '', PIVOT_DATA_DIR: path.join(dataDir, 'elsewhere') });
    expect(noKey.code).toBe(2);
    expect(noKey.out).toContain('Clé secrète introuvable');
  });
});
