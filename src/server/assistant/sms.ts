import crypto from 'node:crypto';
import type { Db } from '../platform/db/database.js';

/** An inbound SMS as the adapter understood it. */
export interface SmsInbound {
  practiceSlug: string;
  from: string;
  text: string;
  externalId: string | null;
  receivedAt: Date;
}

export interface SmsSendResult {
  status: 'sent' | 'failed' | 'simulated';
  providerMessageId?: string | undefined;
  error?: string | undefined;
}

/**
 * What an SMS provider must offer Pivot. A real driver (an aggregator's REST API) maps its webhook payload in
 * `parseInbound` and sends through its API in `send`. Webhook authentication is the shared secret checked by the
 * route (`PIVOT_SMS_WEBHOOK_SECRET`), common to every driver.
 */
export interface SmsProvider {
  readonly name: string;
  /** True when nothing is really sent (the simulator). */
  readonly simulated: boolean;
  parseInbound(body: unknown): SmsInbound | null;
  send(message: { to: string; body: string }): Promise<SmsSendResult>;
}

/**
 * The SMS **simulator**: accepts Pivot's own webhook format and sends nothing. Outgoing texts stay in `sms_outbox`
 * with status `simulated`, readable by the practice's admins.
 *
 * Webhook body: `{ "practice": "<slug>", "from": "+33612345678", "text": "…", "messageId"?: "…", "receivedAt"?: ISO }`.
 */
export class SmsSimulator implements SmsProvider {
  readonly name = 'simulator';
  readonly simulated = true;

  parseInbound(body: unknown): SmsInbound | null {
    if (!body || typeof body !== 'object') return null;
    const b = body as Record<string, unknown>;
    if (typeof b.practice !== 'string' || typeof b.from !== 'string' || typeof b.text !== 'string') return null;
    const receivedAt = typeof b.receivedAt === 'string' ? new Date(b.receivedAt) : new Date();
    return {
      practiceSlug: b.practice,
      from: b.from,
      text: b.text,
      externalId: typeof b.messageId === 'string' ? b.messageId : null,
      receivedAt: Number.isNaN(receivedAt.getTime()) ? new Date() : receivedAt,
    };
  }

  async send(): Promise<SmsSendResult> {
    return { status: 'simulated', providerMessageId: `sim-${crypto.randomUUID()}` };
  }
}

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
    result = await provider.send({ to: row.to_number, body: row.body });
  } catch (err) {
    result = { status: 'failed', error: (err as Error).message.slice(0, 300) };
  }
  await db
    .updateTable('sms_outbox')
    .set({
      status: result.status,
      provider_message_id: result.providerMessageId ?? null,
      error: result.error ?? null,
      sent_at: result.status === 'failed' ? null : new Date(),
    })
    .where('id', '=', row.id)
    .execute();
}
