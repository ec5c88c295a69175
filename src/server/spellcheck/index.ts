/** The spell-checker's only door: everything outside src/server/spellcheck imports from here. */
export { getSpellChecker } from './checker.js';
export type { SpellChecker, SpellIssue, CheckOptions } from './checker.js';
export { runSpellcheckCli, answerLine } from './cli.js';
export { spellcheckLineIn, spellcheckLineOut, spellIssueSchema } from './contract.js';
export type { SpellcheckLineIn, SpellcheckLineOut } from './contract.js';
export type { LexiconCategory } from './lexicon.js';
export { tokenize } from './tokenizer.js';
export { spellcheckRoutes } from './routes.js';

import type { Capability } from '../platform/capability.js';
import { spellcheckRoutes } from './routes.js';

/** The medical spell-checker behind the report editor (POST /api/spellcheck); its CLI is `pivot spellcheck`. */
export const spellcheckCapability: Capability = {
  name: 'spellcheck',
  mount: () => ({ routes: spellcheckRoutes() }),
};
