import { z } from 'zod';
import { route, fieldRoute, STAFF, type RouteDef } from '../../platform/http/route.js';
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
    fieldRoute({
      url: '/api/assistant/tasks/:id/done', summary: 'Marquer une tâche faite (ou non faite)', tags: ['assistant'], access: STAFF,
      field: ['done', z.boolean()], answer: ['task', task], set: setTaskDone, // records assistant.task.updated
    }),
  ];
}
