import { z } from 'zod';
import { route, type RouteDef } from '../platform/http/route.js';
import { getSpellChecker } from './checker.js';
import { spellIssueSchema } from './contract.js';

/**
 * The spell-check for the web editor: the same checker as `pivot spellcheck` (loaded once per process, on the
 * first call), offsets in UTF-16 code units of `text`, at most 5 suggestions best first.
 */
export function spellcheckRoutes(): RouteDef[] {
  return [
    route({
      method: 'POST',
      url: '/api/spellcheck',
      summary: 'Vérifier l’orthographe d’un texte (français et lexique médical), avec des suggestions',
      tags: ['spellcheck'],
      access: { roles: ['practitioner', 'secretary'] as const },
      body: z.object({ text: z.string().max(20_000), extraWords: z.array(z.string().max(60)).max(200).default([]) }),
      response: z.object({ issues: z.array(spellIssueSchema) }),
      // Nothing is read from or written to a record: the text being typed is checked in memory and forgotten.
      audit: 'none',
      async handler({ body }) {
        const checker = await getSpellChecker();
        return { issues: checker.check(body.text, { extraWords: body.extraWords }) };
      },
    }),
  ];
}
