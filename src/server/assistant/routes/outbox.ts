import { z } from 'zod';
import { route, type RouteDef } from '../../platform/http/route.js';
import { smsOutbox } from '../outbox.service.js';
import type { SmsProvider } from '../sms.js';
import { admins } from './shared.js';

/** The assistant's SMS outbox (admins). */
export function outboxRoutes(opts: { sms: SmsProvider }): RouteDef[] {
  const { sms } = opts;
  return [
    route({
      method: 'GET',
      url: '/api/assistant/sms/outbox',
      summary: 'SMS envoyés par l’assistant (simulateur : rien n’est réellement envoyé)',
      tags: ['assistant'],
      access: admins,
      query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: z.object({
        provider: z.string(),
        simulated: z.boolean(),
        messages: z.array(
          z.object({
            id: z.uuid(),
            to: z.string(),
            body: z.string(),
            status: z.enum(['queued', 'sent', 'failed', 'simulated']),
            provider: z.string(),
            error: z.string().nullable(),
            conversationId: z.uuid().nullable(),
            createdAt: z.string(),
            sentAt: z.string().nullable(),
          }),
        ),
      }),
      audit: { action: 'assistant.sms_outbox.read', resourceType: 'sms_outbox' },
      async handler({ ctx, tx, query }) {
        return { provider: sms.name, simulated: sms.simulated, messages: await smsOutbox(tx, ctx.practiceId, query.limit) };
      },
    }),
  ];
}
