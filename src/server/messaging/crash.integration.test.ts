import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/helpers.js';
import type { Database } from '../platform/db/database.js';
import { enqueue } from '../jobs/index.js';
import { clock } from '../platform/clock.js';

/**
 * The queue survives kill -9: a worker PROCESS sending 200 mails to a real SMTP server on loopback is killed
 * mid-batch and restarted; every job ends `done` and every mail is received exactly once (by Message-ID).
 */
const childFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.child.ts');
let database: Database;
let url: string;
let drop: () => Promise<void>;
let practiceId: string;
let smtp: SMTPServer;
let smtpPort = 0;
const received = new Map<string, number>(); // Message-ID → copies accepted
let onMessage: ((n: number, ack: () => void, refuse: () => void) => void) | undefined;
let accepted = 0;

function startWorker(id: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', childFile], {
    env: { ...process.env, DATABASE_URL: url, SMTP_URL: `smtp://127.0.0.1:${smtpPort}?pool=true`, WORKER_ID: id, LEASE_MS: '1500', BATCH: '10' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${id}] ${d}`));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker ${id} exited early (${code})`)));
  });
}

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

async function waitFor(cond: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const until = clock.nowMs() + ms;
  while (!(await cond())) {
    if (clock.nowMs() > until) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function enqueueMails(n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await enqueue(database.db, {
      kind: 'messaging.send',
      practiceId,
      dedupeKey: `job:${tag}:${i}`,
      payload: { practiceId, key: `msg:${tag}:${i}`, kind: 'test', channel: 'email', to: `patient${i}@example.org`, subject: `Test ${tag} ${i}`, text: `Message ${i}` },
    });
  }
}

const statusCounts = async (tag: string) =>
  Object.fromEntries(
    (await database.db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('dedupe_key', 'like', `job:${tag}:%`).groupBy('status').execute()).map((r) => [r.status, Number(r.n)]),
  );

beforeAll(async () => {
  ({ database, url, drop } = await createTestDatabase());
  practiceId = (await database.db.insertInto('practices').values({ name: 'Cabinet test', slug: 'cabinet-test-jobs' }).returning('id').executeTakeFirstOrThrow()).id;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    name: 'localhost',
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        const id = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? 'none';
        const ack = () => {
          received.set(id, (received.get(id) ?? 0) + 1);
          accepted++;
          callback();
        };
        const refuse = () => callback(new Error('connection lost'));
        if (onMessage) onMessage(accepted + 1, ack, refuse);
        else ack();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as { port: number }).port;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await drop();
});

describe('messaging.send under crashes', () => {
  it('kill -9 of the worker process mid-batch (twice, while mails are in flight): every job done, every mail received exactly once', async () => {
    await enqueueMails(200, 'crash');
    const kills: number[] = [];
    let current: ChildProcess | undefined;
    // The SMTP server kills the worker when message #70 and #140 are being transmitted (before the 250 answer).
    onMessage = (n, ack, refuse) => {
      if ((n === 70 || n === 140) && current && !kills.includes(n)) {
        kills.push(n);
        const victim = current;
        victim.kill('SIGKILL');
        void exited(victim).then(refuse);
        return;
      }
      ack();
    };
    current = await startWorker('w1');
    await waitFor(() => kills.length === 1);
    await exited(current);
    expect((await statusCounts('crash')).done ?? 0).toBeLessThan(200);
    current = await startWorker('w2');
    await waitFor(() => kills.length === 2);
    await exited(current);
    onMessage = undefined;
    // Two workers at once finish the queue (jobs of the dead ones come back when their 1.5 s lease expires).
    const finishers = await Promise.all([startWorker('w3'), startWorker('w4')]);
    await waitFor(async () => ((await statusCounts('crash')).done ?? 0) === 200);
    for (const f of finishers) f.kill('SIGTERM');
    await Promise.all(finishers.map(exited));

    expect(await statusCounts('crash')).toEqual({ done: 200 });
    const rows = await database.db.selectFrom('outgoing_messages').select(['message_id', 'status', 'attempts']).where('dedupe_key', 'like', 'msg:crash:%').execute();
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    for (const r of rows) expect(received.get(r.message_id ?? ''), r.message_id ?? '').toBe(1);
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThanOrEqual(2); // the two interrupted sends were retried
    const retried = await database.db.selectFrom('jobs').select('attempts').where('dedupe_key', 'like', 'job:crash:%').where('attempts', '>', 1).execute();
    expect(retried.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('the documented window: a kill after the relay accepted the mail but before the commit resends it once, with the same Message-ID', async () => {
    await enqueueMails(40, 'window');
    let current: ChildProcess | undefined;
    let killed = false;
    let seen = 0;
    onMessage = (_n, ack) => {
      ack();
      if (!killed && current && ++seen === 15) {
        killed = true;
        current.kill('SIGKILL'); // right after the 250: the worker cannot commit `sent`
      }
    };
    current = await startWorker('w5');
    await waitFor(() => killed);
    await exited(current);
    onMessage = undefined;
    const finisher = await startWorker('w6');
    await waitFor(async () => ((await statusCounts('window')).done ?? 0) === 40);
    finisher.kill('SIGTERM');
    await exited(finisher);
    const rows = await database.db.selectFrom('outgoing_messages').select(['message_id']).where('dedupe_key', 'like', 'msg:window:%').execute();
    expect(rows).toHaveLength(40);
    const copies = rows.map((r) => received.get(r.message_id ?? '') ?? 0);
    expect(copies.every((c) => c >= 1)).toBe(true); // nothing lost
    const extra = copies.reduce((s, c) => s + c - 1, 0);
    expect(extra).toBeLessThanOrEqual(1); // at most the one message in the window, resent under the same Message-ID
    console.log(`[messaging] kill after 250 OK: ${extra} duplicate(s) over 40 mails (same Message-ID)`);
  }, 60_000);
});
