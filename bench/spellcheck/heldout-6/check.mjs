// Verifies pages.jsonl of held-out spell-check set 6 (adapted from set 5's check.mjs, itself adapted from sets 4, 3, 2 and 1).
// Usage: node check.mjs [path/to/pages.jsonl]
// Checks: valid JSON, unique ids, 250-350 words and 6-10 errors per page, exact UTF-16 offsets, no overlap,
// whole-token errors not glued to a letter, digit or hyphen, no whitespace in an error, valid categories, a correction
// different from its error, medical terms present, unique, not an error word, first occurrence whole and outside every
// error, at least two non-drug categories per page, drug errors 30-45 %, abbreviation errors 10-25 %, >= 30 pages,
// >= 280 errors, >= 9,000 words, >= 500 medicalTerms entries, and no error word accepted by `hunspell -d fr -G`
// (tokens of digits only ignored) or `hunspell -d en_US -G` (whole error words).
// Added for set 6: error words are distinct within a page, and no error word is capitalised like a proper noun
// unless its correction is a drug brand or an abbreviation (errors never fall on people's or place names).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const file = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages.jsonl');
const CATS = ['drug', 'anatomy', 'pathology', 'abbreviation', 'other_medical', 'general'];
const problems = [];
const fail = (msg) => problems.push(msg);

const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
const ids = new Set();
const perCat = Object.fromEntries(CATS.map((c) => [c, 0]));
let words = 0, nErrors = 0, nTerms = 0, nCase = 0;

lines.forEach((line, i) => {
  let p;
  try { p = JSON.parse(line); } catch (e) { fail(`line ${i + 1}: invalid JSON (${e.message})`); return; }
  const id = p.id;
  if (typeof id !== 'string' || !id) fail(`line ${i + 1}: missing id`);
  if (ids.has(id)) fail(`${id}: duplicate id`);
  ids.add(id);
  if (typeof p.text !== 'string') { fail(`${id}: text is not a string`); return; }
  const w = p.text.split(/\s+/).filter(Boolean).length;
  words += w;
  if (w < 250 || w > 350) fail(`${id}: ${w} words (expected 250-350)`);
  if (!Array.isArray(p.errors)) { fail(`${id}: errors is not an array`); return; }
  if (p.errors.length < 6 || p.errors.length > 10) fail(`${id}: ${p.errors.length} errors (expected 6-10)`);
  if (new Set(p.errors.filter((e) => e.category !== 'drug').map((e) => e.category)).size < 2) fail(`${id}: fewer than two non-drug categories among errors`);
  const sorted = [...p.errors].sort((a, b) => a.start - b.start);
  sorted.forEach((e, k) => {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end > p.text.length || e.start >= e.end)
      fail(`${id}: bad offsets ${e.start}-${e.end}`);
    else if (p.text.slice(e.start, e.end) !== e.word)
      fail(`${id}: text.slice(${e.start},${e.end}) = ${JSON.stringify(p.text.slice(e.start, e.end))} != word ${JSON.stringify(e.word)}`);
    if (k > 0 && sorted[k - 1].end > e.start) fail(`${id}: overlapping errors at ${e.start}`);
    if (!CATS.includes(e.category)) fail(`${id}: bad category ${e.category}`);
    // set 4: keyboard case slips (HYpertension, DItropan) are allowed, but only if the form is not a normal casing of the correction
    const caseOnly = typeof e.correct === 'string' && e.correct.toLowerCase() === String(e.word).toLowerCase();
    const normalCasings = typeof e.correct === 'string' ? [e.correct, e.correct.toLowerCase(), e.correct.toUpperCase(), e.correct[0].toUpperCase() + e.correct.slice(1), e.correct[0].toLowerCase() + e.correct.slice(1)] : [];
    if (typeof e.correct !== 'string' || !e.correct || e.correct === e.word || (caseOnly && normalCasings.includes(e.word))) fail(`${id}: bad correction for ${e.word}`);
    if (caseOnly) nCase++;
    // an error must be a whole token: not glued to letters on either side
    const before = p.text[e.start - 1] ?? ' ', after = p.text[e.end] ?? ' ';
    if (/[\p{L}\p{N}-]/u.test(before) || /[\p{L}\p{N}-]/u.test(after)) fail(`${id}: error ${e.word} is not a whole token`);
    if (/\s/.test(e.word)) fail(`${id}: error ${e.word} spans several tokens`);
    perCat[e.category] = (perCat[e.category] ?? 0) + 1;
  });
  // set 6: error words distinct within a page; a capitalised error must be a brand or an abbreviation, never a name
  if (new Set(p.errors.map((e) => e.word)).size !== p.errors.length) fail(`${id}: the same error word occurs twice`);
  for (const e of p.errors) if (/^\p{Lu}/u.test(e.word) && !["drug", "abbreviation"].includes(e.category)) fail(`${id}: capitalised non-drug, non-abbreviation error ${e.word}`);
  nErrors += p.errors.length;
  if (!Array.isArray(p.medicalTerms) || p.medicalTerms.length === 0) fail(`${id}: medicalTerms missing or empty`);
  else {
    if (new Set(p.medicalTerms).size !== p.medicalTerms.length) fail(`${id}: duplicate medicalTerms`);
    const errWords = new Set(p.errors.map((e) => e.word));
    for (const t of p.medicalTerms) {
      if (!p.text.includes(t)) fail(`${id}: medical term ${t} not in text`);
      if (errWords.has(t)) fail(`${id}: medical term ${t} is also an error word`);
      const k = p.text.indexOf(t), b = p.text[k - 1] ?? ' ', a = p.text[k + t.length] ?? ' ';
      if (k >= 0 && (/[\p{L}\p{N}]/u.test(b) || /[\p{L}\p{N}]/u.test(a))) fail(`${id}: first occurrence of medical term ${t} is not a whole token`);
      if (k >= 0 && p.errors.some((e) => k < e.end && k + t.length > e.start)) fail(`${id}: first occurrence of medical term ${t} is inside an error`);
    }
    nTerms += p.medicalTerms.length;
  }
});

if (lines.length < 30) fail(`only ${lines.length} pages (expected >= 30)`);
if (nErrors < 280) fail(`only ${nErrors} errors (expected >= 280)`);
if (words < 9000) fail(`only ${words} words (expected >= 9000)`);
if (nTerms < 500) fail(`only ${nTerms} medicalTerms entries (expected >= 500)`);
// misspellings must not be real French words (hunspell-fr), when hunspell is available
const allErr = lines.flatMap((l) => { try { return JSON.parse(l).errors.map((e) => e.word); } catch { return []; } });
const hs = spawnSync('hunspell', ['-d', 'fr', '-G'], { input: allErr.join('\n') + '\n', encoding: 'utf8' });
if (hs.error) console.log('note: hunspell not found, real-word check skipped');
else for (const w of new Set(hs.stdout.split('\n').filter((x) => x && !/^\d+$/.test(x)))) fail(`error word accepted by hunspell -d fr: ${w}`);
const hsEn = spawnSync('hunspell', ['-d', 'en_US', '-G'], { input: allErr.join('\n') + '\n', encoding: 'utf8' });
if (!hsEn.error && !/Can't open/.test(hsEn.stderr ?? '')) for (const w of new Set(hsEn.stdout.split('\n').filter((x) => allErr.includes(x)))) fail(`error word accepted by hunspell -d en_US: ${w}`);
const drugShare = nErrors ? perCat.drug / nErrors : 0;
if (drugShare < 0.30 || drugShare > 0.45) fail(`drug errors are ${(100 * drugShare).toFixed(1)} % (expected 30-45 %)`);
const abShare = nErrors ? perCat.abbreviation / nErrors : 0;
if (abShare < 0.10 || abShare > 0.25) fail(`abbreviation errors are ${(100 * abShare).toFixed(1)} % (expected 10-25 %)`);

console.log(`pages: ${lines.length}, words: ${words}, errors: ${nErrors}, medical terms: ${nTerms}`);
console.log('errors per category:', JSON.stringify(perCat));
console.log(`case-slip errors: ${nCase}`);
console.log(`drug share: ${(100 * drugShare).toFixed(1)} %, general share: ${(100 * perCat.general / nErrors).toFixed(1)} %`);
for (const m of problems) console.log('PROBLEM:', m);
console.log(problems.length === 0 ? `ok: ${lines.length} pages checked, 0 problems` : `${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
