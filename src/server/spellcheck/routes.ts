import { z } from 'zod';
import { route, ADMINS, PRACTITIONERS_AND_SECRETARIES, STAFF, idParams, type RouteDef } from '../platform/http/route.js';
import { getSpellChecker } from './checker.js';
import { practiceWordView, spellIssueSchema } from './contract.js';
import { addPracticeWord, listPracticeWords, practiceWords, removePracticeWord } from './practice-words.service.js';

/**
 * The spell-check for the web editor: the same checker as `pivot spellcheck` (loaded once per process, on the
 * first call), offsets in UTF-16 code units of `text`, at most 5 suggestions best first; the practice dictionary
 * (list, add, remove) whose words the check accepts for that practice only.
 */
export function spellcheckRoutes(): RouteDef[] {
  return [
    route({
      method: 'POST',
      url: '/api/spellcheck',
      summary: 'Vérifier l’orthographe d’un texte (français, lexique médical et dictionnaire du cabinet), avec des suggestions',
      tags: ['spellcheck'],
      access: PRACTITIONERS_AND_SECRETARIES,
      body: z.object({ text: z.string().max(20_000), extraWords: z.array(z.string().max(60)).max(200).default([]) }),
      response: z.object({ issues: z.array(spellIssueSchema) }),
      // Nothing is read from or written to a record: the text being typed is checked in memory and forgotten.
      audit: 'none',
      async handler({ ctx, tx, body }) {
        const [checker, words] = await Promise.all([getSpellChecker(), practiceWords(tx, ctx.practiceId)]);
        // The practice's words are an overlay on the shared dictionaries (nothing of those is reloaded).
        return { issues: checker.check(body.text, { extraWords: [...words, ...body.extraWords] }) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/spellcheck/practice-words',
      summary: 'Dictionnaire du cabinet : les mots ajoutés, par ordre alphabétique, avec qui les a ajoutés',
      tags: ['spellcheck'],
      access: STAFF,
      response: z.object({ words: z.array(practiceWordView) }),
      // Words of the practice's vocabulary, no patient data; additions and removals are audited.
      audit: 'none',
      async handler({ ctx, tx }) {
        return { words: await listPracticeWords(tx, ctx.practiceId) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/spellcheck/practice-words',
      summary: 'Ajouter un mot au dictionnaire du cabinet (secrétaires et praticiens) : le correcteur l’accepte ensuite dans ce cabinet',
      tags: ['spellcheck'],
      access: PRACTITIONERS_AND_SECRETARIES,
      status: 201,
      body: z.object({ word: z.string().max(200) }),
      response: z.object({ word: practiceWordView }),
      audit: 'none', // addPracticeWord records spellcheck_word.added
      async handler({ ctx, tx, body }) {
        return { word: await addPracticeWord(tx, ctx, body.word) };
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/spellcheck/practice-words/:id',
      summary: 'Retirer un mot du dictionnaire du cabinet (administrateurs)',
      tags: ['spellcheck'],
      access: ADMINS,
      params: idParams,
      status: 204,
      audit: 'none', // removePracticeWord records spellcheck_word.removed
      async handler({ ctx, tx, params }) {
        await removePracticeWord(tx, ctx, params.id);
        return undefined;
      },
    }),
  ];
}
