import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../../../tests/helpers.js';
import { listMigrations, listRepeatableMigrations, migrate } from './migrate.js';

/**
 * Repeatable migrations (`<capability>/migrations/functions/*.sql`): applied after the numbered ones, again only
 * when the file changes. The booking functions' file holds exactly what the numbered migrations left.
 */
let pool: pg.Pool;
let dir: string;
let drop: () => Promise<void>;
const BOOKING_FUNCTIONS = [
  'agenda_appointment_jobs', 'agenda_book_optimistic', 'agenda_booking_context', 'agenda_enqueue_reminders',
  'agenda_insert_appointment', 'agenda_notify_change', 'agenda_slot_freed',
];

const definitions = async (names: string[]) =>
  (await pool.query<{ name: string; def: string }>(
    `SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND p.proname = ANY($1) ORDER BY 1`,
    [names],
  )).rows;

/** A folder `<root>/<capability>/migrations/functions/<file>` holding `sql`. */
function repeatable(root: string, capability: string, file: string, sql: string): void {
  fs.mkdirSync(path.join(root, capability, 'migrations', 'functions'), { recursive: true });
  fs.writeFileSync(path.join(root, capability, 'migrations', 'functions', file), sql);
}

beforeAll(async () => {
  ({ pool, dir, drop } = await createEmptyDatabase('rep'));
}, 120_000);

afterAll(async () => {
  await drop?.();
});

describe('repeatable migrations', () => {
  it('the booking functions file leaves every definition as the numbered migrations wrote it', async () => {
    expect(listRepeatableMigrations().map((r) => r.name)).toContain('agenda/booking.sql');
    const numbered = path.join(dir, 'numbered', 'migrations');
    fs.mkdirSync(numbered, { recursive: true });
    for (const m of listMigrations()) fs.copyFileSync(m.file, path.join(numbered, m.name));
    await migrate(pool, path.dirname(numbered));
    const before = await definitions(BOOKING_FUNCTIONS);
    expect(before.map((d) => d.name)).toEqual(BOOKING_FUNCTIONS);

    const applied = await migrate(pool);
    expect(applied).toEqual(listRepeatableMigrations().map((r) => r.name)); // numbered ones already done
    expect(await definitions(BOOKING_FUNCTIONS)).toEqual(before);
    expect(await migrate(pool), 'unchanged files are not re-applied').toEqual([]);
  }, 120_000);

  it('re-applies a file when its checksum changes, not otherwise, and keeps the old one when it fails', async () => {
    const root = path.join(dir, 'probe');
    const probe = (body: string) => `CREATE OR REPLACE FUNCTION repeatable_probe() RETURNS int LANGUAGE sql AS $$ ${body} $$;`;
    repeatable(root, 'probecap', 'probe.sql', probe('SELECT 1'));
    expect(await migrate(pool, root)).toEqual(['probecap/probe.sql']);
    expect(await migrate(pool, root)).toEqual([]);
    expect((await pool.query('SELECT repeatable_probe() AS v')).rows[0].v).toBe(1);

    repeatable(root, 'probecap', 'probe.sql', probe('SELECT 2'));
    expect(await migrate(pool, root)).toEqual(['probecap/probe.sql']);
    expect((await pool.query('SELECT repeatable_probe() AS v')).rows[0].v).toBe(2);

    repeatable(root, 'probecap', 'probe.sql', `${probe('SELECT 3')}\nSELECT no_such_column FROM pg_class;`);
    await expect(migrate(pool, root)).rejects.toThrow(/probecap\/probe\.sql failed/);
    expect((await pool.query('SELECT repeatable_probe() AS v')).rows[0].v, 'rolled back as a whole').toBe(2);
    const { rows } = await pool.query(`SELECT checksum FROM schema_repeatable_migrations WHERE name = 'probecap/probe.sql'`);
    expect(rows[0].checksum).toBe(crypto.createHash('sha256').update(probe('SELECT 2')).digest('hex'));
  });
});
