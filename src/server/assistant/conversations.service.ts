import crypto from 'node:crypto';
import type { Tx } from '../platform/db/database.js';
import type { TriageResult } from '../triage/index.js';
import type { MissingPiece } from './reply.js';
import type { Channel } from './schema.js';
import type { ReceiveResult } from './service.js';

/**
 * Conversations: the thread a message belongs to (web chat token, phone call id, or the same address within a
 * window), the state kept on it, and a provider's retry recognised by the message's external id.
 */

/** A message arriving on any channel. */
export interface InboundMessage {
  channel: Channel;
  /** Phone number (SMS, phone) or e-mail address (e-mail); null for the web chat. */
  from: string | null;
  text: string;
  receivedAt: Date;
  /** Provider's message id / Message-ID / call id: a message delivered twice is processed once. */
  externalId?: string | null | undefined;
  /** Phone: the call id groups the transcript into one conversation. */
  externalRef?: string | null | undefined;
  /** Web chat: the conversation the browser continues (resolved from its token by the route). */
  conversationId?: string | null | undefined;
  /** Web chat: hash of the new conversation's token. */
  tokenHash?: Buffer | undefined;
}

/** Dialogue state kept on the conversation. `booking`: the booking dialog (`dialog/state.ts`, validated with zod). */
export interface ConversationState {
  openRequestId?: string;
  asked?: MissingPiece[];
  lastIntent?: string;
  booking?: unknown;
}

/** A new SMS or e-mail from the same address within this window continues the conversation. */
const CONTINUE_WINDOW_MS = { sms: 24 * 3600_000, email: 72 * 3600_000, web_chat: 24 * 3600_000, phone: 0 } as const;

export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest();
}

export function newConversationToken(): { token: string; hash: Buffer } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export async function resolveConversation(tx: Tx, practiceId: string, input: InboundMessage) {
  const base = () => tx.selectFrom('conversations').selectAll().where('practice_id', '=', practiceId).where('channel', '=', input.channel);
  if (input.channel === 'web_chat' && input.conversationId) {
    const found = await base().where('id', '=', input.conversationId).executeTakeFirst();
    if (found) return found;
  }
  if (input.channel === 'phone' && input.externalRef) {
    const found = await base().where('external_ref', '=', input.externalRef).executeTakeFirst();
    if (found) return found;
  }
  if ((input.channel === 'sms' || input.channel === 'email') && input.from) {
    const since = new Date(input.receivedAt.getTime() - CONTINUE_WINDOW_MS[input.channel]);
    const found = await base()
      .where('external_address', '=', input.from)
      .where('last_activity_at', '>=', since)
      .orderBy('last_activity_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (found) return found;
  }
  if (input.channel === 'web_chat' && !input.tokenHash) throw new Error('web chat conversation needs a token');
  return tx
    .insertInto('conversations')
    .values({
      practice_id: practiceId,
      channel: input.channel,
      external_address: input.from,
      token_hash: input.channel === 'web_chat' ? input.tokenHash! : null,
      external_ref: input.channel === 'phone' ? (input.externalRef ?? null) : null,
      started_at: input.receivedAt,
      last_activity_at: input.receivedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A message already received with this external id (a provider retrying a webhook), if any. */
export async function retriedMessage(tx: Tx, practiceId: string, channel: Channel, externalId: string) {
  return tx
    .selectFrom('conversation_messages as m')
    .innerJoin('conversations as c', (j) => j.onRef('c.id', '=', 'm.conversation_id').onRef('c.practice_id', '=', 'm.practice_id'))
    .select(['m.id', 'm.conversation_id', 'm.triage', 'm.at'])
    .where('m.practice_id', '=', practiceId)
    .where('c.channel', '=', channel)
    .where('m.external_id', '=', externalId)
    .where('m.direction', '=', 'in')
    .executeTakeFirst();
}

/** The answer to a retried message: what was already decided, nothing new stored. */
export async function duplicateResult(
  tx: Tx,
  practiceId: string,
  seen: { id: string; conversation_id: string; triage: Record<string, unknown> | null; at: Date },
): Promise<ReceiveResult> {
  const out = await tx
    .selectFrom('conversation_messages')
    .select('body')
    .where('practice_id', '=', practiceId)
    .where('conversation_id', '=', seen.conversation_id)
    .where('direction', '=', 'out')
    .where('at', '>=', seen.at)
    .orderBy('at')
    .limit(1)
    .executeTakeFirst();
  const triage = seen.triage as unknown as TriageResult;
  const request = await tx
    .selectFrom('inbox_requests')
    .select(['id', 'category', 'urgency', 'status'])
    .where('practice_id', '=', practiceId)
    .where('conversation_id', '=', seen.conversation_id)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    conversationId: seen.conversation_id,
    messageId: seen.id,
    triage,
    reply: { text: out?.body ?? '', lang: triage.lang, emergency: triage.urgency === 'vital', numbers: [], asked: [], fileRequest: true },
    request: request ? { ...request, created: false } : null,
    alertId: null,
    duplicate: true,
  };
}
