/** The consultation assistant: drafts from a transcript, every sentence citing its passage (docs/tasks.md). */
export { consultationDraftRoutes } from './routes.js';
export type { DraftLanguageModel } from './model.js';
