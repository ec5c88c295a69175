import type { Db, Tx } from '../platform/db/database.js';
import { enqueue } from '../jobs/index.js';
import type { MessageChannel, MessageKind, PracticeOutbox, SmsOutbox, StaffOutbox } from './contract.js';
import { SMS_MAX_CHARS, sendJobKey, shownBody, smsOutboxStatus } from './rules.js';
import './db-types.js';

/** The job kind that delivers one outbox row. */
export const SEND_JOB = 'messaging.send';

/** One logical message. `key` is its identity: queueing the same key twice queues one message. */
export interface OutgoingMessage {
  practiceId: string | null;
  key: string;
  kind: MessageKind;
  channel: MessageChannel;
  to: string;
  subject?: string | null;
  text: string;
  appointmentId?: string | null;
  conversationId?: string | null;
  accountId?: string | null;
  /** E-mail attachments (a receipt, a letter), base64 in the job's payload until sent, then scrubbed with the text. */
  attachments?: { filename: string; contentType: string; contentBase64: string }[];
}

/** The payload of a `messaging.send` job (personal fields are scrubbed from it once the job is done). */
export type SendPayload = OutgoingMessage;

/**
 * Queues a message in the caller's transaction: the job that will send it exists iff the change that caused it
 * commits. Its outbox row is written by the first delivery attempt (the outbox lists what was tried, as before),
 * from the job's payload. Returns the job id, or undefined when this message was already queued.
 */
export async function queueMessage(tx: Db | Tx, msg: OutgoingMessage, opts: { maxAttempts?: number; runAt?: Date } = {}): Promise<string | undefined> {
  const payload: SendPayload = { ...msg, text: msg.channel === 'sms' ? msg.text.slice(0, SMS_MAX_CHARS) : msg.text };
  return enqueue(tx, { kind: SEND_JOB, practiceId: msg.practiceId, dedupeKey: sendJobKey(msg.key), maxAttempts: opts.maxAttempts, runAt: opts.runAt, payload: payload as unknown as Record<string, unknown> });
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Every message of a practice, newest first (the agenda's outbox screen). */
export async function practiceOutbox(tx: Tx, practiceId: string, limit: number): Promise<PracticeOutbox> {
  const rows = await tx.selectFrom('outgoing_messages').selectAll().where('practice_id', '=', practiceId).orderBy('created_at', 'desc').limit(limit).execute();
  return {
    simulatedEmail: rows.some((r) => r.channel === 'email' && r.status === 'simulated'),
    messages: rows.map((r) => ({
      id: r.id, kind: r.kind, channel: r.channel, recipient: r.recipient, subject: r.subject,
      body: shownBody(r.kind, r.status, r.body),
      status: r.status, provider: r.provider, attempts: r.attempts, error: r.error, createdAt: iso(r.created_at)!, sentAt: iso(r.sent_at),
    })),
  };
}

/** The assistant's SMS replies of a practice, newest first (the SMS simulator's screen). */
export async function assistantSmsOutbox(tx: Tx, practiceId: string, limit: number): Promise<SmsOutbox['messages']> {
  const rows = await tx
    .selectFrom('outgoing_messages')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('channel', '=', 'sms')
    .where('kind', '=', 'assistant_reply')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.recipient,
    body: r.body,
    status: smsOutboxStatus(r.status),
    provider: r.provider ?? 'simulator',
    error: r.error,
    conversationId: r.conversation_id,
    createdAt: iso(r.created_at)!,
    sentAt: iso(r.sent_at),
  }));
}

/** Staff mail about members of this practice only: one practice's admin never reads another's mail. */
export async function staffMailOutbox(tx: Tx, practiceId: string, limit = 100): Promise<StaffOutbox['messages']> {
  const rows = await tx
    .selectFrom('outgoing_messages as o')
    .innerJoin('memberships as m', (j) => j.onRef('m.account_id', '=', 'o.account_id').on('m.practice_id', '=', practiceId))
    .select(['o.id', 'o.recipient', 'o.subject', 'o.body', 'o.status', 'o.created_at'])
    .where('o.channel', '=', 'email')
    // Staff mail only: a letter or a receipt sent by this account belongs to the practice it was sent for.
    .where('o.kind', '=', 'staff')
    .orderBy('o.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, to: r.recipient, subject: r.subject ?? '', text: r.body, delivered: r.status === 'sent', createdAt: iso(r.created_at)! }));
}
