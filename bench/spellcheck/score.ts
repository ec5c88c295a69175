/**
 * Scores the spell-checker on an annotated set (format in format.ts):
 *   npx tsx bench/spellcheck/score.ts <set.jsonl> [more.jsonl…] [--verbose] [--hunspell-fallback]
 * Reports, against the goals of the spell-checker issue: misspellings flagged, right word first, correct medical
 * words flagged, other false alarms per 1,000 words, each by category, and the time per text.
 */
import { readFileSync } from 'node:fs';
import { getSpellChecker, tokenize, type SpellIssue } from '../../src/server/spellcheck/index.js';
import { annotatedLine, spanProblems, type AnnotatedLine } from './format.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const hunspellFallback = args.includes('--hunspell-fallback');
const files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  console.error('usage: npx tsx bench/spellcheck/score.ts <set.jsonl> [--verbose] [--hunspell-fallback]');
  process.exit(2);
}

const lines: AnnotatedLine[] = [];
for (const file of files) {
  for (const [n, raw] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (!raw.trim()) continue;
    const parsed = annotatedLine.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new Error(`${file}:${n + 1}: ${parsed.error.message}`);
    const problems = spanProblems(parsed.data);
    if (problems.length) throw new Error(`${file}:${n + 1}: ${problems.join('; ')}`);
    lines.push(parsed.data);
  }
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);

interface Tally { errors: number; flagged: number; first: number; terms: number; termsFlagged: number }
const byCat = new Map<string, Tally>();
const tally = (c: string) => {
  let t = byCat.get(c);
  if (!t) byCat.set(c, (t = { errors: 0, flagged: 0, first: 0, terms: 0, termsFlagged: 0 }));
  return t;
};

const checker = await getSpellChecker();
let words = 0;
let otherAlarms = 0;
let ms = 0;
const notes: string[] = [];
for (const line of lines) {
  const t0 = performance.now();
  const issues: SpellIssue[] = checker.check(line.text, { hunspellFallback });
  ms += performance.now() - t0;
  words += tokenize(line.text).length + (line.text.match(/\p{N}+/gu)?.length ?? 0);
  const terms = (line.medicalTerms ?? []).flatMap((m) => {
    if (typeof m !== 'string') return [{ ...m, category: m.category ?? 'medical' }];
    // A bare word: every whole-word occurrence of it in the text.
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    return [...line.text.matchAll(re)].map((x) => ({ start: x.index, end: x.index + m.length, word: m, category: 'medical' }));
  });
  for (const e of line.errors) {
    const t = tally(e.category);
    t.errors++;
    const hit = issues.find((i) => overlaps(i, e));
    if (hit) t.flagged++;
    // Right word first: the text with the first suggestion applied reads as the text with the correction applied,
    // whatever the granularity of the span (the part of a compound or the whole of it).
    const fixed = (start: number, end: number, by: string) => line.text.slice(Math.min(start, e.start), start) + by + line.text.slice(end, Math.max(end, e.end));
    if (hit && hit.suggestions[0] !== undefined && fixed(hit.start, hit.end, hit.suggestions[0]) === fixed(e.start, e.end, e.correct)) t.first++;
    else if (verbose) notes.push(`${line.id} ${hit ? 'wrong first' : 'MISSED'} ${e.word} → ${e.correct} [${e.category}] got ${JSON.stringify(hit?.suggestions ?? [])}`);
  }
  for (const m of terms) {
    const t = tally(m.category);
    t.terms++;
    if (issues.some((i) => overlaps(i, m) && !line.errors.some((e) => overlaps(e, i)))) {
      t.termsFlagged++;
      if (verbose) notes.push(`${line.id} medical term flagged: ${m.word}`);
    }
  }
  for (const i of issues) {
    if (line.errors.some((e) => overlaps(e, i)) || terms.some((m) => overlaps(m, i))) continue;
    const entry = checker.lexicon.lookup(i.word);
    if (entry) {
      tally('medical').termsFlagged++;
      continue;
    }
    otherAlarms++;
    if (verbose) notes.push(`${line.id} false alarm: ${i.word} ${JSON.stringify(i.suggestions)}`);
  }
}

const total: Tally = { errors: 0, flagged: 0, first: 0, terms: 0, termsFlagged: 0 };
const rows: string[] = [];
for (const [cat, t] of [...byCat.entries()].sort()) {
  for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
  rows.push(`| ${cat} | ${t.errors} | ${pct(t.flagged, t.errors)} | ${pct(t.first, t.errors)} | ${t.terms} | ${pct(t.termsFlagged, t.terms)} |`);
}
if (verbose) console.log(notes.join('\n') + '\n');
console.log(`${files.join(' + ')}: ${lines.length} texts, ${words} words${hunspellFallback ? ' (hunspell fallback on)' : ''}\n`);
console.log('| category | misspellings | flagged | right word first | correct medical terms | flagged |');
console.log('|---|---|---|---|---|---|');
console.log(rows.join('\n'));
console.log(`| **all** | ${total.errors} | **${pct(total.flagged, total.errors)}** | **${pct(total.first, total.errors)}** | ${total.terms} | **${pct(total.termsFlagged, total.terms)}** |`);
console.log(`\nother false alarms: ${otherAlarms} in ${words} words = **${((1000 * otherAlarms) / Math.max(1, words)).toFixed(2)} per 1,000 words**`);
console.log(`right word first among flagged: ${pct(total.first, total.flagged)}; check time: ${(ms / lines.length).toFixed(2)} ms per text (after the first load)`);
