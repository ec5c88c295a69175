import { route, ADMINS, type RouteDef } from '../platform/http/route.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { staffOutboxSchema } from './contract.js';
import { staffMailOutbox } from './outbox.service.js';

/** The demo outbox of staff mail (admins): mails kept for lack of SMTP, marked as such in the screen. */
export function messagingRoutes(deps: { mailer: Pick<Mailer, 'smtpConfigured'> }): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/dev-outbox',
      summary: 'Boîte d’envoi de démonstration : e-mails gardés faute de serveur SMTP (comptes de ce cabinet)',
      tags: ['practice'],
      access: ADMINS,
      response: staffOutboxSchema,
      audit: { action: 'outbox.read', resourceType: 'mail_outbox' },
      async handler({ ctx, tx }) {
        return { smtpConfigured: deps.mailer.smtpConfigured, messages: await staffMailOutbox(tx, ctx.practiceId) };
      },
    }),
  ];
}
