/**
 * Speed of the FEC builder on a busy practitioner's year (pure part of GET /api/billing/exports/fec: entries,
 * text, structural check, ISO 8859-15 bytes). The database reads are four indexed range queries on top.
 *   npx tsx bench/billing/fec.ts [payments per day]   (default 40: about 10,000 payments a year)
 */
import { checkFec } from '../../src/server/billing/books/fec-check.js';
import { fecLines, fecText22, iso885915, type Movement } from '../../src/server/billing/books/fec.js';

const PER_DAY = Number(process.argv[2] ?? 40);
const MEANS = ['card', 'cash', 'cheque', 'transfer'] as const;
const movements: Movement[] = [];
for (let d = 0; d < 365; d++) {
  const day = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) continue;
  for (let k = 0; k < PER_DAY; k++) {
    const i = d * PER_DAY + k;
    movements.push({ kind: 'receipt', key: String(i).padStart(15, '0'), day, means: MEANS[i % 4]!, amountCents: 3000 + (i % 7) * 500, pieceRef: `2026-${String(i).padStart(6, '0')}`, pieceDay: day, label: `Honoraires G P-${(i * 7919).toString(16).toUpperCase().slice(0, 8)}`, clientRef: `P-${i}` });
  }
  if (weekday === 1) movements.push({ kind: 'deposit', key: `s${d}`, day, amountCents: 123_400, pieceRef: `REM-${d}`, label: 'Remise de chèques' });
  if (d % 30 === 0) movements.push({ kind: 'expense', key: `e${d}`, day, means: 'transfer', category: 'rent', amountCents: 85_000, pieceRef: `DEP-${d}`, label: 'Loyer — SCI des Tilleuls' });
}
const runs: number[] = [];
let bytes = 0;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const text = fecText22(fecLines(movements));
  if (checkFec(text).length) throw new Error('invalid FEC');
  bytes = iso885915(text).length;
  runs.push(performance.now() - t0);
}
runs.sort((a, b) => a - b);
console.log(`FEC of a year: ${movements.length} movements, ${movements.length * 2} lines, ${(bytes / 1e6).toFixed(1)} MB; median ${runs[2]!.toFixed(0)} ms (best ${runs[0]!.toFixed(0)} ms) over 5 runs`);
