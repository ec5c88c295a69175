import { z } from 'zod';
import { route, ADMINS, type RouteDef } from '../../platform/http/route.js';
import { assistantSmsOutbox, smsOutboxSchema, type SmsProvider } from '../../messaging/index.js';

/** The assistant's SMS replies in the messaging outbox (admins); with the simulator, nothing was really sent. */
export function outboxRoutes(opts: { sms: SmsProvider }): RouteDef[] {
  const { sms } = opts;
  return [
    route({
      method: 'GET',
      url: '/api/assistant/sms/outbox',
      summary: 'SMS envoyés par l’assistant (simulateur : rien n’est réellement envoyé)',
      tags: ['assistant'],
      access: ADMINS,
      query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: smsOutboxSchema,
      audit: { action: 'assistant.sms_outbox.read', resourceType: 'sms_outbox' },
      async handler({ ctx, tx, query }) {
        return { provider: sms.name, simulated: sms.simulated, messages: await assistantSmsOutbox(tx, ctx.practiceId, query.limit) };
      },
    }),
  ];
}
