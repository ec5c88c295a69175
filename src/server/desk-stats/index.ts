/** Desk statistics: waiting times, arrivals vs appointments, no-shows, walk-ins, calls. See docs/desk.md. */
export { deskStatsRoutes } from './routes.js';

import type { Capability } from '../platform/capability.js';
import { deskStatsRoutes } from './routes.js';

export const deskStatsCapability: Capability = { name: 'desk-stats', mount: () => ({ routes: deskStatsRoutes() }) };
