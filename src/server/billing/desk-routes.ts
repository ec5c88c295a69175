import { z } from 'zod';
import { route, STAFF, type RouteDef } from '../platform/http/route.js';
import { deskDaySchema, draftRequestSchema, draftSchema, isoDay } from './contract.js';
import { deskDay } from './desk.service.js';
import { draftInvoice } from './draft.service.js';

/** The desk's billing screen (docs/billing.md « À l’accueil »): the day to bill, and the draft before « Valider ». */
export function billingDeskRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/billing/desk',
      summary: 'Les consultations du jour à facturer, par praticien, avec ce qui est facturé, encaissé et reste dû',
      tags: ['billing'],
      access: STAFF,
      query: z.object({ date: isoDay.optional() }),
      response: deskDaySchema,
      audit: { action: 'billing.desk.read', resourceType: 'practice', details: (_p, r) => ({ date: r.date, consultations: r.consultations.length }) },
      async handler({ ctx, tx, query }) {
        return deskDay(tx, ctx, query.date);
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/drafts',
      summary: 'Préparer l’encaissement d’une consultation : actes proposés, parcours, tiers payant, rappels et devis au centime (rien n’est enregistré)',
      tags: ['billing'],
      access: STAFF,
      body: draftRequestSchema,
      response: z.object({ draft: draftSchema }),
      audit: {
        action: 'billing.draft.read',
        resourceType: 'patient',
        resourceId: (_b, r) => r.draft.patient.id,
        details: (_b, r) => ({ appointmentId: r.draft.appointmentId, practitionerId: r.draft.practitioner.id, totalCents: r.draft.amounts?.totalCents ?? null }),
      },
      async handler({ ctx, tx, body }) {
        return { draft: await draftInvoice(tx, ctx, body) };
      },
    }),
  ];
}
