/**
 * The messaging capability's only door: one outbox for every SMS and e-mail Pivot sends, delivered exactly once
 * through the job queue (docs/messaging.md). Capabilities queue messages in their own transactions
 * (`queueMessage`), check consent with the pure rules, and read their outbox screens from here.
 */
import './db-types.js';
export { Messaging, mailTransport, type MessagingOptions } from './messaging.service.js';
export { queueMessage, practiceOutbox, assistantSmsOutbox, staffMailOutbox, SEND_JOB, type OutgoingMessage, type SendPayload } from './outbox.service.js';
export { sendJob, type DeliveryDeps } from './delivery.service.js';
export { addressOn, allowedChannels, textsOn, toE164, sendJobKey, SMS_MAX_CHARS, type ChannelTexts, type ConsentInput } from './rules.js';
export { messagingRoutes } from './routes.js';
export { practiceOutboxSchema, smsOutboxSchema, staffOutboxSchema, MESSAGE_KINDS, MESSAGE_CHANNELS } from './contract.js';
export type { MessageKind, MessageChannel, MessageStatus, PracticeOutbox, SmsOutbox, StaffOutbox } from './contract.js';
export type { OutgoingMessagesTable } from './db-types.js';
export type { Mailer, OutgoingMail } from '../platform/mail/mailer.js';
export { SmsSimulator, HttpSmsProvider, smsProviderFromEnv, type SmsProvider, type SmsSendResult } from '../platform/sms/index.js';

import type { Capability, PlatformDeps } from '../platform/capability.js';
import type { JobHandlers } from '../jobs/index.js';
import type { Messaging as MessagingService } from './messaging.service.js';
import { messagingRoutes } from './routes.js';

/** The outbox itself is created first by compose.ts (it is the platform's Mailer): the descriptor adds its routes and send job. */
export const messagingCapability: Capability<PlatformDeps & { messaging: MessagingService }, JobHandlers> = {
  name: 'messaging',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => ({ routes: messagingRoutes({ mailer: d.mailer }), jobHandlers: d.messaging.jobHandlers() }),
};
