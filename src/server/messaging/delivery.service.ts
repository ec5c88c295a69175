import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Db, Tx } from '../platform/db/database.js';
import type { SmsProvider } from '../platform/sms/provider.js';
import { PermanentJobError, type Finish, type JobKind, type JobRow } from '../jobs/index.js';
import { clock } from '../platform/clock.js';
import { singleLine, smsText } from '../platform/text.js';
import type { MessageStatus } from './contract.js';
import type { SendPayload } from './outbox.service.js';
import { attemptDecision, bodyAfter, domainOf } from './rules.js';
import './db-types.js';

/**
 * Sending one outbox row exactly once, as far as SMTP allows (docs/messaging.md).
 *
 *  1. (short transaction) the row of the logical message (unique `dedupe_key`) is created from the job's payload
 *     or locked. Already `sent`/`simulated` → nothing to do. Marked `sending` with
 *     attempts+1 and its Message-ID fixed. A `sending` row touched less than one lease ago belongs to a live
 *     attempt elsewhere → retry later.
 *  2. The driver is called: SMTP with that Message-ID (a resend carries the same one, which mail clients use to
 *     collapse duplicates), SMS with `Idempotency-Key` = the row id. A driver error puts the row back to `queued`
 *     with the error, and the job queue retries with backoff; the last failure marks it `failed` (dead letter).
 *  3. The row is marked `sent` in the SAME transaction that marks the job `done`.
 *
 * Remaining at-least-once window: a crash between the relay's `250 OK` (or the SMS provider's 2xx) and the commit
 * of step 3 makes the job run again after its lease, and the message is sent a second time with the same
 * Message-ID / idempotency key. A crash anywhere else loses nothing and sends nothing twice.
 */
export interface DeliveryDeps {
  db: Db;
  /** SMTP transport; undefined = no SMTP configured: e-mails are kept in the outbox (`simulated`). */
  mail: Transporter | undefined;
  mailFrom: string;
  sms: SmsProvider;
  /** Domain part of generated Message-IDs. */
  messageIdDomain?: string;
}

type Row = { id: string; status: MessageStatus; message_id: string | null };

function payloadOf(job: JobRow): SendPayload {
  const p = job.payload as unknown as SendPayload;
  if (!p || typeof p.key !== 'string' || typeof p.to !== 'string' || typeof p.text !== 'string' || (!p.practiceId && p.kind !== 'staff')) {
    throw new PermanentJobError('malformed send payload');
  }
  return p;
}

/** Step 1: lock the row, decide, mark it `sending`. */
async function claimMessage(deps: DeliveryDeps, job: JobRow, p: SendPayload, leaseMs: number): Promise<Row> {
  const domain = deps.messageIdDomain ?? domainOf(deps.mailFrom);
  return deps.db.transaction().execute(async (tx) => {
    // The first attempt writes the row from the job's payload; later attempts find it.
    await tx
      .insertInto('outgoing_messages')
      .values({
        practice_id: p.practiceId, dedupe_key: p.key, appointment_id: p.appointmentId ?? null, conversation_id: p.conversationId ?? null,
        account_id: p.accountId ?? null, kind: p.kind, channel: p.channel, recipient: p.to, subject: p.subject ?? null, body: p.text,
        message_id: null, status: 'queued', job_id: job.id, updated_at: clock.now(),
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
    const r = await tx.selectFrom('outgoing_messages').select(['id', 'status', 'attempts', 'updated_at', 'message_id']).where('dedupe_key', '=', p.key).forUpdate().executeTakeFirstOrThrow();
    const decision = attemptDecision({ status: r.status, attempts: r.attempts, updatedAtMs: new Date(r.updated_at).getTime() }, clock.nowMs(), leaseMs);
    if (decision === 'done') return r;
    if (decision === 'busy') throw new Error('message being sent by another attempt; retry later');
    const messageId = r.message_id ?? `<${crypto.randomUUID()}@${domain}>`;
    await sql`UPDATE outgoing_messages SET status = 'sending', attempts = attempts + 1, updated_at = pivot_now(), job_id = ${job.id}, message_id = ${messageId} WHERE id = ${r.id}`.execute(tx);
    return { id: r.id, status: 'sending' as const, message_id: messageId };
  });
}

interface DriverResult {
  status: 'sent' | 'simulated' | 'failed';
  provider: string;
  providerId: string | null;
  error: string | null;
}

/** Step 2: the SMTP or SMS driver. Throws when the attempt may be retried. */
async function callDriver(deps: DeliveryDeps, p: SendPayload, row: Row, body: string): Promise<DriverResult> {
  if (p.channel === 'email') {
    if (!deps.mail) return { status: 'simulated', provider: 'outbox', providerId: null, error: null };
    const info = await deps.mail.sendMail({
      from: deps.mailFrom,
      to: p.to,
      subject: singleLine(p.subject ?? ''), // a header: free text in it stays on one line
      text: body,
      messageId: row.message_id!,
      ...(p.attachments?.length
        ? { attachments: p.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })) }
        : {}),
      headers: { 'X-Pivot-Message-Key': p.key, 'Auto-Submitted': 'auto-generated' },
    });
    return { status: 'sent', provider: 'smtp', providerId: typeof info.messageId === 'string' ? info.messageId : null, error: null };
  }
  const r = await deps.sms.send({ to: p.to, body: smsText(body), idempotencyKey: row.id });
  // A refusal the provider calls permanent (a 4xx) is recorded as failed at once: retrying would not help.
  return { status: r.status, provider: deps.sms.name, providerId: r.providerMessageId ?? null, error: r.error ?? null };
}

/** The `messaging.send` job: one outbox row, exactly once; a dead letter marks the row `failed`. */
export function sendJob(deps: DeliveryDeps): JobKind {
  return {
    async run(job, { leaseMs }): Promise<Finish> {
      const p = payloadOf(job);
      const row = await claimMessage(deps, job, p, leaseMs);
      if (row.status !== 'sending') return async () => undefined; // already sent: done
      // The row holds the text even when the job's payload was scrubbed (a retry by hand after a dead letter).
      const { body } = await deps.db.selectFrom('outgoing_messages').select('body').where('id', '=', row.id).executeTakeFirstOrThrow();
      let out: DriverResult;
      try {
        out = await callDriver(deps, p, row, body || p.text);
      } catch (err) {
        // Back to `queued`: the next attempt (after the queue's backoff) must not wait for a lease.
        const error = (err as Error).message.slice(0, 300);
        await deps.db.updateTable('outgoing_messages').set({ status: 'queued', error, updated_at: clock.now() }).where('id', '=', row.id).where('status', '=', 'sending').execute();
        throw err;
      }
      // 3. recorded in the transaction that completes the job
      return async (tx) => {
        await tx
          .updateTable('outgoing_messages')
          .set({
            status: out.status, provider: out.provider, provider_message_id: out.providerId, error: out.error,
            sent_at: out.status === 'failed' ? null : clock.now(), updated_at: clock.now(),
            ...(out.status === 'sent' ? { body: bodyAfter('sent', body) } : {}),
          })
          .where('id', '=', row.id)
          .execute();
      };
    },
    async onDeadLetter(tx: Tx, job: JobRow, error: string) {
      const key = (job.payload as { key?: unknown }).key;
      if (typeof key !== 'string') return;
      await tx.updateTable('outgoing_messages').set({ status: 'failed', error: error.slice(0, 300), updated_at: clock.now() }).where('dedupe_key', '=', key).where('status', 'in', ['queued', 'sending']).execute();
    },
  };
}
