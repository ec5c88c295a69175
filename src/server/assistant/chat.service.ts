import type { Db } from '../platform/db/database.js';
import { hashToken } from './service.js';
import { clock } from '../platform/clock.js';

/** The web chat's conversations: a conversation token stays good while the conversation was active in the last 24 hours. */
function activeWebChat(db: Db, practiceId: string, token: string) {
  return db
    .selectFrom('conversations')
    .where('practice_id', '=', practiceId)
    .where('channel', '=', 'web_chat')
    .where('token_hash', '=', hashToken(token))
    .where('last_activity_at', '>', new Date(clock.nowMs() - 24 * 3600_000));
}

/** The conversation of a web-chat token, or null (unknown or expired: a new conversation is started). */
export async function webChatConversationId(db: Db, practiceId: string, token: string): Promise<string | null> {
  const found = await activeWebChat(db, practiceId, token).select('id').executeTakeFirst();
  return found?.id ?? null;
}

/** The messages of a token's web-chat conversation (at most 200), or undefined for an unknown or expired token. */
export async function webChatHistory(db: Db, practiceId: string, token: string) {
  const conv = await activeWebChat(db, practiceId, token).select(['id', 'language']).executeTakeFirst();
  if (!conv) return undefined;
  const messages = await db
    .selectFrom('conversation_messages')
    .select(['direction', 'body', 'at', 'emergency'])
    .where('practice_id', '=', practiceId)
    .where('conversation_id', '=', conv.id)
    .orderBy('at')
    .orderBy('created_at')
    .limit(200)
    .execute();
  return { language: conv.language, messages: messages.map((m) => ({ direction: m.direction, text: m.body, at: new Date(m.at).toISOString(), emergency: m.emergency })) };
}
