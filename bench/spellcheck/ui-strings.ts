/**
 * False alarms on ordinary French: the checker run over Pivot's own French interface strings (the fr.json locale files under src/web),
 * which are correct French (placeholders and tags removed).
 *   npx tsx bench/spellcheck/ui-strings.ts
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getSpellChecker, tokenize } from '../../src/server/spellcheck/index.js';

const files = execSync("find src/web -name fr.json -path '*locales*'", { encoding: 'utf8' }).trim().split('\n');
const strings: string[] = [];
const walk = (v: unknown): void => {
  if (typeof v === 'string') strings.push(v.replace(/\{\{[^}]*\}\}/g, ' ').replace(/<[^>]+>/g, ' '));
  else if (v && typeof v === 'object') Object.values(v).forEach(walk);
};
for (const f of files) walk(JSON.parse(readFileSync(f, 'utf8')));
const checker = await getSpellChecker();
let words = 0;
const flagged = new Map<string, number>();
for (const s of strings) {
  words += tokenize(s).length;
  for (const i of checker.check(s)) flagged.set(i.word, (flagged.get(i.word) ?? 0) + 1);
}
const n = [...flagged.values()].reduce((a, b) => a + b, 0);
console.log(`${files.length} files, ${strings.length} strings, ${words} words: ${n} flagged = ${((1000 * n) / words).toFixed(2)} per 1,000 words`);
console.log([...flagged.entries()].sort((a, b) => b[1] - a[1]).map(([w, k]) => `${w} (${k})`).join(', '));
