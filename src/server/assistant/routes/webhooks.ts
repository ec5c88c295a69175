import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { publicRoute, type RouteDef } from '../../platform/http/route.js';
import type { LlmProvider } from '../llm.js';
import { receiveMessage } from '../service.js';
import { checkSharedSecret } from '../sms.js';
import { queueMessage, type Messaging } from '../../messaging/index.js';
import { practiceOr404, publicReply, slug, toPublicReply } from './shared.js';
import { clock } from '../../platform/clock.js';
import { ASSISTANT_MESSAGES as M } from '../error-messages.js';

const transcriptBody = z.object({
  practice: slug.optional(),
  callId: z.string().trim().min(1).max(200),
  from: z.string().trim().min(3).max(40).nullable().optional(),
  transcript: z.string().trim().min(1).max(20000),
  startedAt: z.iso.datetime({ offset: true }).optional(),
});

function webhookAuth(req: FastifyRequest, secret: string | undefined): void {
  if (!checkSharedSecret(req.headers, secret)) throw new AppError('unauthenticated');
}

/** Public provider webhooks (shared secret): inbound SMS, phone-call transcripts. */
export function webhookRoutes(opts: { env: NodeJS.ProcessEnv; messaging: Messaging; llm: LlmProvider | undefined; publicUrl: string | undefined }): RouteDef[] {
  const { env, messaging, llm, publicUrl } = opts;
  const { sms } = messaging;
  return [
    publicRoute({
      method: 'POST',
      url: '/api/assistant/sms/inbound',
      summary: `SMS entrant (webhook du fournisseur SMS « ${sms.name} ») ; en-tête X-Pivot-Webhook-Secret = PIVOT_SMS_WEBHOOK_SECRET`,
      tags: ['assistant'],
      access: 'public',
      rateLimit: 600,
      response: z.object({ received: z.literal(true), duplicate: z.boolean() }),
      async handler({ db, req }) {
        webhookAuth(req, env.PIVOT_SMS_WEBHOOK_SECRET);
        const inbound = sms.parseInbound(req.body);
        if (!inbound || !slug.safeParse(inbound.practiceSlug).success || !inbound.text.trim() || inbound.text.length > 5000 || !/^\+?[0-9 .()-]{3,30}$/.test(inbound.from)) {
          throw new AppError('validation_failed', [{ field: null, message: M.smsWebhookShape }]);
        }
        const p = await practiceOr404(db, slug.parse(inbound.practiceSlug));
        const { result, jobId } = await db.transaction().execute(async (tx) => {
          const result = await receiveMessage(
            tx,
            p.id,
            { channel: 'sms', from: inbound.from.replace(/[ .()-]/g, ''), text: inbound.text, receivedAt: new Date(Math.min(inbound.receivedAt.getTime(), clock.nowMs())), externalId: inbound.externalId },
            { llm, publicUrl },
          );
          if (result.duplicate || !result.reply.text) return { result, jobId: undefined };
          const to = inbound.from.replace(/[ .()-]/g, '');
          const key = `msg:assistant:sms:${crypto.randomUUID()}`;
          const jobId = await queueMessage(tx, { practiceId: p.id, key, kind: 'assistant_reply', channel: 'sms', to, text: result.reply.text, conversationId: result.conversationId });
          return { result, jobId };
        });
        // Sent now, after the commit; a failure is retried by the job queue (one outbox, exactly once).
        await messaging.deliverNow(jobId);
        return { received: true as const, duplicate: result.duplicate };
      },
    }),
    publicRoute({
      method: 'POST',
      url: '/api/assistant/phone/transcript',
      summary: 'Transcription d’appel (webhook du fournisseur de téléphonie) ; en-tête X-Pivot-Webhook-Secret = PIVOT_PHONE_WEBHOOK_SECRET',
      tags: ['assistant'],
      access: 'public',
      // A 20,000-character transcript, JSON-escaped (a control character takes 6 bytes), still fits.
      bodyLimit: 256 * 1024,
      rateLimit: 600,
      response: z.object({ received: z.literal(true), duplicate: z.boolean(), reply: publicReply }),
      async handler({ db, req }) {
        webhookAuth(req, env.PIVOT_PHONE_WEBHOOK_SECRET);
        const parsed = transcriptBody.safeParse(req.body);
        if (!parsed.success) {
          throw new AppError('validation_failed', parsed.error.issues.map((i) => ({ field: i.path.join('.') || null, message: i.message })));
        }
        const b = parsed.data;
        const q = (req.query ?? {}) as Record<string, unknown>;
        const practiceSlug = b.practice ?? (typeof q.practice === 'string' ? q.practice : undefined);
        if (!practiceSlug || !slug.safeParse(practiceSlug).success) throw new AppError('validation_failed', [{ field: 'practice', message: M.practiceSlugMissing }]);
        const p = await practiceOr404(db, slug.parse(practiceSlug));
        const from = b.from ? b.from.replace(/[ .()-]/g, '') : null;
        const result = await db.transaction().execute((tx) =>
          receiveMessage(
            tx,
            p.id,
            { channel: 'phone', from, text: b.transcript, receivedAt: b.startedAt ? new Date(Math.min(Date.parse(b.startedAt), clock.nowMs())) : clock.now(), externalId: b.callId, externalRef: b.callId },
            { llm, publicUrl },
          ),
        );
        return { received: true as const, duplicate: result.duplicate, reply: toPublicReply(result) };
      },
    }),
  ];
}
