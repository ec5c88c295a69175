/** The practices capability: the practice's settings. */
import type { Capability } from '../platform/capability.js';
import { practiceRoutes } from './routes.js';

export const practicesCapability: Capability = { name: 'practices', mount: () => ({ routes: practiceRoutes() }) };
