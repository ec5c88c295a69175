import { z } from 'zod';
import { route, STAFF, idParams, type RouteDef } from '../../platform/http/route.js';
import { listTasks, setTaskDone } from '../tasks.service.js';
import { boolString, task } from './shared.js';

/** Tasks and messages for practitioners. */
export function taskRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/assistant/tasks',
      summary: 'Tâches et messages pour les praticiens (assignee = me | id ; done = true | false)',
      tags: ['assistant'],
      access: STAFF,
      query: z.object({
        assignee: z.union([z.literal('me'), z.uuid()]).optional(),
        done: boolString.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(100),
      }),
      response: z.object({ tasks: z.array(task) }),
      audit: { action: 'assistant.tasks.listed', resourceType: 'task', details: (_p, r) => ({ results: r.tasks.length }) },
      async handler({ ctx, tx, query }) {
        return { tasks: await listTasks(tx, ctx, query) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/assistant/tasks/:id/done',
      summary: 'Marquer une tâche faite (ou non faite)',
      tags: ['assistant'],
      access: STAFF,
      params: idParams,
      body: z.object({ done: z.boolean() }),
      response: z.object({ task }),
      audit: 'none', // setTaskDone records assistant.task.updated
      async handler({ ctx, tx, params, body }) {
        return { task: await setTaskDone(tx, ctx, params.id, body.done) };
      },
    }),
  ];
}
