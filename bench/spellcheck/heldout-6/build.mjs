// Builds pages.jsonl of held-out spell-check set 6 from src/*.txt (own script; same record format as set 5).
// Source syntax: "## pNN | document type" starts a page; {wrong|correct|cat} is a hand-typed misspelling
// (cat: d drug, a anatomy, p pathology, ab abbreviation, m other_medical, g general); ^term marks a correct medical term.
// Offsets are UTF-16 code units (JS string indices), computed here. Error forms are checked with hunspell fr and en_US.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
const DIR = path.dirname(fileURLToPath(import.meta.url));
const CAT = { d: 'drug', a: 'anatomy', p: 'pathology', ab: 'abbreviation', m: 'other_medical', g: 'general' };
const pages = [];
for (const f of fs.readdirSync(path.join(DIR, 'src')).filter((f) => f.endsWith('.txt')).sort()) {
  const raw = fs.readFileSync(path.join(DIR, 'src', f), 'utf8');
  for (const block of raw.split(/^## /m).slice(1)) {
    const nl = block.indexOf('\n');
    const [id, type] = block.slice(0, nl).split('|').map((s) => s.trim());
    pages.push({ id, type, body: block.slice(nl + 1).trim().replace(/[ \t]+\n/g, '\n') });
  }
}
// medlist.txt: hand list of correct medical terms; a term is added to a page where it occurs as a whole token.
const MEDLIST = fs.existsSync(path.join(DIR, 'medlist.txt')) ? fs.readFileSync(path.join(DIR, 'medlist.txt'), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean) : [];
const out = [], info = [], allWrong = [], log = [];
for (const p of pages) {
  let text = '', last = 0;
  const errors = [], terms = [];
  const re = /\{([^|}]+)\|([^|}]+)\|([a-z]+)\}|\^([\p{L}\p{N}][\p{L}\p{N}'’./+-]*[\p{L}\p{N}]|[\p{L}\p{N}])/gu;
  for (const m of p.body.matchAll(re)) {
    text += p.body.slice(last, m.index);
    if (m[1]) {
      if (!CAT[m[3]]) throw new Error(`${p.id}: bad category ${m[3]}`);
      if (m[1] === m[2]) throw new Error(`${p.id}: wrong equals correct: ${m[1]}`);
      if (/\s/.test(m[1])) throw new Error(`${p.id}: wrong form with a space: ${m[1]}`);
      errors.push({ start: text.length, end: text.length + m[1].length, word: m[1], correct: m[2], category: CAT[m[3]] });
      allWrong.push(m[1]); log.push(`${p.id}\t${CAT[m[3]]}\t${m[2]}\t${m[1]}`);
      text += m[1];
    } else { terms.push(m[4]); text += m[4]; }
    last = m.index + m[0].length;
  }
  text += p.body.slice(last);
  if (/[{}^|]/.test(text)) throw new Error(`${p.id}: leftover mark`);
  for (const m of MEDLIST) if (!terms.includes(m) && new RegExp(`(?<![\\p{L}\\p{N}'’-])${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}-])`, 'u').test(text)) terms.push(m);
  const errWords = new Set(errors.map((e) => e.word));
  const seen = new Set(), medicalTerms = [], dropped = [];
  for (const t of terms) {
    if (seen.has(t) || errWords.has(t)) continue;
    seen.add(t);
    const k = text.indexOf(t), b = text[k - 1] ?? ' ', a = text[k + t.length] ?? ' ';
    if (/[\p{L}\p{N}]/u.test(b) || /[\p{L}\p{N}]/u.test(a)) { dropped.push(t); continue; }
    if (errors.some((e) => k < e.end && k + t.length > e.start)) { dropped.push(t); continue; }
    medicalTerms.push(t);
  }
  out.push(JSON.stringify({ id: p.id, text, errors, medicalTerms }));
  info.push(`${p.id}\t${p.type}\t${text.split(/\s+/).filter(Boolean).length} words\t${errors.length} errors\t${medicalTerms.length} terms${dropped.length ? '\tdropped: ' + dropped.join(' ') : ''}`);
}
let accepted = 0;
for (const d of ['fr', 'en_US']) {
  const hs = spawnSync('hunspell', ['-d', d, '-G'], { input: allWrong.join('\n') + '\n', encoding: 'utf8' });
  if (hs.error) throw new Error('hunspell is required to build');
  const acc = hs.stdout.split('\n').filter((x) => x && (d === 'fr' || allWrong.includes(x)));
  if (acc.length) { accepted += acc.length; console.log(`ACCEPTED by hunspell -d ${d}:`, acc.join(' ')); }
}
fs.writeFileSync(path.join(DIR, 'pages.jsonl'), out.join('\n') + '\n');
fs.writeFileSync(path.join(DIR, 'errors.tsv'), 'page\tcategory\tcorrect\twrong\n' + log.join('\n') + '\n');
console.log(info.join('\n'));
if (accepted) process.exitCode = 1;
