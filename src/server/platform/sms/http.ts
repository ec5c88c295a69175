import type { SmsInbound, SmsProvider, SmsSendResult } from './provider.js';
import { SmsSimulator } from './provider.js';

/**
 * A generic JSON-over-HTTPS SMS driver, configured by environment, for aggregators with a simple REST API:
 *
 *   PIVOT_SMS_HTTP_URL     https://api.provider.example/v1/sms   (http:// only for loopback: tests, local relays)
 *   PIVOT_SMS_HTTP_TOKEN   sent as `Authorization: Bearer …`
 *   PIVOT_SMS_SENDER       the sender name or number (`from`)
 *
 * Request:  POST {url}  `{ "from", "to", "text", "reference" }`, headers `Idempotency-Key: <reference>`.
 * Answer:   2xx with a JSON body holding the provider's id in `id` or `messageId` (optional).
 * A 4xx answer (except 408/429) is a permanent refusal; 5xx, 408, 429 and network errors are retried by the job queue.
 * Inbound SMS keep Pivot's own webhook format (the simulator's parser).
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';
  readonly simulated = false;
  private readonly inbound = new SmsSimulator();

  constructor(private readonly conf: { url: string; token?: string | undefined; sender?: string | undefined; timeoutMs?: number }) {
    const u = new URL(conf.url);
    const loopback = ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(u.hostname);
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) throw new Error('PIVOT_SMS_HTTP_URL must be https:// (http:// only on loopback)');
  }

  parseInbound(body: unknown): SmsInbound | null {
    return this.inbound.parseInbound(body);
  }

  async send(message: { to: string; body: string; idempotencyKey?: string | undefined }): Promise<SmsSendResult> {
    const res = await fetch(this.conf.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.conf.token ? { authorization: `Bearer ${this.conf.token}` } : {}),
        ...(message.idempotencyKey ? { 'idempotency-key': message.idempotencyKey } : {}),
      },
      body: JSON.stringify({ from: this.conf.sender ?? 'Pivot', to: message.to, text: message.body, reference: message.idempotencyKey ?? null }),
      signal: AbortSignal.timeout(this.conf.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    if (!res.ok) {
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      const err = new Error(`SMS provider answered ${res.status}: ${text.slice(0, 200)}`);
      if (permanent) return { status: 'failed', error: err.message };
      throw err;
    }
    let id: string | undefined;
    try {
      const json = JSON.parse(text) as { id?: unknown; messageId?: unknown };
      id = typeof json.id === 'string' ? json.id : typeof json.messageId === 'string' ? json.messageId : undefined;
    } catch {
      id = undefined;
    }
    return { status: 'sent', providerMessageId: id };
  }
}

/** The SMS driver of this installation: the HTTP driver when PIVOT_SMS_HTTP_URL is set, else the simulator (outbox). */
export function smsProviderFromEnv(env: NodeJS.ProcessEnv = process.env): SmsProvider {
  const url = env.PIVOT_SMS_HTTP_URL;
  if (!url) return new SmsSimulator();
  return new HttpSmsProvider({ url, token: env.PIVOT_SMS_HTTP_TOKEN || undefined, sender: env.PIVOT_SMS_SENDER || undefined });
}
