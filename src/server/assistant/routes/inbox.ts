import { z } from 'zod';
import { route, fieldRoute, STAFF, idParams, type RouteDef } from '../../platform/http/route.js';
import { patientRef } from '../../platform/contract.js';
import { INTENTS, URGENCIES } from '../../triage/index.js';
import { activeMembers } from '../../staff/index.js';
import { bookingOptions, practiceLinks } from '../desk.service.js';
import { appointmentPayload, convertRequest } from '../conversions.js';
import {
  assignRequest,
  badgeCounts,
  inboxCounts,
  listRequests,
  matchRequestPatient,
  requestDetail,
  setRequestStatus,
} from '../inbox.js';
import { REQUEST_STATUSES } from '../schema.js';
import { boolString, requestSummary, task } from './shared.js';
import { badgeCounts as badgeCountsSchema, practiceLinks as practiceLinksSchema, inboxCounts as inboxCountsSchema, requestDetail as requestDetailSchema } from '../contract.js';

/** The desk's inbox: requests, their conversion, booking from a request, badge counts, links and assignees. */
export function inboxRoutes(opts: { env: NodeJS.ProcessEnv }): RouteDef[] {
  const { env } = opts;
  return [
    route({
      method: 'GET',
      url: '/api/assistant/requests',
      summary: 'Boîte de réception du secrétariat : demandes triées (vitales et du jour en tête tant qu’elles ne sont pas traitées, puis par échéance)',
      tags: ['assistant'],
      access: STAFF,
      query: z.object({
        status: z.enum(['new', 'in_progress', 'done', 'open']).optional(),
        urgency: z.enum(URGENCIES).optional(),
        category: z.enum(INTENTS).optional(),
        assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
        patientId: z.uuid().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(100),
      }),
      response: z.object({
        requests: z.array(requestSummary),
        counts: inboxCountsSchema,
      }),
      audit: { action: 'assistant.requests.listed', resourceType: 'inbox_request', details: (_p, r) => ({ results: r.requests.length }) },
      async handler({ ctx, tx, query }) {
        const requests = await listRequests(tx, ctx, query);
        return { requests, counts: await inboxCounts(tx, ctx.practiceId) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/assistant/requests/:id',
      summary: 'Une demande avec sa conversation, ses alertes et ses tâches',
      tags: ['assistant'],
      access: STAFF,
      params: idParams,
      response: requestDetailSchema,
      audit: { action: 'assistant.request.read', resourceType: 'inbox_request', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        return requestDetail(tx, ctx.practiceId, params.id);
      },
    }),
    fieldRoute({
      url: '/api/assistant/requests/:id/assign', summary: 'Attribuer une demande à un membre du cabinet (null : la libérer)',
      tags: ['assistant'], access: STAFF,
      field: ['assigneeId', z.uuid().nullable()], answer: ['request', requestSummary], set: assignRequest, // records assistant.request.assigned
    }),
    fieldRoute({
      url: '/api/assistant/requests/:id/status', summary: 'Changer le statut d’une demande (new, in_progress, done)',
      tags: ['assistant'], access: STAFF,
      field: ['status', z.enum(REQUEST_STATUSES as unknown as ['new', 'in_progress', 'done'])],
      answer: ['request', requestSummary], set: setRequestStatus, // records assistant.request.status_changed
    }),
    fieldRoute({
      url: '/api/assistant/requests/:id/match', summary: 'Rattacher la demande à un patient du cabinet (null : à rattacher)',
      tags: ['assistant'], access: STAFF,
      field: ['patientId', z.uuid().nullable()], answer: ['request', requestSummary], set: matchRequestPatient, // records assistant.request.patient_matched
    }),
    route({
      method: 'POST',
      url: '/api/assistant/requests/:id/convert',
      summary: 'Transformer la demande en rendez-vous (agenda), en tâche ou en message pour un praticien ; la demande passe à « traitée »',
      tags: ['assistant'],
      access: STAFF,
      params: idParams,
      body: z.object({
        kind: z.enum(['task', 'practitioner_message', 'appointment']),
        assigneeId: z.uuid().optional(),
        text: z.string().trim().min(1).max(4000).optional(),
        dueAt: z.iso.datetime({ offset: true }).optional(),
        /** kind = appointment: the slot chosen in the desk's booking dialog. */
        appointment: appointmentPayload.optional(),
      }),
      response: z.object({ request: requestSummary, outcome: z.object({ kind: z.string(), id: z.uuid() }), task: task.nullable() }),
      audit: 'none', // convertRequest records assistant.request.converted (and the agenda appointment.booked)
      async handler({ ctx, tx, params, body }) {
        const { appointment, ...rest } = body;
        return convertRequest(tx, ctx, params.id, { ...rest, dueAt: rest.dueAt ? new Date(rest.dueAt) : undefined, payload: appointment });
      },
    }),
    route({
      method: 'GET',
      url: '/api/assistant/requests/:id/booking-options',
      summary: 'Prise de rendez-vous depuis une demande : patient, préférences lues dans le message, praticiens, motifs et créneaux libres proposés',
      tags: ['assistant'],
      access: STAFF,
      params: idParams,
      query: z.object({
        practitionerId: z.uuid().optional(),
        motifId: z.uuid().optional(),
        date: z.iso.date().optional(),
        partOfDay: z.enum(['morning', 'afternoon']).optional(),
        after: z.iso.datetime({ offset: true }).optional(),
        /** Default: today only for a same-day request. */
        today: boolString.optional(),
      }),
      response: z.object({
        patient: patientRef.nullable(),
        urgency: z.enum(URGENCIES),
        preferences: z.object({ date: z.string().nullable(), time: z.string().nullable(), partOfDay: z.string().nullable(), text: z.string().nullable() }),
        practitioners: z.array(z.object({ id: z.uuid(), name: z.string() })),
        motifs: z.array(z.object({ id: z.uuid(), name: z.string(), practitionerId: z.uuid().nullable(), durationMinutes: z.number() })),
        slots: z.array(z.object({ practitionerId: z.uuid(), practitionerName: z.string(), start: z.string(), end: z.string() })),
        timeZone: z.string(),
      }),
      audit: { action: 'assistant.request.booking_options', resourceType: 'inbox_request', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, query }) {
        return bookingOptions(tx, ctx.practiceId, params.id, query);
      },
    }),
    route({
      method: 'GET',
      url: '/api/assistant/counts',
      summary: 'Compteurs de la boîte de réception pour le badge de navigation (nouvelles, vitales, du jour, alertes non acquittées) ; aucune donnée patient',
      tags: ['assistant'],
      access: STAFF,
      response: badgeCountsSchema,
      audit: 'none', // numbers only, polled by every open desk screen
      async handler({ ctx, tx }) {
        return badgeCounts(tx, ctx.practiceId);
      },
    }),
    route({
      method: 'GET',
      url: '/api/assistant/practice-links',
      summary: 'Adresses publiques du cabinet : discussion avec l’assistant, prise de rendez-vous en ligne, code du widget',
      tags: ['assistant'],
      access: STAFF,
      response: practiceLinksSchema,
      audit: 'none', // public practice information
      async handler({ ctx, tx, req }) {
        const origin = (env.PIVOT_PUBLIC_URL ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`).replace(/\/$/, '');
        return practiceLinks(tx, ctx.practiceId, origin);
      },
    }),
    route({
      method: 'GET',
      url: '/api/assistant/assignees',
      summary: 'Membres actifs du cabinet à qui attribuer une demande ou une tâche',
      tags: ['assistant'],
      access: STAFF,
      response: z.object({ assignees: z.array(z.object({ id: z.uuid(), name: z.string(), roles: z.array(z.string()) })) }),
      audit: 'none', // staff names only
      async handler({ ctx, tx }) {
        return { assignees: await activeMembers(tx, ctx.practiceId) };
      },
    }),
  ];
}
