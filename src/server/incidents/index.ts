/** The incident log: difficult situations, visible to administrators. See docs/desk.md. */
export { incidentRoutes } from './routes.js';
export { seedIncidentsDemo } from './demo.js';

import type { Capability } from '../platform/capability.js';
import { incidentRoutes } from './routes.js';

export const incidentsCapability: Capability = {
  name: 'incidents',
  migrations: new URL('./migrations/', import.meta.url),
  mount: () => ({ routes: incidentRoutes() }),
};
