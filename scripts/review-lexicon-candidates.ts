/**
 * Reviews a list of candidate lexicon words before they are added (one or more words a line, '#' comments):
 *   npx tsx scripts/review-lexicon-candidates.ts <candidates.txt> [--new-only]
 * For each word it says whether the checker already accepts it (no need to add it), and for a new word whether it
 * lies close to a word the checker knows or to another candidate: an accent, a doubled letter or one letter apart.
 * Such a pair is where a wrong addition hides a misspelling (adding "Coveram" beside "Covéram" makes the wrong
 * one invisible), so each one is printed for a person to decide. A new acronym is also checked against the acronym
 * rule (acronyms.ts): if it is one slip of a listed acronym, listing it hides that slip (RPC for RCP); that is printed.
 * It also makes the unlisted real acronyms one slip of it flagged (LCC made LLC flagged): run the candidate lists
 * again after adding, and list the real acronyms that come out new. Nothing is written: the reviewed words are then
 * copied by hand into the right file of src/server/spellcheck/lexicon/.
 */
import { readFileSync } from 'node:fs';
import { getSpellChecker } from '../src/server/spellcheck/index.js';
import { weightedDistance } from '../src/server/spellcheck/distance.js';
import { stripKey } from '../src/server/spellcheck/normalize.js';
import { AcronymIndex } from '../src/server/spellcheck/acronyms.js';

const [file, flag] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx scripts/review-lexicon-candidates.ts <candidates.txt> [--new-only]');
  process.exit(2);
}
const words = [
  ...new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').trim())
      .filter(Boolean)
      .flatMap((l) => l.split(/\s+/)),
  ),
];
const checker = await getSpellChecker();
const fresh: string[] = [];
let known = 0;
for (const w of words) {
  // A hyphenated compound is accepted by check() when its parts are (fémoro-poplité), not by isCorrect() alone.
  if (checker.isCorrect(w) || checker.check(w).length === 0) known++;
  else fresh.push(w);
}

// Two candidates with the same accent-free key, or one edit apart, cannot both be right (or one is a variant).
const byKey = new Map<string, string[]>();
for (const w of fresh) byKey.set(stripKey(w), [...(byKey.get(stripKey(w)) ?? []), w]);
const pairs: string[] = [];
for (const [, ws] of byKey) if (ws.length > 1) pairs.push(ws.join(' / '));
const sorted = [...fresh].sort((a, b) => a.length - b.length);
for (let i = 0; i < sorted.length; i++) {
  for (let j = i + 1; j < sorted.length && sorted[j]!.length - sorted[i]!.length <= 1; j++) {
    const a = sorted[i]!.toLowerCase();
    const b = sorted[j]!.toLowerCase();
    if (a.length >= 6 && stripKey(a) !== stripKey(b) && weightedDistance(a, b, 1.01) <= 1) pairs.push(`${sorted[i]} ~ ${sorted[j]}`);
  }
}

const near: string[] = [];
const plain: string[] = [];
for (const w of fresh) {
  const sugg = checker.check(w)[0]?.suggestions ?? [];
  const close = sugg.filter((s) => weightedDistance(w.toLowerCase(), s.toLowerCase(), 1.01) <= 1);
  if (close.length) near.push(`${w} ≈ ${close.join(', ')}`);
  else plain.push(w);
}
// Acronyms: which listed acronym each new one is one slip of (the rule's own test, acronyms.ts).
const acronyms = new AcronymIndex();
for (const e of checker.lexicon.entries.values()) if (e.category === 'abbreviation') acronyms.add(e.form);
const slips = fresh
  .filter((w) => /^[A-Z0-9-]{3,}$/.test(w) && /[A-Z]/.test(w))
  .map((w) => [w, acronyms.nearMisses(w)] as const)
  .filter(([, n]) => n.length)
  .map(([w, n]) => `${w} ~ ${n.join(', ')} (keep only if commoner than these)`);
if (flag === '--new-only') {
  console.log(plain.join('\n'));
} else {
  console.log(`# ${words.length} candidates: ${known} already accepted, ${fresh.length} new (${near.length} near a known word)`);
  if (pairs.length) console.log(`\n## candidate pairs to decide\n${pairs.join('\n')}`);
  if (near.length) console.log(`\n## new words close to a known word\n${near.join('\n')}`);
  if (slips.length) console.log(`\n## new acronyms one slip of a listed acronym\n${slips.join('\n')}`);
  console.log(`\n## new words\n${plain.join('\n')}`);
}
