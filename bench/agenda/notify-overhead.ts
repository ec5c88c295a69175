/**
 * Cost of the live-agenda NOTIFY trigger (migration 0021) on the raw write ceiling: pgbench runs the booking's
 * writes (the same script as bench/agenda/booking.ts, 8 clients, 5 s) on one embedded PostgreSQL with the trigger
 * enabled (one LISTENing client draining the queue) and disabled, alternated 3 times.
 * Run: npx tsx bench/agenda/notify-overhead.ts   (needs /usr/bin/pgbench: apt-get install postgresql-client)
 */
import '../../src/server/platform/db/database.js'; // DATE as 'YYYY-MM-DD' strings
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { seedDemo } from '../../src/server/demo/seed.js';
import { EmbeddedDatabase } from '../../src/server/platform/db/embedded.js';
import { migrate } from '../../src/server/platform/db/migrate.js';
import type { DB } from '../../src/server/platform/db/schema.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-bench-'));
const db = new EmbeddedDatabase(dataDir, { info() {}, warn() {}, error: console.error } as never);
await db.start();
const pool = new pg.Pool({ connectionString: db.connectionString, max: 2 });
pool.on('error', () => undefined);
try {
  await migrate(pool);
  const kdb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: db.connectionString, max: 4 }) }) });
  await seedDemo(kdb, 'bench-password-123');
  await kdb.destroy();
  const practice = (await pool.query(`SELECT id FROM practices WHERE slug = 'maison-de-sante-des-tilleuls'`)).rows[0].id as string;
  const practitioners: string[] = [];
  for (let i = 0; i < 8; i++) {
    practitioners.push((await pool.query(`INSERT INTO practitioners (practice_id, display_name, updated_at) VALUES ($1, $2, now()) RETURNING id`, [practice, `Bench ${i}`])).rows[0].id);
  }
  const patient = (await pool.query(`SELECT id FROM patients WHERE practice_id = $1 LIMIT 1`, [practice])).rows[0].id as string;
  const script = path.join(dataDir, 'booking.sql');
  fs.writeFileSync(script, `\\set k random(1, 100000000)
BEGIN;
WITH a AS (
  INSERT INTO appointments (practice_id, practitioner_id, patient_id, starts_at, ends_at, busy_until, channel, updated_at)
    SELECT '${practice}', (ARRAY['${practitioners.join("','")}']::uuid[])[:client_id % 8 + 1], '${patient}',
           t, t + interval '15 minutes', t + interval '15 minutes', 'desk', now()
    FROM (SELECT timestamptz '2031-01-01 00:00+00' + :k * interval '15 minutes' AS t) s
    ON CONFLICT DO NOTHING
    RETURNING practice_id, id)
INSERT INTO appointment_events (practice_id, appointment_id, channel, kind, to_status)
  SELECT practice_id, id, 'desk', 'created', 'booked' FROM a;
COMMIT;
`);
  const url = new URL(db.connectionString);
  const listener = new pg.Client({ connectionString: db.connectionString });
  listener.on('error', () => undefined);
  await listener.connect();
  await listener.query('LISTEN pivot_agenda');
  let received = 0;
  listener.on('notification', () => received++);
  for (const round of [1, 2, 3]) {
    for (const on of [true, false]) {
      await pool.query(`ALTER TABLE appointments ${on ? 'ENABLE' : 'DISABLE'} TRIGGER appointments_notify`);
      const out = execFileSync('/usr/bin/pgbench', ['-n', '-c', '8', '-j', '2', '-T', '5', '-f', script, '-h', url.hostname, '-p', url.port, '-U', url.username, url.pathname.slice(1)], {
        env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
        encoding: 'utf8',
      });
      console.log(`round ${round}, trigger ${on ? 'on ' : 'off'}: ${Number(/tps = ([\d.]+)/.exec(out)?.[1]).toFixed(0)} tx/s, latency ${/latency average = ([\d.]+ ms)/.exec(out)?.[1]}`);
    }
  }
  console.log(`notifications received by the listener: ${received}`);
  await listener.end();
} finally {
  await pool.end();
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
