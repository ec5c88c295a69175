// Classifies every error of errors.tsv afterwards by comparing the typed form with its correction (rough rules,
// first match wins). Writes errors_by_kind.tsv and prints counts overall, for drugs and for abbreviations.
import fs from 'node:fs';
const strip = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
const single = (s) => s.replace(/(\p{L})\1+/gu, '$1');
const dropOne = (long, short) => { for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true; return false; };
function kind(w, c) {
  if (w.replace(/-/g, '') === c.replace(/-/g, '') && w !== c) return 'words glued or split (hyphen dropped or added)';
  if (strip(w) === strip(c)) return 'accent missing, added or wrong';
  if (single(w) === single(c)) return 'consonant wrongly doubled or single';
  if (w.length === c.length) {
    const d = [...w].map((x, i) => x !== c[i] ? i : -1).filter((i) => i >= 0);
    if (d.length === 2 && d[1] === d[0] + 1 && w[d[0]] === c[d[1]] && w[d[1]] === c[d[0]]) return 'transposition';
    if (d.length === 1) return 'one letter replaced (keyboard slip or sound-alike letter)';
  }
  if (w.length === c.length - 1 && dropOne(c, w)) return 'letter dropped';
  if (w.length === c.length + 1 && dropOne(w, c)) return 'letter added';
  if (strip(single(w)) === strip(single(c))) return 'consonant wrongly doubled or single';
  return 'sound-alike respelling (several letters)';
}
const rows = fs.readFileSync('errors.tsv', 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const out = ['page\tcategory\tcorrect\twrong\tkind'];
const count = (filter) => { const m = {}; for (const [p, cat, c, w] of rows) if (filter(cat)) { const k = kind(w, c); m[k] = (m[k] ?? 0) + 1; } return Object.entries(m).sort((a, b) => b[1] - a[1]); };
for (const [p, cat, c, w] of rows) out.push(`${p}\t${cat}\t${c}\t${w}\t${kind(w, c)}`);
fs.writeFileSync('errors_by_kind.tsv', out.join('\n') + '\n');
console.log('all:', JSON.stringify(count(() => true)));
console.log('drug:', JSON.stringify(count((c) => c === 'drug')));
console.log('abbreviation:', JSON.stringify(count((c) => c === 'abbreviation')));
