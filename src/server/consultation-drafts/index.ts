/** The consultation assistant: drafts from a transcript, every sentence citing its passage (docs/tasks.md). */
export { consultationDraftRoutes } from './routes.js';
export type { DraftLanguageModel } from './model.js';
export { checkSentences } from './service.js';
export { sectionHeading } from './letter.js';
export { sentence as draftSentence, MAX_TRANSCRIPT } from './contract.js';

import type { Capability } from '../platform/capability.js';
import { consultationDraftRoutes } from './routes.js';

/** No language model is wired: drafts come from the rules (the adapter exists, off by default). */
export const consultationDraftsCapability: Capability = {
  name: 'consultation-drafts',
  mount: () => ({ routes: consultationDraftRoutes() }),
};
