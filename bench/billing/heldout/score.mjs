#!/usr/bin/env node
// Scores `pivot billing quote` output against the frozen held-out expectations.
// Usage: node bench/billing/heldout/score.mjs quotes.jsonl [expected.jsonl]
// Lines are aligned by position (the contract requires one output line per input line, same order).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIELDS = ['totalCents', 'amoCents', 'amcCents', 'patientCents', 'participationForfaitaireCents', 'dueAtDeskCents'];
const here = dirname(fileURLToPath(import.meta.url));
const quotesPath = process.argv[2];
const expectedPath = process.argv[3] ?? join(here, 'expected.jsonl');
if (!quotesPath) {
  console.error('usage: node score.mjs quotes.jsonl [expected.jsonl]');
  process.exit(2);
}
const nonEmpty = (p) => readFileSync(p, 'utf8').split('\n').filter((l) => l.trim() !== '');
const expected = nonEmpty(expectedPath).map((l) => JSON.parse(l));
const quoteLines = nonEmpty(quotesPath);
const quotes = quoteLines.map((l) => { try { return JSON.parse(l); } catch { return { __unparsable: l.slice(0, 80) }; } });

const pct = (n, d) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);
const mismatches = [];
const fieldOk = Object.fromEntries(FIELDS.map((f) => [f, 0]));
const groups = {}; // family and flag breakdowns
const bump = (key, ok) => { groups[key] ??= { n: 0, ok: 0 }; groups[key].n++; if (ok) groups[key].ok++; };
let amountN = 0, amountExact = 0, errN = 0, errOk = 0, wronglyRefused = 0, coreN = 0, coreOk = 0, idMismatch = 0;

expected.forEach((e, i) => {
  const q = quotes[i];
  const got = (f) => (q && f in q ? q[f] : undefined);
  let ok;
  if (q && !q.__unparsable && q.id != null && q.id !== e.id) { idMismatch++; mismatches.push(`${e.id}: line ${i + 1} carries id ${JSON.stringify(q.id)}`); }
  if (e.error) {
    errN++;
    ok = !!(q && typeof q.error === 'string' && q.error.length > 0);
    if (ok) errOk++;
    else mismatches.push(`${e.id}: expected an error line (${e.why}), got ${q ? JSON.stringify(q).slice(0, 160) : 'no line'}`);
  } else {
    amountN++;
    if (!q || q.__unparsable) { mismatches.push(`${e.id}: ${q ? 'unparsable line ' + q.__unparsable : 'no output line'}`); ok = false; }
    else if (q.error !== undefined) { wronglyRefused++; mismatches.push(`${e.id}: refused (${JSON.stringify(q.error)}) but expected a quote — ${e.why}`); ok = false; }
    else {
      ok = true;
      for (const f of FIELDS) {
        if (got(f) === e[f]) fieldOk[f]++;
        else { ok = false; mismatches.push(`${e.id}: ${f} got ${JSON.stringify(got(f))} expected ${e[f]}`); }
      }
    }
    if (ok) amountExact++;
    if (!e.flags?.length) { coreN++; if (ok) coreOk++; }
  }
  bump('family ' + e.family, ok);
  for (const fl of e.flags ?? []) bump('flag ' + fl, ok);
});

console.log(`held-out billing set: ${expected.length} cases (${amountN} to quote, ${errN} to refuse); quotes file has ${quoteLines.length} lines`);
if (quoteLines.length !== expected.length) console.log(`WARNING: line count differs (${quoteLines.length} vs ${expected.length}); alignment is by position`);
console.log(`cases exact on all six fields: ${amountExact}/${amountN} (${pct(amountExact, amountN)})`);
console.log(`  of which cases without any flagged assumption: ${coreOk}/${coreN} (${pct(coreOk, coreN)})`);
console.log('per-field accuracy (quote cases):');
for (const f of FIELDS) console.log(`  ${f.padEnd(30)} ${fieldOk[f]}/${amountN} (${pct(fieldOk[f], amountN)})`);
console.log(`error cases correctly refused: ${errOk}/${errN} (${pct(errOk, errN)})`);
console.log(`quote cases wrongly refused: ${wronglyRefused}`);
if (idMismatch) console.log(`lines whose id differs from the expected id: ${idMismatch}`);
console.log(`overall (quote exact or error refused): ${amountExact + errOk}/${expected.length} (${pct(amountExact + errOk, expected.length)})`);
console.log('breakdown:');
for (const k of Object.keys(groups).sort()) console.log(`  ${k.padEnd(34)} ${groups[k].ok}/${groups[k].n}`);
console.log(mismatches.length ? `mismatches (${mismatches.length}):` : 'no mismatches');
for (const m of mismatches) console.log('  ' + m);
