/** The staff capability's door for the others: the practice's active members, and one member's roles. */
export { activeMemberRoles, activeMembers } from './service.js';

import type { Capability } from '../platform/capability.js';
import { authDepsOf } from '../auth/index.js';
import { staffRoutes } from './routes.js';

export const staffCapability: Capability = { name: 'staff', mount: (d) => ({ routes: staffRoutes(authDepsOf(d)) }) };
