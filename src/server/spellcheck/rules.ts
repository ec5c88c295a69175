/** Pure rules of the practice dictionary: which words may be added, and the key that makes two spellings one. */
import { tokenize } from './tokenizer.js';

export const PRACTICE_WORD_MAX = 60;
/** A practice's list stays small enough to be read on every check (and shown on one settings page). */
export const PRACTICE_WORDS_LIMIT = 2_000;

/**
 * The key under which a practice keeps a word, as the database computes it (`word_key` of
 * spellcheck_practice_words): typographic apostrophe as ', NFC, lower case. "Kinéflex" and "KINÉFLEX" are one word.
 */
export function practiceWordKey(word: string): string {
  return word.trim().replace(/’/g, "'").normalize('NFC').toLowerCase();
}

export type PracticeWordProblem = 'empty' | 'too_long' | 'not_one_word';

/**
 * A word may be added when the checker would see it as one word, whole: letters (accents included) joined by a
 * hyphen or an apostrophe, two letters at least, no digit (the checker never looks at words with digits), no space,
 * no elision in front (`l'Kinéflex` is checked as `Kinéflex`). Anything else could never be matched, so it is refused.
 */
export function practiceWordProblem(raw: string): PracticeWordProblem | null {
  const word = raw.trim();
  if (word.length === 0) return 'empty';
  if (word.length > PRACTICE_WORD_MAX) return 'too_long';
  const tokens = tokenize(word);
  if (tokens.length !== 1 || tokens[0]!.start !== 0 || tokens[0]!.end !== word.length) return 'not_one_word';
  return null;
}
