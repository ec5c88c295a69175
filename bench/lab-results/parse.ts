/**
 * Speed of the lab-result parsers: messages per second in process (one core), bytes → LabReport, charset detection
 * included, for the three hand-written samples and for a large generated HPRIM Santé panel (40 results).
 *   npx tsx bench/lab-results/parse.ts [seconds per case]      (default 2)
 */
import { parseLabMessage, renderText } from '../../src/server/lab-results/index.js';
import { HL7_ORU_BIOCHEMISTRY, HPRIM_MEDECIN_NFS, HPRIM_SANTE_BIOCHEMISTRY } from '../../src/server/lab-results/fixtures/samples.js';
import { writeHprimSante } from '../../src/server/lab-results/fixtures/writer.js';

const SECONDS = Number(process.argv[2] ?? 2);
const big = writeHprimSante({
  family: 'LEFÈVRE', firstName: 'Hélène', birth: '19580314', sex: 'F',
  results: Array.from({ length: 40 }, (_, i) => ({ code: `T${i}`, label: `Analyse n° ${i}`, value: `${i},${i % 10}`, unit: 'mmol/L', low: '3,5', high: '5,0', flag: i % 3 === 0 ? '' : 'N', numericType: true })),
});
const cases: Array<[string, Buffer]> = [
  ['HPRIM Santé, 6 results (Latin-1)', Buffer.from(HPRIM_SANTE_BIOCHEMISTRY, 'latin1')],
  ['HPRIM médecin, 5 results (Latin-1)', Buffer.from(HPRIM_MEDECIN_NFS, 'latin1')],
  ['HL7 ORU^R01, 6 results (UTF-8)', Buffer.from(HL7_ORU_BIOCHEMISTRY, 'utf8')],
  ['HPRIM Santé, 40 results (Latin-1)', Buffer.from(big, 'latin1')],
];

for (const [name, bytes] of cases) {
  for (let i = 0; i < 2000; i++) parseLabMessage(bytes); // warm-up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < SECONDS * 1000) {
    for (let i = 0; i < 200; i++) if (!parseLabMessage(bytes).ok) throw new Error(`${name}: refused`);
    n += 200;
  }
  const rate = n / ((performance.now() - t0) / 1000);
  console.log(`${name.padEnd(38)} ${bytes.length.toString().padStart(5)} bytes  ${Math.round(rate).toLocaleString('en-US').padStart(8)} messages/s`);
}
// With the text sheet, what the register will do on arrival.
const o = parseLabMessage(cases[0]![1]);
if (o.ok) {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < SECONDS * 1000) { for (let i = 0; i < 200; i++) { const p = parseLabMessage(cases[0]![1]); if (p.ok) renderText(p.reports[0]!); } n += 200; }
  console.log(`${'HPRIM Santé 6 results + text sheet'.padEnd(38)} ${''.padStart(5)}        ${Math.round(n / ((performance.now() - t0) / 1000)).toLocaleString('en-US').padStart(8)} messages/s`);
}
