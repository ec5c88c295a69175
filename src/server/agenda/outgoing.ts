import crypto from 'node:crypto';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../platform/db/database.js';
import type { SmsProvider } from '../platform/sms/provider.js';
import { PermanentJobError, type Finish, type JobHandler } from '../jobs/index.js';
import type { MessageChannel, MessageKind } from './notify-schema.js';
import './notify-schema.js';
import { clock } from '../platform/clock.js';
import { singleLine, smsText } from '../platform/text.js';

/**
 * Sending one message exactly once, as far as SMTP allows.
 *
 *  1. (short transaction) the `outgoing_messages` row of the logical message (unique `dedupe_key` =
 *     appointment + event + channel) is created or locked. Already `sent`/`simulated` → nothing to do. Marked
 *     `sending` with attempts+1. A `sending` row touched less than one lease ago belongs to a live attempt
 *     elsewhere → retry later.
 *  2. The driver is called: SMTP with a Message-ID fixed at step 1 (a resend carries the same Message-ID, which
 *     mail clients use to collapse duplicates), SMS with `Idempotency-Key` = the row id.
 *  3. The row is marked `sent` in the SAME transaction that marks the job `done`.
 *
 * Remaining at-least-once window: a crash between the relay's `250 OK` (or the SMS provider's 2xx) and the commit
 * of step 3 — a few milliseconds per message — makes the job run again after its lease, and the message is sent a
 * second time with the same Message-ID / idempotency key. A crash anywhere else loses nothing and sends nothing twice.
 */
export interface SendDeps {
  db: Db;
  /** SMTP transport; undefined = no SMTP configured: e-mails are kept in the outbox (`simulated`). */
  mail: Transporter | undefined;
  mailFrom: string;
  sms: SmsProvider;
  /** Domain part of generated Message-IDs. */
  messageIdDomain?: string;
}

export interface SendPayload {
  practiceId: string;
  key: string;
  kind: MessageKind;
  channel: MessageChannel;
  to: string;
  subject?: string | null;
  text: string;
  appointmentId?: string | null;
}

export function mailTransport(smtpUrl: string | undefined): Transporter | undefined {
  return smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
}

function domainOf(from: string): string {
  const m = /@([A-Za-z0-9.-]+)/.exec(from);
  return m?.[1] ?? 'pivot.local';
}

export function sendHandler(deps: SendDeps): JobHandler {
  return async (job, { leaseMs }): Promise<Finish> => {
    const p = job.payload as unknown as SendPayload;
    if (!p || typeof p.key !== 'string' || typeof p.to !== 'string' || typeof p.text !== 'string' || !p.practiceId) {
      throw new PermanentJobError('malformed send payload');
    }
    const domain = deps.messageIdDomain ?? domainOf(deps.mailFrom);
    // 1. claim the logical message
    const row = await deps.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('outgoing_messages')
        .values({
          practice_id: p.practiceId,
          dedupe_key: p.key,
          appointment_id: p.appointmentId ?? null,
          kind: p.kind,
          channel: p.channel,
          recipient: p.to,
          subject: p.subject ?? null,
          body: p.text,
          message_id: `<${crypto.randomUUID()}@${domain}>`,
          job_id: job.id,
          updated_at: clock.now(),
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute();
      const r = await tx.selectFrom('outgoing_messages').selectAll().where('dedupe_key', '=', p.key).forUpdate().executeTakeFirstOrThrow();
      if (r.status !== 'sending') return r;
      if (r.attempts > 0 && clock.nowMs() - new Date(r.updated_at).getTime() < leaseMs) {
        throw new Error('message being sent by another attempt; retry later');
      }
      await sql`UPDATE outgoing_messages SET attempts = attempts + 1, updated_at = pivot_now(), job_id = ${job.id} WHERE id = ${r.id}`.execute(tx);
      return r;
    });
    if (row.status !== 'sending') return async () => undefined; // already sent (or refused for good): done
    // 2. call the driver
    let status: 'sent' | 'simulated' | 'failed';
    let provider: string;
    let providerId: string | null = null;
    let error: string | null = null;
    if (p.channel === 'email') {
      provider = deps.mail ? 'smtp' : 'outbox';
      if (deps.mail) {
        const info = await deps.mail.sendMail({
          from: deps.mailFrom,
          to: p.to,
          subject: singleLine(p.subject ?? ''), // a header: free text in it stays on one line
          text: p.text,
          messageId: row.message_id,
          headers: { 'X-Pivot-Message-Key': p.key, 'Auto-Submitted': 'auto-generated' },
        });
        status = 'sent';
        providerId = typeof info.messageId === 'string' ? info.messageId : null;
      } else status = 'simulated';
    } else {
      provider = deps.sms.name;
      const r = await deps.sms.send({ to: p.to, body: smsText(p.text), idempotencyKey: row.id });
      status = r.status === 'failed' ? 'failed' : r.status;
      providerId = r.providerMessageId ?? null;
      error = r.error ?? null;
    }
    // 3. recorded in the transaction that completes the job
    return async (tx) => {
      await tx
        .updateTable('outgoing_messages')
        .set({
          status,
          provider,
          provider_message_id: providerId,
          error,
          sent_at: status === 'failed' ? null : clock.now(),
          updated_at: clock.now(),
          // A delivered message leaves no body in the database; the outbox (simulated) keeps it to be read.
          ...(status === 'sent' ? { body: '' } : {}),
        })
        .where('id', '=', row.id)
        .execute();
    };
  };
}
