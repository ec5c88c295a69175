/** The intake assistant: channels (web chat, SMS, e-mail over SMTP, phone transcripts), inbox, alerts. See docs/assistant.md. */
export { assistantRoutes, type AssistantDeps } from './routes.js';
export { startInboundSmtp, inboundSmtpConfig, type InboundSmtp, type InboundSmtpDeps } from './smtp.js';
export { receiveMessage, receiveInOwnTransaction, type InboundMessage, type ReceiveResult, type ConversationState } from './service.js';
export { composeReply, answerFromSheet, type PracticeSheet, type ComposedReply } from './reply.js';
export { dueAt } from './due.js';
export { mergeLlm, llmFromEnv, OpenAiCompatibleLlm, type LlmProvider, type LlmSuggestion } from './llm.js';
export { SmsSimulator, type SmsProvider } from './sms.js';
export { registerConversion, type Converter, type ConversionInput } from './conversions.js';
export { patientRequests } from './patient-requests.js';
export { staffRequestCounts, staffRequests, type StaffRequestCounts } from './staff-work.js';

export { loadSheet } from './service.js';
import type { Capability, PlatformDeps } from '../platform/capability.js';
import type { Messaging } from '../messaging/index.js';
import { assistantRoutes } from './routes.js';

export const assistantCapability: Capability<PlatformDeps & { messaging: Messaging }> = {
  name: 'assistant',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => ({ routes: assistantRoutes({ messaging: d.messaging, publicUrl: d.config.publicUrl }) }),
};
