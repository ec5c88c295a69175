/**
 * The correspondence capability's only door: the register in and out, the address book, letters (docs/correspondence.md).
 */
export { correspondenceRoutes, type CorrespondenceDeps } from './routes.js';
export { startCorrespondenceSmtp, correspondenceSmtpConfig } from './inbound-smtp.js';
export { imapJobHandlers, pollMailbox, IMAP_POLL_JOB } from './inbound-imap.js';
export { SimulatedMssante, queueLetterByEmail, type MssanteAdapter, type MssanteMessage } from './send.js';
export { seedCorrespondenceDemo } from './demo.js';
export { proposePatients } from './propose.js';
// Reports (src/server/reports) fill their merge fields and send their validated PDF through the register.
export { FILLED_MERGE_FIELDS, mergeFieldValues, type FieldsFor } from './fields.service.js';
export { sendPreparedLetter, type PreparedLetter, type LetterDeps } from './letters.service.js';
export { addressLines } from './rules.js';
export { correspondentName } from './correspondents.service.js';

import type { Capability, PlatformDeps } from '../platform/capability.js';
import { correspondenceRoutes } from './routes.js';
import type { MssanteAdapter } from './send.js';
import type { JobHandlers } from '../jobs/index.js';
import { imapJobHandlers } from './inbound-imap.js';

export const correspondenceCapability: Capability<PlatformDeps & { mssante: MssanteAdapter }, JobHandlers> = {
  name: 'correspondence',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => ({
    routes: correspondenceRoutes({ keyring: d.keyring, mailer: d.mailer, mssante: d.mssante, maxBytes: d.config.documentMaxBytes }),
    // The practices' mailboxes read over IMAP into the register.
    jobHandlers: imapJobHandlers({ db: d.db, keyring: d.keyring, log: d.log }),
  }),
};
