/** The audit layer's door for the composition root: the keyed chain and its admin routes. */
import type { Capability, PlatformDeps } from '../platform/capability.js';
import type { AuditChain } from './audit-chain.js';
import { auditRoutes } from './routes.js';

export { AuditChain } from './audit-chain.js';
export { appendAudit, recordAuditNow, type AuditEvent } from './service.js';

export const auditCapability: Capability<PlatformDeps & { audit: AuditChain }> = {
  name: 'audit',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => ({ routes: auditRoutes({ chain: d.audit }) }),
};
