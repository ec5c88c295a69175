/** The practice dictionary's queries and actions, always inside `ctx.practiceId`. */
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { SPELLCHECK_MESSAGES as M } from './messages.js';
import { PRACTICE_WORDS_LIMIT, practiceWordProblem } from './rules.js';
import './schema.js';

export interface PracticeWordView {
  id: string;
  word: string;
  addedBy: { id: string; name: string };
  createdAt: string;
}

const baseQuery = (tx: Tx, practiceId: string) =>
  tx
    .selectFrom('spellcheck_practice_words as w')
    .innerJoin('accounts as a', 'a.id', 'w.added_by')
    .where('w.practice_id', '=', practiceId)
    .select(['w.id', 'w.word', 'w.added_by', 'a.display_name', 'w.created_at']);

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;
const toView = (r: Row): PracticeWordView => ({ id: r.id, word: r.word, addedBy: { id: r.added_by, name: r.display_name }, createdAt: new Date(r.created_at).toISOString() });

/** The practice's words, alphabetical (French order), with who added them. */
export async function listPracticeWords(tx: Tx, practiceId: string): Promise<PracticeWordView[]> {
  const rows = await baseQuery(tx, practiceId).execute();
  return rows.map(toView).sort((a, b) => a.word.localeCompare(b.word, 'fr', { sensitivity: 'base' }));
}

/** Only the words, for the checker (read on every check: a few hundred short strings). */
export async function practiceWords(tx: Tx, practiceId: string): Promise<string[]> {
  const rows = await tx.selectFrom('spellcheck_practice_words').where('practice_id', '=', practiceId).select('word').orderBy('word_key').execute();
  return rows.map((r) => r.word);
}

export async function addPracticeWord(tx: Tx, ctx: RequestContext, raw: string): Promise<PracticeWordView> {
  const problem = practiceWordProblem(raw);
  if (problem) throw new AppError('validation_failed', [{ field: 'word', message: M[problem] }]);
  const { count } = await tx
    .selectFrom('spellcheck_practice_words')
    .where('practice_id', '=', ctx.practiceId)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) >= PRACTICE_WORDS_LIMIT) throw new AppError('conflict', [{ field: 'word', message: M.full }]);
  const row = await tx
    .insertInto('spellcheck_practice_words')
    .values({ practice_id: ctx.practiceId, word: raw.trim(), added_by: ctx.accountId })
    .onConflict((oc) => oc.constraint('spellcheck_practice_words_unique').doNothing())
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', [{ field: 'word', message: M.duplicate }]);
  ctx.audit({ action: 'spellcheck_word.added', resourceType: 'spellcheck_word', resourceId: row.id, details: { word: raw.trim() } });
  return toView(await baseQuery(tx, ctx.practiceId).where('w.id', '=', row.id).executeTakeFirstOrThrow());
}

export async function removePracticeWord(tx: Tx, ctx: RequestContext, id: string): Promise<void> {
  const row = await tx
    .deleteFrom('spellcheck_practice_words')
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .returning(['word'])
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', [{ field: 'id', message: M.unknownWord }]);
  ctx.audit({ action: 'spellcheck_word.removed', resourceType: 'spellcheck_word', resourceId: id, details: { word: row.word } });
}
