import crypto from 'node:crypto';

// Sending (the outbox, retries, the SMS gateway and its simulator) belongs to messaging; the assistant only
// receives SMS and queues its replies there.
export { SmsSimulator, type SmsProvider, type SmsSendResult } from '../messaging/index.js';

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
