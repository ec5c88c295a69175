/**
 * Builds the development sets from texts.txt (hand-written texts with hand-placed errors and medical-term markup):
 *   handwritten.jsonl  the texts with their natural errors;
 *   synthetic.jsonl    the corrected texts with errors injected by rule (seeded), two to four per text: dropped or
 *                      doubled letters, lost or wrong accents, sound-alike spellings, swapped or mistyped keys.
 * A synthetic error that happens to be another correct word is skipped (hunspell + the lexicon + the dictionary
 * forms decide), since no checker without context can see it.
 *   npx tsx bench/spellcheck/dev/build-dev-set.ts [texts.txt | texts-fresh.txt]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { getSpellChecker } from '../../../src/server/spellcheck/index.js';
import type { AnnotatedLine } from '../format.js';

const CATS: Record<string, string> = { d: 'drug', a: 'anatomy', b: 'abbreviation', m: 'medical', o: 'other' };
const MARK = /\{([dabmo]):([^}]+)\}|<([^=>]+)=([^:>]+):([dabmo])>/gu;

interface Span { start: number; end: number; word: string; category: string; correct?: string }

function parse(markup: string, corrected: boolean): { text: string; errors: Span[]; terms: Span[] } {
  let text = '';
  let last = 0;
  const errors: Span[] = [];
  const terms: Span[] = [];
  for (const m of markup.matchAll(MARK)) {
    text += markup.slice(last, m.index);
    last = m.index + m[0].length;
    const category = CATS[m[1] ?? m[5] ?? 'o']!;
    const typed = m[2] ?? m[3]!;
    const correct = m[2] ?? m[4]!;
    const word = corrected ? correct : typed;
    const start = text.length;
    text += word;
    const span = { start, end: text.length, word, category };
    if (word !== correct) errors.push({ ...span, correct });
    else if (category !== 'other') terms.push(span);
  }
  return { text: text + markup.slice(last), errors, terms };
}

// Seeded generator (mulberry32): the set is the same on every run.
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOUND: [RegExp, string][] = [[/ph/, 'f'], [/y/, 'i'], [/qu/, 'k'], [/th/, 't'], [/ff/, 'f'], [/ll/, 'l'], [/ss/, 's'], [/mm/, 'm'], [/tt/, 't'], [/pp/, 'p'], [/rr/, 'r'], [/nn/, 'n'], [/cc/, 'c'], [/é/, 'e'], [/è/, 'é'], [/ê/, 'e'], [/î/, 'i'], [/ô/, 'o'], [/ç/, 'c'], [/ai/, 'è'], [/au/, 'o'], [/ien/, 'iant'], [/tion/, 'ssion'], [/ie$/, 'i'], [/ée$/, 'é']];
const KEYS = 'azertyuiopqsdfghjklmwxcvbn';

function corrupt(word: string, r: () => number): string {
  const kind = Math.floor(r() * 6);
  const i = 1 + Math.floor(r() * Math.max(1, word.length - 2));
  if (kind <= 1) {
    const rules = SOUND.filter(([re]) => re.test(word));
    if (rules.length) {
      const [re, to] = rules[Math.floor(r() * rules.length)]!;
      return word.replace(re, to);
    }
  }
  if (kind === 2) return word.slice(0, i) + word.slice(i + 1); // dropped letter
  if (kind === 3) return word.slice(0, i) + word[i] + word.slice(i); // doubled letter
  if (kind === 4 && i + 1 < word.length) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
  return word.slice(0, i) + KEYS[Math.floor(r() * KEYS.length)] + word.slice(i + 1); // mistyped key
}

const here = new URL('./', import.meta.url);
// texts.txt → handwritten/synthetic.jsonl; texts-fresh.txt → fresh-handwritten/fresh-synthetic.jsonl
const source = process.argv[2] ?? 'texts.txt';
const prefix = source === 'texts.txt' ? '' : `${source.replace(/^texts-|\.txt$/g, '')}-`;
const lines = readFileSync(new URL(source, here), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
const checker = await getSpellChecker();
const handwritten: AnnotatedLine[] = [];
const synthetic: AnnotatedLine[] = [];
const r = rng(20261206);
for (const line of lines) {
  const [id, markup] = line.split('\t') as [string, string];
  const natural = parse(markup, false);
  handwritten.push({ id, text: natural.text, errors: natural.errors.map((e) => ({ start: e.start, end: e.end, word: e.word, correct: e.correct!, category: e.category })), medicalTerms: natural.terms });
  const clean = parse(markup, true);
  const termAt = new Map(clean.terms.concat(clean.errors.map((e) => ({ ...e, word: e.correct! }))).map((t) => [t.start, t]));
  const words = [...clean.text.matchAll(/\p{L}[\p{L}'’-]*\p{L}/gu)].filter((m) => m[0].length >= 4 && !/['’]/.test(m[0]) && !/^\p{Lu}+$/u.test(m[0]));
  const chosen = new Set<number>();
  const want = 2 + Math.floor(r() * 3);
  for (let tries = 0; chosen.size < want && tries < 40; tries++) chosen.add(Math.floor(r() * words.length));
  let text = '';
  let last = 0;
  const errors: AnnotatedLine['errors'] = [];
  const terms: Span[] = [];
  const chosenStarts = new Set([...chosen].map((k) => words[k]!.index));
  for (const m of words) {
    const term = termAt.get(m.index);
    text += clean.text.slice(last, m.index);
    last = m.index + m[0].length;
    let typed = m[0];
    if (chosenStarts.has(m.index)) {
      const candidate = corrupt(m[0], r);
      if (candidate !== m[0] && !checker.isCorrect(candidate)) typed = candidate;
    }
    const start = text.length;
    text += typed;
    if (typed !== m[0]) errors.push({ start, end: text.length, word: typed, correct: m[0], category: term?.category ?? 'other' });
    else if (term && term.word === m[0] && term.category !== 'other') terms.push({ start, end: text.length, word: typed, category: term.category });
  }
  text += clean.text.slice(last);
  synthetic.push({ id: `${id}-s`, text, errors, medicalTerms: terms });
}
const write = (name: string, rows: AnnotatedLine[]) => writeFileSync(new URL(name, here), rows.map((x) => JSON.stringify(x)).join('\n') + '\n');
write(`${prefix}handwritten.jsonl`, handwritten);
write(`${prefix}synthetic.jsonl`, synthetic);
console.log(`handwritten: ${handwritten.length} texts, ${handwritten.reduce((n, x) => n + x.errors.length, 0)} errors; synthetic: ${synthetic.length} texts, ${synthetic.reduce((n, x) => n + x.errors.length, 0)} errors`);
