import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Each capability owns its SQL in `src/server/<capability>/migrations/NNNN_name.sql`; names are globally ordered. */
export function listMigrations(root = serverDir): { name: string; file: string }[] {
  const found: { name: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.sql') && path.basename(dir) === 'migrations') found.push({ name: entry.name, file: full });
    }
  };
  walk(root);
  found.sort((a, b) => a.name.localeCompare(b.name));
  const names = new Set<string>();
  for (const m of found) {
    if (names.has(m.name)) throw new Error(`Two migrations are named ${m.name}`);
    names.add(m.name);
  }
  return found;
}

/**
 * Repeatable migrations: `src/server/<capability>/migrations/functions/<name>.sql` hold the current bodies of SQL
 * functions (`CREATE OR REPLACE`), so that a reader finds them in one file instead of replaying the numbered
 * migrations. Named `<capability>/<name>.sql`, applied after the numbered ones, again whenever the file changes.
 */
export function listRepeatableMigrations(root = serverDir): { name: string; file: string; checksum: string }[] {
  const found: { name: string; file: string; checksum: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.sql') && path.basename(dir) === 'functions' && path.basename(path.dirname(dir)) === 'migrations') {
        const capability = path.basename(path.dirname(path.dirname(dir)));
        found.push({ name: `${capability}/${entry.name}`, file: full, checksum: crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex') });
      }
    }
  };
  walk(root);
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Applies the plain-SQL migrations in name order, each in its own transaction, then the repeatable ones whose
 * checksum changed (each in its own transaction too). An advisory lock lets several app nodes start at once
 * against one PostgreSQL: only one migrates, the others wait.
 */
export async function migrate(pool: pg.Pool, root = serverDir): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  const inTransaction = async (name: string, sql: string, record: () => Promise<unknown>) => {
    await client.query('BEGIN');
    try {
      await client.query(sql);
      await record();
      await client.query('COMMIT');
      applied.push(name);
    } catch (err) {
      await client.query('ROLLBACK');
      throw new Error(`Migration ${name} failed: ${(err as Error).message}`);
    }
  };
  try {
    await client.query(`SELECT pg_advisory_lock(7491001)`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set((await client.query<{ name: string }>(`SELECT name FROM schema_migrations`)).rows.map((r) => r.name));
    for (const { name: file, file: fullPath } of listMigrations(root)) {
      if (done.has(file)) continue;
      await inTransaction(file, fs.readFileSync(fullPath, 'utf8'), () => client.query(`INSERT INTO schema_migrations (name) VALUES ($1)`, [file]));
    }
    // No column default: the schema's defaults follow the application's clock (0101), this table is the runner's.
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_repeatable_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL)`,
    );
    const checksums = new Map(
      (await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM schema_repeatable_migrations`)).rows.map((r) => [r.name, r.checksum]),
    );
    for (const r of listRepeatableMigrations(root)) {
      if (checksums.get(r.name) === r.checksum) continue;
      await inTransaction(r.name, fs.readFileSync(r.file, 'utf8'), () =>
        client.query(
          `INSERT INTO schema_repeatable_migrations (name, checksum, applied_at) VALUES ($1, $2, now())
           ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = EXCLUDED.applied_at`,
          [r.name, r.checksum],
        ),
      );
    }
  } finally {
    await client.query(`SELECT pg_advisory_unlock(7491001)`).catch(() => undefined);
    client.release();
  }
  return applied;
}
