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
 * Applies the plain-SQL migrations in name order, each in its own transaction. An advisory lock
 * lets several app nodes start at once against one PostgreSQL: only one migrates, the others wait.
 */
export async function migrate(pool: pg.Pool, root = serverDir): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query(`SELECT pg_advisory_lock(7491001)`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set((await client.query<{ name: string }>(`SELECT name FROM schema_migrations`)).rows.map((r) => r.name));
    for (const { name: file, file: fullPath } of listMigrations(root)) {
      if (done.has(file)) continue;
      const sql = fs.readFileSync(fullPath, 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query(`INSERT INTO schema_migrations (name) VALUES ($1)`, [file]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(err as Error).message}`);
      }
    }
  } finally {
    await client.query(`SELECT pg_advisory_unlock(7491001)`).catch(() => undefined);
    client.release();
  }
  return applied;
}
