/** The health capability: liveness and readiness for the operator. */
import type { Capability } from '../platform/capability.js';
import { healthRoutes } from './routes.js';

export const healthCapability: Capability = {
  name: 'health',
  mount: (d) => ({ routes: healthRoutes(d.databaseKind, d.config.demo) }),
};
