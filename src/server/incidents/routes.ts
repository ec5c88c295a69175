import { z } from 'zod';
import { route, type RouteDef } from '../platform/http/route.js';
import { FOLLOW_UP_ACTIONS, INCIDENT_KINDS, INCIDENT_SEVERITIES } from './schema.js';
import { createIncident, getIncident, listIncidents, updateIncident } from './service.js';

/** The incident log's HTTP surface (see docs/desk.md). */
const person = z.object({ id: z.uuid(), name: z.string() });
const incident = z.object({
  id: z.uuid(),
  kind: z.enum(INCIDENT_KINDS),
  occurredAt: z.string(),
  place: z.string(),
  description: z.string(),
  severity: z.enum(INCIDENT_SEVERITIES),
  staff: z.array(person),
  patient: z.object({ id: z.uuid(), name: z.string(), birthDate: z.string() }).nullable(),
  others: z.string().nullable(),
  followUp: z.array(z.enum(FOLLOW_UP_ACTIONS)),
  followUpNote: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  closedBy: person.nullable(),
  declaredBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
});
const id = z.object({ id: z.uuid() });
const everyone = { roles: ['admin', 'practitioner', 'secretary'] as const };

export function incidentRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/incidents',
      summary: 'Registre des incidents : tous pour un administrateur, ses propres déclarations pour les autres',
      tags: ['incidents'],
      access: everyone,
      query: z.object({ status: z.enum(['open', 'closed', 'all']).default('all') }),
      response: z.object({ incidents: z.array(incident), seesAll: z.boolean() }),
      audit: { action: 'incident.listed', resourceType: 'incident', details: (_p, r) => ({ results: r.incidents.length }) },
      async handler({ ctx, tx, query }) {
        return { incidents: await listIncidents(tx, ctx, query.status), seesAll: ctx.roles.includes('admin') };
      },
    }),
    route({
      method: 'GET',
      url: '/api/incidents/:id',
      summary: 'Un incident (administrateur, ou son déclarant)',
      tags: ['incidents'],
      access: everyone,
      params: id,
      response: z.object({ incident }),
      audit: { action: 'incident.read', resourceType: 'incident', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        return { incident: await getIncident(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/incidents',
      summary: 'Déclarer un incident : nature, date, lieu, description, personnes impliquées, gravité, suites',
      tags: ['incidents'],
      access: everyone,
      status: 201,
      body: z.object({
        kind: z.enum(INCIDENT_KINDS),
        occurredAt: z.iso.datetime({ offset: true }),
        place: z.string().trim().min(1).max(200),
        description: z.string().trim().min(3).max(8000),
        severity: z.enum(INCIDENT_SEVERITIES),
        staffIds: z.array(z.uuid()).max(20).default([]),
        patientId: z.uuid().nullable().optional(),
        others: z.string().trim().max(2000).nullable().optional(),
        followUp: z.array(z.enum(FOLLOW_UP_ACTIONS)).max(FOLLOW_UP_ACTIONS.length).default([]),
        followUpNote: z.string().trim().max(4000).nullable().optional(),
      }),
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
      access: { roles: ['admin'] },
      params: id,
      body: z.object({
        severity: z.enum(INCIDENT_SEVERITIES).optional(),
        followUp: z.array(z.enum(FOLLOW_UP_ACTIONS)).max(FOLLOW_UP_ACTIONS.length).optional(),
        followUpNote: z.string().trim().max(4000).nullable().optional(),
        status: z.enum(['open', 'closed']).optional(),
      }),
      response: z.object({ incident }),
      audit: 'none', // updateIncident records it
      async handler({ ctx, tx, params, body }) {
        return { incident: await updateIncident(tx, ctx, params.id, body) };
      },
    }),
  ];
}
