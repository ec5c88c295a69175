import { z } from 'zod';
import { route, recordRoute, ADMINS, STAFF, idParams, type RouteDef } from '../platform/http/route.js';
import { incidentUpdateInput, incidentView as incident, newIncidentInput } from './contract.js';
import { createIncident, getIncident, listIncidents, updateIncident } from './service.js';

/** The incident log's HTTP surface (see docs/desk.md). */
export function incidentRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/incidents',
      summary: 'Registre des incidents : tous pour un administrateur, ses propres déclarations pour les autres',
      tags: ['incidents'],
      access: STAFF,
      query: z.object({ status: z.enum(['open', 'closed', 'all']).default('all') }),
      response: z.object({ incidents: z.array(incident), seesAll: z.boolean() }),
      audit: { action: 'incident.listed', resourceType: 'incident', details: (_p, r) => ({ results: r.incidents.length }) },
      async handler({ ctx, tx, query }) {
        return { incidents: await listIncidents(tx, ctx, query.status), seesAll: ctx.roles.includes('admin') };
      },
    }),
    recordRoute({
      url: '/api/incidents/:id', summary: 'Un incident (administrateur, ou son déclarant)', tags: ['incidents'], access: STAFF,
      answer: ['incident', incident], audit: ['incident.read', 'incident'], run: getIncident,
    }),
    route({
      method: 'POST',
      url: '/api/incidents',
      summary: 'Déclarer un incident : nature, date, lieu, description, personnes impliquées, gravité, suites',
      tags: ['incidents'],
      access: STAFF,
      status: 201,
      body: newIncidentInput,
      response: z.object({ incident }),
      audit: 'none', // createIncident records incident.declared
      async handler({ ctx, tx, body }) {
        return { incident: await createIncident(tx, ctx, body) };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/incidents/:id',
      summary: 'Suivi d’un incident (administrateurs) : gravité, suites données, clôture ou réouverture',
      tags: ['incidents'],
      access: ADMINS,
      params: idParams,
      body: incidentUpdateInput,
      response: z.object({ incident }),
      audit: 'none', // updateIncident records it
      async handler({ ctx, tx, params, body }) {
        return { incident: await updateIncident(tx, ctx, params.id, body) };
      },
    }),
  ];
}
