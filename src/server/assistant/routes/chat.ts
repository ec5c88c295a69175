import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { publicRoute, type RouteDef } from '../../platform/http/route.js';
import { triageMessage } from '../../triage/index.js';
import { webChatConversationId, webChatHistory } from '../chat.service.js';
import type { LlmProvider } from '../llm.js';
import { composeReply, EMPTY_SHEET } from '../reply.js';
import { newConversationToken, receiveMessage } from '../service.js';
import { practiceOr404, publicReply, slug, toPublicReply } from './shared.js';
import { chatHistory, chatIntro } from '../contract.js';
import { clock } from '../../platform/clock.js';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A turn that looked a person up by name and birth date is answered no sooner than this: the lookup of a person on
 * file does more work than that of an invented one, and the chat's answer time must not tell which. Well above that
 * work on a normal day (tens of ms), and unnoticeable in a conversation.
 */
const IDENTITY_ANSWER_FLOOR_MS = 300;

async function holdUntil(at: number): Promise<void> {
  const wait = at - performance.now();
  if (wait > 0) await sleep(wait);
}

/** Public web chat (the widget): greeting, messages, history of the conversation in progress. */
export function chatRoutes(opts: { llm: LlmProvider | undefined; chatLimit: number }): RouteDef[] {
  const { llm, chatLimit } = opts;
  return [
    publicRoute({
      method: 'GET',
      url: '/api/assistant/chat/:practice',
      summary: 'Widget de discussion : nom du cabinet et message d’accueil (public)',
      tags: ['assistant'],
      access: 'public',
      rateLimit: 120,
      params: z.object({ practice: slug }),
      response: chatIntro,
      async handler({ db, params }) {
        const p = await practiceOr404(db, params.practice);
        return {
          practice: { name: p.name, slug: p.slug },
          greeting: {
            fr: `Bonjour, je suis l’assistant du cabinet « ${p.name} ». Écrivez votre demande : rendez-vous, ordonnance, question pratique… Je la transmets au secrétariat.`,
            en: `Hello, I am the assistant of “${p.name}”. Write your request: appointment, prescription, practical question… I will pass it to the front desk.`,
          },
          emergencyNotice: {
            fr: 'Urgence vitale : appelez le 15 ou le 112 (SMS au 114 pour les personnes sourdes ou malentendantes). Ce service ne remplace pas un appel d’urgence.',
            en: 'Life-threatening emergency: call 15 or 112 (text 114 if you are deaf or hard of hearing). This service does not replace an emergency call.',
          },
        };
      },
    }),
    publicRoute({
      method: 'POST',
      url: '/api/assistant/chat',
      summary: 'Widget de discussion : envoyer un message au cabinet et recevoir la réponse de l’assistant (public, limité par IP)',
      tags: ['assistant'],
      access: 'public',
      rateLimit: chatLimit,
      body: z.object({
        practice: slug,
        text: z.string().trim().min(1).max(2000),
        conversationToken: z.string().trim().min(20).max(100).optional(),
      }),
      response: z.object({ conversationToken: z.string(), reply: publicReply }),
      async handler({ db, body, req }) {
        const startedAt = performance.now();
        const p = await practiceOr404(db, body.practice);
        let conversationId: string | null = null;
        let token = body.conversationToken;
        if (token) conversationId = await webChatConversationId(db, p.id, token);
        let tokenHash: Buffer | undefined;
        if (!conversationId) {
          const fresh = newConversationToken();
          token = fresh.token;
          tokenHash = fresh.hash;
        }
        try {
          const result = await db
            .transaction()
            .execute((tx) => receiveMessage(tx, p.id, { channel: 'web_chat', from: null, text: body.text, receivedAt: clock.now(), conversationId, tokenHash }, { llm, ip: req.ip }));
          // After the commit, so that no connection is held while waiting.
          if (result.identityLookedUp) await holdUntil(startedAt + IDENTITY_ANSWER_FLOOR_MS);
          return { conversationToken: token!, reply: toPublicReply(result) };
        } catch (err) {
          // Safety net: even when the message cannot be stored, a vital message still gets the emergency instruction.
          const triage = triageMessage(body.text, { referenceDate: clock.now() });
          if (triage.urgency !== 'vital') throw err;
          req.log.error({ err }, 'assistant chat: vital message could not be stored');
          const r = composeReply({ triage, text: body.text, sheet: EMPTY_SHEET, channel: 'web_chat', patientKnown: false });
          return { conversationToken: token!, reply: { text: r.text, lang: r.lang, emergency: r.emergency, numbers: r.numbers, asked: r.asked, choices: [] } };
        }
      },
    }),
    publicRoute({
      method: 'POST',
      url: '/api/assistant/chat/history',
      summary: 'Widget de discussion : messages de la conversation en cours (jeton de conversation requis)',
      tags: ['assistant'],
      access: 'public',
      rateLimit: chatLimit,
      body: z.object({ practice: slug, conversationToken: z.string().trim().min(20).max(100) }),
      response: chatHistory,
      async handler({ db, body }) {
        const p = await practiceOr404(db, body.practice);
        const history = await webChatHistory(db, p.id, body.conversationToken);
        if (!history) throw new AppError('not_found');
        return history;
      },
    }),
  ];
}
