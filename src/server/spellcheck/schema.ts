import type { Generated, GeneratedAlways } from 'kysely';
import type { CreatedAt } from '../platform/db/schema.js';

/** Kysely table type of the practice dictionary; the SQL in ./migrations is the source of truth. */
export interface SpellcheckPracticeWordsTable {
  id: Generated<string>;
  practice_id: string;
  word: string;
  word_key: GeneratedAlways<string>;
  added_by: string;
  created_at: CreatedAt;
}

declare module '../platform/db/schema.js' {
  interface DB {
    spellcheck_practice_words: SpellcheckPracticeWordsTable;
  }
}
