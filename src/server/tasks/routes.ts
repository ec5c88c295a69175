import { z } from 'zod';
import { route, STAFF, idParams, type RouteDef } from '../platform/http/route.js';
import { setPhoneMessageRead } from '../phone-log/index.js';
import { activeMembers } from '../staff/index.js';
import { counts as countsSchema, inboxItem, newMessage, newTask, patientRequest, requestCounts, task, ROLE_VALUES } from './contract.js';
import { TASK_STATUSES } from './schema.js';
import { counts, inbox, patientRequestsForMe } from './inbox.service.js';
import { sendMessage, setMessageRead } from './messages.service.js';
import { createTask, listTasks, updateTask } from './work-tasks.service.js';
import type { TasksLive } from './live.js';

/** Messages and tasks over HTTP (docs/tasks.md). Every member of the practice uses them. */
const tags = ['tasks'];

export function tasksRoutes(deps: { live: TasksLive }): RouteDef[] {
  return [
    route({
      method: 'GET', url: '/api/tasks/inbox', summary: 'Mes messages (internes et téléphoniques), les plus récents d’abord, et mes compteurs', tags, access: STAFF,
      query: z.object({ status: z.enum(['unread', 'all']).default('all'), limit: z.coerce.number().int().min(1).max(500).default(200) }),
      response: z.object({ items: z.array(inboxItem), counts: countsSchema }),
      audit: 'none', // inbox() audits the read when patients are linked
      handler: async ({ ctx, tx, query }) => inbox(tx, ctx, query),
    }),
    route({
      method: 'GET', url: '/api/tasks/counts', summary: 'Compteurs de la navigation : messages non lus, nouvelles tâches ; demandes des patients à traiter (à part)', tags, access: STAFF,
      response: countsSchema,
      audit: 'none', // numbers only
      handler: async ({ ctx, tx }) => counts(tx, ctx),
    }),
    route({
      method: 'GET', url: '/api/tasks/patient-requests', summary: 'Demandes des patients triées par l’assistant : les miennes puis les urgentes sans responsable, et les compteurs', tags, access: STAFF,
      query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: z.object({ requests: z.array(patientRequest), counts: requestCounts }),
      audit: 'none', // patientRequestsForMe audits the read when patients are named
      handler: async ({ ctx, tx, query }) => patientRequestsForMe(tx, ctx, query.limit),
    }),
    route({
      method: 'POST', url: '/api/tasks/messages', summary: 'Envoyer un message à un membre ou à un rôle, avec un patient lié au besoin', tags, access: STAFF, status: 201,
      body: newMessage,
      response: z.object({ id: z.uuid() }),
      audit: 'none', // sendMessage records staff_message.sent
      handler: async ({ ctx, tx, body }) => ({ id: await sendMessage(tx, ctx, body) }),
    }),
    route({
      method: 'POST', url: '/api/tasks/messages/:id/read', summary: 'Marquer un message (interne ou téléphonique) lu ou non lu, pour moi', tags, access: STAFF,
      params: idParams,
      body: z.object({ read: z.boolean(), kind: z.enum(['message', 'phone']).default('message') }),
      response: z.object({ counts: countsSchema }),
      audit: 'none', // the services record it
      async handler({ ctx, tx, params, body }) {
        if (body.kind === 'phone') await setPhoneMessageRead(tx, ctx, params.id, body.read);
        else await setMessageRead(tx, ctx, params.id, body.read);
        return { counts: await counts(tx, ctx) };
      },
    }),
    route({
      method: 'GET', url: '/api/tasks/tasks', summary: 'Tâches : les miennes, celles que j’ai données, ou celles du cabinet ; ouvertes et urgentes d’abord', tags, access: STAFF,
      query: z.object({
        scope: z.enum(['mine', 'given', 'all']).default('mine'),
        status: z.enum([...TASK_STATUSES, 'any']).default('open'),
        limit: z.coerce.number().int().min(1).max(500).default(200),
      }),
      response: z.object({ tasks: z.array(task) }),
      audit: { action: 'staff_task.listed', resourceType: 'staff_task', details: (_p, r) => ({ results: r.tasks.length, withPatient: r.tasks.filter((t) => t.patient).length }) },
      handler: async ({ ctx, tx, query }) => ({ tasks: await listTasks(tx, ctx, query) }),
    }),
    route({
      method: 'POST', url: '/api/tasks/tasks', summary: 'Créer une tâche : titre, personne chargée, échéance, patient lié', tags, access: STAFF, status: 201,
      body: newTask,
      response: z.object({ task }),
      audit: 'none', // createTask records staff_task.created
      handler: async ({ ctx, tx, body }) => ({ task: await createTask(tx, ctx, body) }),
    }),
    route({
      method: 'PATCH', url: '/api/tasks/tasks/:id', summary: 'Changer le statut d’une tâche (faite, annulée, rouverte) ou la marquer vue', tags, access: STAFF,
      params: idParams,
      body: z.object({ status: z.enum(TASK_STATUSES).optional(), seen: z.boolean().optional() }),
      response: z.object({ task }),
      audit: 'none', // updateTask records status changes
      handler: async ({ ctx, tx, params, body }) => ({ task: await updateTask(tx, ctx, params.id, body) }),
    }),
    route({
      method: 'GET', url: '/api/tasks/recipients', summary: 'Destinataires possibles : membres actifs et rôles', tags, access: STAFF,
      response: z.object({ members: z.array(z.object({ id: z.uuid(), name: z.string(), roles: z.array(z.enum(ROLE_VALUES)) })), roles: z.array(z.enum(ROLE_VALUES)) }),
      audit: 'none', // staff names only
      handler: async ({ ctx, tx }) => ({ members: await activeMembers(tx, ctx.practiceId), roles: [...ROLE_VALUES] }),
    }),
    route({
      method: 'GET', url: '/api/tasks/events', summary: 'Notifications en direct (server-sent events) : expéditeur et « nouveau message », sans contenu médical', tags, access: STAFF,
      raw: true,
      audit: 'none', // previews carry no patient data; the list is read through /api/tasks/inbox (audited)
      async handler({ ctx, req, reply }) {
        if (!String(req.headers.accept ?? '').includes('text/event-stream')) {
          reply.code(200).send({ stream: 'text/event-stream', events: ['ready', 'tasks.new', 'tasks.changed'] });
          return;
        }
        await deps.live.stream(ctx, req, reply);
      },
    }),
  ];
}
