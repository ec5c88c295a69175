import crypto from 'node:crypto';
import type { Db } from '../platform/db/database.js';

// The provider interface and the simulator moved to the platform (shared with agenda notifications).
import type { SmsProvider, SmsSendResult } from '../platform/sms/provider.js';
import { clock } from '../platform/clock.js';
import { smsText } from '../platform/text.js';
export { SmsSimulator, type SmsProvider, type SmsSendResult, type SmsInbound } from '../platform/sms/provider.js';

/** Constant-time check of a webhook's shared secret (`X-Pivot-Webhook-Secret: …` or `Authorization: Bearer …`). */
export function checkSharedSecret(headers: Record<string, string | string[] | undefined>, expected: string | undefined): boolean {
  if (!expected) return false;
  const header = headers['x-pivot-webhook-secret'];
  const auth = headers['authorization'];
  const given = typeof header === 'string' ? header : typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
  if (!given) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** SMS bodies are cut to 1,600 characters (10 concatenated parts). */
export const SMS_MAX_CHARS = 1600;

/** Sends one queued outbox row through the provider and records the outcome (after the request's commit). */
export async function deliverSms(db: Db, provider: SmsProvider, outboxId: string): Promise<void> {
  const row = await db.selectFrom('sms_outbox').select(['id', 'to_number', 'body']).where('id', '=', outboxId).where('status', '=', 'queued').executeTakeFirst();
  if (!row) return;
  let result: SmsSendResult;
  try {
    result = await provider.send({ to: row.to_number, body: smsText(row.body) });
  } catch (err) {
    result = { status: 'failed', error: (err as Error).message.slice(0, 300) };
  }
  await db
    .updateTable('sms_outbox')
    .set({
      status: result.status,
      provider_message_id: result.providerMessageId ?? null,
      error: result.error ?? null,
      sent_at: result.status === 'failed' ? null : clock.now(),
    })
    .where('id', '=', row.id)
    .execute();
}
