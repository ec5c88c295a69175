import type { Tx } from '../platform/db/database.js';
import { SMS_MAX_CHARS } from './sms.js';

/** The assistant's SMS replies: queued in `sms_outbox` within the request's transaction, sent after commit (`deliverSms`). */
export async function queueSmsReply(tx: Tx, input: { practiceId: string; conversationId: string; to: string; text: string; provider: string }): Promise<string> {
  const row = await tx
    .insertInto('sms_outbox')
    .values({
      practice_id: input.practiceId,
      conversation_id: input.conversationId,
      to_number: input.to,
      body: input.text.slice(0, SMS_MAX_CHARS),
      provider: input.provider,
      status: 'queued',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The practice's SMS outbox, newest first. */
export async function smsOutbox(tx: Tx, practiceId: string, limit: number) {
  const rows = await tx.selectFrom('sms_outbox').selectAll().where('practice_id', '=', practiceId).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.to_number,
    body: r.body,
    status: r.status,
    provider: r.provider,
    error: r.error,
    conversationId: r.conversation_id,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
  }));
}
