import crypto from 'node:crypto';
import { clock } from '../clock.js';

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
  /** `idempotencyKey`: the same logical message sent twice must be delivered once by providers that support it. */
  send(message: { to: string; body: string; idempotencyKey?: string | undefined }): Promise<SmsSendResult>;
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
    const receivedAt = typeof b.receivedAt === 'string' ? new Date(b.receivedAt) : clock.now();
    return {
      practiceSlug: b.practice,
      from: b.from,
      text: b.text,
      externalId: typeof b.messageId === 'string' ? b.messageId : null,
      receivedAt: Number.isNaN(receivedAt.getTime()) ? clock.now() : receivedAt,
    };
  }

  async send(): Promise<SmsSendResult> {
    return { status: 'simulated', providerMessageId: `sim-${crypto.randomUUID()}` };
  }
}

