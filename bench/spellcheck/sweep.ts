/**
 * Share of correct medical words the checker flags, on plain word lists (one or more words a line, '#' comments):
 *   npx tsx bench/spellcheck/sweep.ts bench/spellcheck/dev/sweep-*.txt
 * Each word is checked alone. The development sweeps' unknown words were added to the lexicon after their first
 * run (13.6 %, 10.7 % and 4.3 % flagged then): run it on a new list to measure, not on these.
 */
import { readFileSync } from 'node:fs';
import { getSpellChecker } from '../../src/server/spellcheck/index.js';

const checker = await getSpellChecker();
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8').split('\n').filter((l) => !l.startsWith('#')).join(' ');
  const words = [...new Set(text.split(/\s+/).filter((w) => w.length > 2))];
  const flagged = words.filter((w) => checker.check(w).length > 0);
  console.log(`${file}: ${words.length} words, ${flagged.length} flagged (${((100 * flagged.length) / words.length).toFixed(1)} %) ${flagged.join(' ')}`);
}
