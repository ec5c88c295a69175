/**
 * The correspondence capability's only door: the register in and out, the address book, letters (docs/correspondence.md).
 */
export { correspondenceRoutes, type CorrespondenceDeps } from './routes.js';
export { startCorrespondenceSmtp, correspondenceSmtpConfig } from './inbound-smtp.js';
export { imapJobHandlers, pollMailbox, IMAP_POLL_JOB } from './inbound-imap.js';
export { SimulatedMssante, queueLetterByEmail, type MssanteAdapter, type MssanteMessage } from './send.js';
export { seedCorrespondenceDemo } from './demo.js';
export { proposePatients } from './propose.js';
