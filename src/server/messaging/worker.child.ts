/**
 * A job worker as a separate process, for the crash tests (`crash.integration.test.ts`): it is killed with
 * SIGKILL mid-batch and restarted. Env: DATABASE_URL, SMTP_URL, WORKER_ID, LEASE_MS, BATCH.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { configurePgTypes } from '../platform/db/database.js';
import { pgClockOptions } from '../platform/clock.js';
import type { DB } from '../platform/db/schema.js';
import { SmsSimulator } from '../platform/sms/provider.js';
import { JobWorker } from '../jobs/index.js';
import { mailTransport } from './messaging.service.js';
import { sendJob } from './delivery.service.js';
import { SEND_JOB } from './outbox.service.js';

configurePgTypes();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4, options: pgClockOptions() });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
const mail = mailTransport(process.env.SMTP_URL);
const worker = new JobWorker(db, {
  workerId: process.env.WORKER_ID,
  leaseMs: Number(process.env.LEASE_MS ?? 2000),
  batchSize: Number(process.env.BATCH ?? 10),
  pollMs: 50,
  backoffBaseMs: 100,
  handlers: { [SEND_JOB]: sendJob({ db, mail, mailFrom: 'Pivot <no-reply@pivot.test>', sms: new SmsSimulator() }) },
  log: { error: (o, m) => console.error(m, o) },
});
worker.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker.stop().then(async () => {
    mail?.close();
    await db.destroy();
    process.exit(0);
  });
});
