import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/helpers.js';
import { clock, setClockForTests } from './clock.js';

/**
 * One clock: a simulated PIVOT_NOW must move TypeScript and SQL together. Proven on the migrated schema (no
 * default or function reads PostgreSQL's own clock) and on the source (no module reads the system clock).
 */
const serverDir = path.resolve(import.meta.dirname, '..');
const webDir = path.resolve(serverDir, '..', 'web');
const SYSTEM_CLOCK_SQL = /(?<![\w.])(now\(\)|current_timestamp|clock_timestamp\(\)|localtimestamp|current_date)/i;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('one clock', () => {
  afterAll(() => setClockForTests(undefined));

  it('no column default and no function of the schema reads PostgreSQL’s clock directly', async () => {
    const { database, drop } = await createTestDatabase();
    try {
      const defaults = await sql<{ col: string; def: string }>`
        SELECT c.relname || '.' || a.attname AS col, pg_get_expr(d.adbin, d.adrelid) AS def
        FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
        WHERE n.nspname = 'public' AND c.relname <> 'schema_migrations'`.execute(database.db);
      const timeDefaults = defaults.rows.filter((r) => /pivot_now|pivot_clock_timestamp/.test(r.def));
      expect(timeDefaults.length, 'created_at, updated_at… follow the clock').toBeGreaterThan(20);
      expect(defaults.rows.filter((r) => SYSTEM_CLOCK_SQL.test(r.def.replace(/pivot_now\(\)|pivot_clock_timestamp\(\)/g, '')))).toEqual([]);
      const functions = await sql<{ name: string; src: string }>`
        SELECT p.proname AS name, p.prosrc AS src FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proname NOT IN ('pivot_now', 'pivot_clock_timestamp', 'pivot_clock_offset')
          AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = p.oid AND dep.deptype = 'e')`.execute(database.db);
      const offenders = functions.rows.filter((f) => SYSTEM_CLOCK_SQL.test(f.src.replace(/pivot_now\(\)|pivot_clock_timestamp\(\)/g, ''))).map((f) => f.name);
      expect(offenders).toEqual([]);
      const views = await sql<{ name: string }>`SELECT viewname AS name FROM pg_views WHERE schemaname = 'public' AND definition ~* '(now\\(\\)|current_timestamp)'`.execute(database.db);
      expect(views.rows).toEqual([]);
    } finally {
      await drop();
    }
  });

  it('no server or web module reads the system clock or SQL’s now() except through the clock', () => {
    const offenders: string[] = [];
    for (const file of [...sourceFiles(serverDir), ...sourceFiles(webDir)]) {
      if (file.endsWith(path.join('platform', 'clock.ts')) || file.endsWith(path.join('web', 'clock.ts'))) continue;
      fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        // A reading of real time on purpose (TOTP: the phone's authenticator runs on real time) says so.
        if (/system clock:/.test(line)) return;
        const code = line.replace(/\/\/.*$/, '');
        if (/(?<![\w.])(Date\.now\(\)|new Date\(\)|DateTime\.(now|local)\(\))/.test(code)) offenders.push(`${path.relative(serverDir, file)}:${i + 1}: ${line.trim()}`);
        if (/(?<![\w.])now\(\)/.test(code) && !file.endsWith('migrate.ts')) offenders.push(`${path.relative(serverDir, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('a simulated clock moves SQL with it: pivot_now(), column defaults and TypeScript agree', async () => {
    const target = new Date('2028-02-29T22:50:00Z'); // 23:50 in Paris, the last minutes of a 29 February
    setClockForTests(target);
    const { database, drop } = await createTestDatabase(); // pools opened after the clock is set carry its offset
    try {
      const { rows } = await sql<{ sim: Date; real: Date }>`SELECT pivot_now() AS sim, now() AS real`.execute(database.db);
      expect(Math.abs(rows[0]!.sim.getTime() - clock.nowMs())).toBeLessThan(5_000);
      expect(Math.abs(rows[0]!.real.getTime() - Date.now())).toBeLessThan(5_000);
      const practice = await database.db.insertInto('practices').values({ name: 'Cabinet du 29 février', slug: 'cabinet-29-fevrier' }).returning('created_at').executeTakeFirstOrThrow();
      expect(Math.abs(new Date(practice.created_at).getTime() - target.getTime())).toBeLessThan(60_000);
      const paris = await sql<{ day: string }>`SELECT to_char(pivot_now() AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS day`.execute(database.db);
      expect(paris.rows[0]!.day).toBe('2028-02-29');
    } finally {
      setClockForTests(undefined);
      await drop();
    }
  });
});
