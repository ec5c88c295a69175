/** Messages and tasks between staff, with the phone log's messages in the same list (docs/tasks.md). */
export { tasksRoutes } from './routes.js';
export { TasksLive, TASKS_CHANNEL } from './live.js';
export { previewOf } from './rules.js';
