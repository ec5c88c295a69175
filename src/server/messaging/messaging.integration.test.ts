import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/helpers.js';
import type { Database } from '../platform/db/database.js';
import { JobWorker } from '../jobs/index.js';
import { Messaging, queueMessage, SmsSimulator, type SmsProvider } from './index.js';

/**
 * Delivery through the one outbox, against a real SMTP server on loopback that can be told to refuse mail:
 * a refused send is retried with backoff, then marked failed; a message is never sent twice.
 */
let database: Database;
let drop: () => Promise<void>;
let practiceId: string;
let smtp: SMTPServer;
let smtpUrl = '';
const received = new Map<string, number>(); // Message-ID → copies accepted
let refuseNext = 0; // the relay answers 451 to this many messages

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  practiceId = (await database.db.insertInto('practices').values({ name: 'Cabinet messagerie', slug: 'cabinet-messagerie' }).returning('id').executeTakeFirstOrThrow()).id;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuseNext > 0) {
          refuseNext--;
          return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        }
        const id = /^Message-ID:\s*(\S+)/im.exec(Buffer.concat(chunks).toString())?.[1] ?? 'none';
        received.set(id, (received.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the queue until nothing is left to do (backoff here is a few milliseconds). */
async function settle(worker: JobWorker): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await worker.drain();
    const open = await database.db.selectFrom('jobs').select('id').where('kind', '=', 'messaging.send').where('status', 'in', ['queued', 'running']).execute();
    if (open.length === 0) return;
    await sleep(25);
  }
  throw new Error('queue did not settle');
}

const row = (key: string) => database.db.selectFrom('outgoing_messages').selectAll().where('dedupe_key', '=', key).executeTakeFirstOrThrow();
const job = (key: string) => database.db.selectFrom('jobs').selectAll().where('dedupe_key', '=', key.replace(/^msg:/, 'send:')).executeTakeFirstOrThrow();

describe('messaging over SMTP', () => {
  it('a mail the relay refuses twice is retried with backoff and delivered once', async () => {
    const messaging = new Messaging({ db: database.db, smtpUrl, mailFrom: 'Pivot <no-reply@pivot.test>', sms: new SmsSimulator(), backoffBaseMs: 1 });
    const worker = new JobWorker(database.db, { handlers: messaging.jobHandlers(), backoffBaseMs: 1 });
    const key = 'msg:test:retry';
    await queueMessage(database.db, { practiceId, key, kind: 'test', channel: 'email', to: 'patient@example.org', subject: 'Rappel', text: 'Votre rendez-vous' });
    // The row is written by the first attempt: nothing in the outbox until then.
    expect(await database.db.selectFrom('outgoing_messages').select('id').where('dedupe_key', '=', key).execute()).toEqual([]);
    refuseNext = 2;
    await settle(worker);
    const r = await row(key);
    expect(r).toMatchObject({ status: 'sent', attempts: 3, provider: 'smtp', body: '' });
    expect(received.get(r.message_id!)).toBe(1);
    expect((await job(key)).status).toBe('done');
    messaging.close();
  });

  it('a mail refused at every attempt ends failed (dead letter), with the relay’s answer, and nothing was accepted', async () => {
    const messaging = new Messaging({ db: database.db, smtpUrl, mailFrom: 'Pivot <no-reply@pivot.test>', sms: new SmsSimulator(), backoffBaseMs: 1 });
    const worker = new JobWorker(database.db, { handlers: messaging.jobHandlers(), backoffBaseMs: 1 });
    const key = 'msg:test:doomed';
    await queueMessage(database.db, { practiceId, key, kind: 'test', channel: 'email', to: 'patient@example.org', subject: 'Rappel', text: 'Toujours refusé' }, { maxAttempts: 3 });
    refuseNext = 3;
    await settle(worker);
    const r = await row(key);
    expect(r).toMatchObject({ status: 'failed', attempts: 3, body: 'Toujours refusé' });
    expect(r.error).toMatch(/451/);
    expect(received.get(r.message_id!)).toBeUndefined();
    expect(await job(key)).toMatchObject({ status: 'failed', attempts: 3 });
    messaging.close();
  });

  it('never twice: a second job for a sent message, or the same message queued again, sends nothing', async () => {
    const messaging = new Messaging({ db: database.db, smtpUrl, mailFrom: 'Pivot <no-reply@pivot.test>', sms: new SmsSimulator(), backoffBaseMs: 1 });
    const worker = new JobWorker(database.db, { handlers: messaging.jobHandlers(), backoffBaseMs: 1 });
    const key = 'msg:test:once';
    const msg = { practiceId, key, kind: 'test' as const, channel: 'email' as const, to: 'patient@example.org', subject: 'Une fois', text: 'Une seule fois' };
    expect(await queueMessage(database.db, msg)).toBeDefined();
    expect(await queueMessage(database.db, msg)).toBeUndefined(); // the same logical message: nothing more queued
    await settle(worker);
    // A job that names the message again (an admin's retry, a replayed payload) finds it sent.
    await database.db.insertInto('jobs').values({ kind: 'messaging.send', practice_id: practiceId, payload: JSON.stringify(msg), dedupe_key: 'send:test:once:replay' }).execute();
    await settle(worker);
    const r = await row(key);
    expect(r).toMatchObject({ status: 'sent', attempts: 1 });
    expect(received.get(r.message_id!)).toBe(1);
    messaging.close();
  });

  it('staff mail sent while the caller waits: a relay failure does not fail the caller, the queue delivers it later', async () => {
    const messaging = new Messaging({ db: database.db, smtpUrl, mailFrom: 'Pivot <no-reply@pivot.test>', sms: new SmsSimulator(), backoffBaseMs: 1 });
    const worker = new JobWorker(database.db, { handlers: messaging.jobHandlers(), backoffBaseMs: 1 });
    refuseNext = 1;
    await messaging.send({ to: 'nadia@example.fr', subject: 'Pivot : réinitialisation', text: 'Lien secret' });
    const first = await database.db.selectFrom('outgoing_messages').selectAll().where('recipient', '=', 'nadia@example.fr').executeTakeFirstOrThrow();
    expect(first).toMatchObject({ kind: 'staff', practice_id: null, status: 'queued', attempts: 1, body: 'Lien secret' });
    expect(first.error).toMatch(/451/);
    await settle(worker);
    const after = await row(first.dedupe_key);
    expect(after).toMatchObject({ status: 'sent', attempts: 2, body: '' });
    expect(received.get(after.message_id!)).toBe(1);
    // Delivered at once when the relay answers.
    await messaging.send({ to: 'lina@example.fr', subject: 'Pivot : invitation', text: 'Bienvenue' });
    expect(await database.db.selectFrom('mail_outbox').select(['delivered', 'body_text']).where('recipient', '=', 'lina@example.fr').executeTakeFirstOrThrow()).toEqual({ delivered: true, body_text: '' });
    messaging.close();
  });
});

describe('messaging over the SMS gateway', () => {
  it('a gateway error is retried, a permanent refusal is recorded at once; the simulator keeps the text', async () => {
    let calls = 0;
    const keys: string[] = [];
    const flaky: SmsProvider = {
      name: 'flaky',
      simulated: false,
      parseInbound: () => null,
      async send(m) {
        calls++;
        keys.push(m.idempotencyKey ?? '');
        if (m.to === '+33600000000') return { status: 'failed', error: 'invalid number' };
        if (calls === 1) throw new Error('SMS provider answered 503');
        return { status: 'sent', providerMessageId: `p-${calls}` };
      },
    };
    const messaging = new Messaging({ db: database.db, mailFrom: 'Pivot <no-reply@pivot.test>', sms: flaky, backoffBaseMs: 1 });
    const worker = new JobWorker(database.db, { handlers: messaging.jobHandlers(), backoffBaseMs: 1 });
    await queueMessage(database.db, { practiceId, key: 'msg:sms:ok', kind: 'assistant_reply', channel: 'sms', to: '+33612345678', text: 'Bonjour' });
    await queueMessage(database.db, { practiceId, key: 'msg:sms:bad', kind: 'assistant_reply', channel: 'sms', to: '+33600000000', text: 'Bonjour' });
    await settle(worker);
    const ok = await row('msg:sms:ok');
    expect(ok).toMatchObject({ status: 'sent', attempts: 2, provider: 'flaky', body: '' });
    expect(keys.filter((k) => k === ok.id)).toHaveLength(2); // both attempts carried the same idempotency key
    expect(await row('msg:sms:bad')).toMatchObject({ status: 'failed', attempts: 1, error: 'invalid number' });
    expect(calls).toBe(3);

    const sim = new Messaging({ db: database.db, mailFrom: 'Pivot <no-reply@pivot.test>', sms: new SmsSimulator() });
    const simWorker = new JobWorker(database.db, { handlers: sim.jobHandlers() });
    await queueMessage(database.db, { practiceId, key: 'msg:sms:sim', kind: 'assistant_reply', channel: 'sms', to: '+33612345678', text: 'Texte simulé' });
    await settle(simWorker);
    expect(await database.db.selectFrom('sms_outbox').select(['status', 'body', 'provider']).where('id', '=', (await row('msg:sms:sim')).id).executeTakeFirstOrThrow()).toEqual({ status: 'simulated', body: 'Texte simulé', provider: 'simulator' });
  });
});
