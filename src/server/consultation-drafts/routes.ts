import { z } from 'zod';
import { route, PRACTITIONERS_AND_SECRETARIES, type RouteDef } from '../platform/http/route.js';
import { checkIn, draftIn, draftOut, problem } from './contract.js';
import type { DraftLanguageModel } from './model.js';
import { checkSentences, makeDraft } from './service.js';

/** The consultation assistant over HTTP (docs/tasks.md): drafts with citations, and the check before validation. */
const tags = ['consultation-drafts'];

export function consultationDraftRoutes(deps: { model?: DraftLanguageModel } = {}): RouteDef[] {
  return [
    route({
      method: 'POST', url: '/api/consultation-drafts', summary: 'Brouillon de synthèse et de lettre depuis une transcription : chaque phrase cite son passage', tags, access: PRACTITIONERS_AND_SECRETARIES,
      bodyLimit: 512 * 1024,
      body: draftIn,
      response: z.object({ draft: draftOut }),
      audit: 'none', // makeDraft audits it when a patient is linked; nothing is stored
      handler: async ({ ctx, tx, body }) => ({ draft: await makeDraft(tx, ctx, body, deps.model) }),
    }),
    route({
      method: 'POST', url: '/api/consultation-drafts/check', summary: 'Vérifier un brouillon corrigé : une phrase sans source (ou qui dit autre chose que son passage) ne peut pas être validée', tags, access: PRACTITIONERS_AND_SECRETARIES,
      bodyLimit: 512 * 1024,
      body: checkIn,
      response: z.object({ ready: z.boolean(), problems: z.array(problem) }),
      audit: 'none', // nothing stored, no patient linked
      handler: async ({ body }) => {
        const problems = checkSentences(body.transcript, body.sentences);
        return { ready: problems.length === 0, problems };
      },
    }),
  ];
}
