/** The spell-checker's only door: everything outside src/server/spellcheck imports from here. */
export { getSpellChecker } from './checker.js';
export type { SpellChecker, SpellIssue, CheckOptions } from './checker.js';
export { runSpellcheckCli, answerLine } from './cli.js';
export { spellcheckLineIn, spellcheckLineOut, spellIssueSchema, practiceWordView } from './contract.js';
export type { SpellcheckLineIn, SpellcheckLineOut, PracticeWordView } from './contract.js';
export type { LexiconCategory } from './lexicon.js';
export { tokenize } from './tokenizer.js';
export { spellcheckRoutes } from './routes.js';

import type { Capability } from '../platform/capability.js';
import { spellcheckRoutes } from './routes.js';

/** The medical spell-checker behind the report editor (POST /api/spellcheck) and the practice dictionary; its CLI is `pivot spellcheck`. */
export const spellcheckCapability: Capability = {
  name: 'spellcheck',
  migrations: new URL('./migrations/', import.meta.url),
  mount: () => ({ routes: spellcheckRoutes() }),
};
