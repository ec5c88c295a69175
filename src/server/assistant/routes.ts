import type { RouteDef } from '../platform/http/route.js';
import { llmFromEnv, type LlmProvider } from './llm.js';
import { alertRoutes } from './routes/alerts.js';
import { chatRoutes } from './routes/chat.js';
import { inboxRoutes } from './routes/inbox.js';
import { outboxRoutes } from './routes/outbox.js';
import { sheetRoutes } from './routes/sheet.js';
import { taskRoutes } from './routes/tasks.js';
import { webhookRoutes } from './routes/webhooks.js';
import type { Messaging } from '../messaging/index.js';

/**
 * The intake assistant's HTTP surface: public channels (web chat, SMS webhook, phone-transcript webhook) and the
 * desk's inbox (authenticated, audited). See docs/assistant.md.
 */
export interface AssistantDeps {
  /** Sends the SMS replies (one outbox, retried by the job queue) through the installation's SMS gateway. */
  messaging: Messaging;
  /** Defaults to the provider named by PIVOT_LLM_URL / PIVOT_LLM_MODEL (none when unset). */
  llm?: LlmProvider | undefined;
  /** Read at request time (webhook secrets) so that they can be rotated by a restart-free reload of the env. */
  env?: NodeJS.ProcessEnv;
  /** Base of the links the assistant gives by SMS (the online booking page). */
  publicUrl?: string | undefined;
}

export function assistantRoutes(deps: AssistantDeps): RouteDef[] {
  const env = deps.env ?? process.env;
  const { messaging } = deps;
  const llm = deps.llm ?? llmFromEnv(env);
  const chatLimit = Number(env.PIVOT_ASSISTANT_CHAT_RATE_LIMIT ?? 30);

  return [
    ...chatRoutes({ llm, chatLimit }),
    ...webhookRoutes({ env, messaging, llm, publicUrl: deps.publicUrl }),
    ...inboxRoutes({ env }),
    ...alertRoutes(),
    ...taskRoutes(),
    ...sheetRoutes(),
    ...outboxRoutes({ sms: messaging.sms }),
  ];
}
