/** The practices capability: the practice's settings; a practice found by its public slug (others' pages and inboxes). */
import type { Capability } from '../platform/capability.js';
import { practiceRoutes } from './routes.js';

export { practiceBySlug } from './lookup.service.js';

export const practicesCapability: Capability = { name: 'practices', mount: () => ({ routes: practiceRoutes() }) };
