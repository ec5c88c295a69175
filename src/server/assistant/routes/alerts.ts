import { z } from 'zod';
import { route, recordRoute, STAFF, type RouteDef } from '../../platform/http/route.js';
import { acknowledgeAlert, listAlerts } from '../alerts.service.js';
import { alert, boolString } from './shared.js';
import { clock } from '../../platform/clock.js';

/** Vital alerts for the desk: polled, then acknowledged. */
export function alertRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/assistant/alerts',
      summary: 'Alertes vitales (interrogation régulière : since = date ISO de la dernière réponse, pending=true pour les non acquittées)',
      tags: ['assistant'],
      access: STAFF,
      query: z.object({
        since: z.iso.datetime({ offset: true }).optional(),
        pending: boolString.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: z.object({ alerts: z.array(alert), serverTime: z.string() }),
      audit: 'none', // audited in the handler when alerts (patient data) are returned: polling stays quiet
      async handler({ ctx, tx, query }) {
        const serverTime = clock.now().toISOString();
        const alerts = await listAlerts(tx, ctx.practiceId, { since: query.since ? new Date(query.since) : undefined, pending: query.pending, limit: query.limit });
        if (alerts.length > 0) ctx.audit({ action: 'assistant.alerts.listed', resourceType: 'assistant_alert', details: { ids: alerts.map((a) => a.id) } });
        return { alerts, serverTime };
      },
    }),
    recordRoute({
      method: 'POST', url: '/api/assistant/alerts/:id/acknowledge', summary: 'Acquitter une alerte vitale (la demande reste en tête jusqu’à son traitement)',
      tags: ['assistant'], access: STAFF,
      answer: ['alert', alert], audit: ['assistant.alert.acknowledged', 'assistant_alert'], run: acknowledgeAlert,
    }),
  ];
}
