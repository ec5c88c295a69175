/**
 * The correspondence capability's only door: the register in and out, the address book, letters (docs/correspondence.md).
 */
export { correspondenceRoutes, type CorrespondenceDeps } from './routes.js';
export { startCorrespondenceSmtp, correspondenceSmtpConfig } from './inbound-smtp.js';
export { SimulatedMssante, queueLetterByEmail, type MssanteAdapter, type MssanteMessage } from './send.js';
export { seedCorrespondenceDemo } from './demo.js';
export { proposePatients } from './propose.js';

import type { Capability, PlatformDeps } from '../platform/capability.js';
import { correspondenceRoutes } from './routes.js';
import type { MssanteAdapter } from './send.js';

export const correspondenceCapability: Capability<PlatformDeps & { mssante: MssanteAdapter }> = {
  name: 'correspondence',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => ({ routes: correspondenceRoutes({ keyring: d.keyring, mailer: d.mailer, mssante: d.mssante, maxBytes: d.config.documentMaxBytes }) }),
};
