/** Messages and tasks between staff, with the phone log's messages in the same list (docs/tasks.md). */
export { tasksRoutes } from './routes.js';
export { TasksLive, TASKS_CHANNEL } from './live.js';
export { previewOf } from './rules.js';

import type { Capability } from '../platform/capability.js';
import { tasksRoutes } from './routes.js';
import { TasksLive } from './live.js';

/** Messages and tasks, with their live stream on the shared LISTEN hub. */
export const tasksCapability: Capability = {
  name: 'tasks',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => {
    const live = new TasksLive(d.liveHub);
    return { routes: tasksRoutes({ live }), preClose: async () => live.close() };
  },
};
