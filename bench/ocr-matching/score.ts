/**
 * Scores patient matching on letters rendered as noisy scans and read by OCR (README.md beside this file).
 *   nice -n 19 npx tsx bench/ocr-matching/score.ts [--letters f.jsonl --roster r.json] [--text] [--pdf] [--limit N] [--json]
 * Without --letters/--roster: the development set (letters.ts, roster.ts).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { closeOcr, extractIdentity, matchCandidates, pagesFromText, readScan, searchKeys, type MatchCandidate, type OcrPage } from '../../src/server/correspondence/matching/index.js';
import { phoneticKeys } from '../../src/server/patients/index.js';
import { clock } from '../../src/server/platform/clock.js';
import { devLetters, type SpecLetter } from './letters.js';
import { jpegsToPdf, renderLetter } from './render.js';
import { demoRoster, type RosterEntry } from './roster.js';

const { values: args } = parseArgs({
  options: {
    letters: { type: 'string' }, roster: { type: 'string' }, text: { type: 'boolean' }, pdf: { type: 'boolean' },
    limit: { type: 'string' }, json: { type: 'boolean' }, seed: { type: 'string' },
  },
});

const rosterFile = args.roster ? (JSON.parse(fs.readFileSync(args.roster, 'utf8')) as RosterEntry[] | { patients: RosterEntry[] }) : null;
const roster: RosterEntry[] = rosterFile ? (Array.isArray(rosterFile) ? rosterFile : rosterFile.patients) : demoRoster();
const allLetters: SpecLetter[] = args.letters
  ? fs.readFileSync(args.letters, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as SpecLetter)
  : devLetters(roster, 60, args.seed ? Number(args.seed) : undefined);
const letters = args.limit ? allLetters.slice(0, Number(args.limit)) : allLetters;

const candidates: Array<MatchCandidate & { keys: string[] }> = roster.map((p) => ({
  id: p.key,
  birthName: p.birthName,
  usedName: p.usedName ?? null,
  firstNames: p.firstNames.split(/\s+/).filter((w) => w),
  birthDate: p.birthDate,
  sex: p.sex,
  nir: p.nir ?? null,
  ins: p.ins ?? null,
  keys: phoneticKeys(p.birthName, p.usedName, p.firstNames),
}));

/** The recall query of patients/identity-candidates.service.ts, on the roster: NIR/INS, birth date, a phonetic key. */
function recall(keys: ReturnType<typeof searchKeys>): MatchCandidate[] {
  const wanted = new Set(keys.phoneticKeys);
  return candidates.filter(
    (c) => keys.identifiers.some((i) => i === c.nir || i === c.ins) || keys.birthDates.includes(c.birthDate) || c.keys.some((k) => wanted.has(k)),
  );
}

const lineText = (l: SpecLetter['lines'][number]) => (typeof l === 'string' ? l : l.text);
type Outcome = 'right' | 'none' | 'wrong';
const results: Array<{ id: string; layout: string; outcome: Outcome; truth: string | null; proposed: string | null; seconds: number; cpu: number; pages: number; reason: string }> = [];
const year = clock.now().getUTCFullYear();

for (const letter of letters) {
  let pages: OcrPage[];
  let seconds: number;
  // CPU time of the process (OCR worker thread included): less sensitive than wall time to a loaded machine.
  const cpu0 = process.cpuUsage();
  if (args.text) {
    const t0 = performance.now();
    pages = pagesFromText(letter.lines.map(lineText));
    seconds = (performance.now() - t0) / 1000;
  } else {
    const jpegs = renderLetter(letter);
    const t0 = performance.now();
    Object.assign(cpu0, process.cpuUsage());
    if (args.pdf) pages = await readScan(jpegsToPdf(jpegs));
    else {
      pages = [];
      for (const j of jpegs) pages.push(...(await readScan(j)).map((p) => ({ ...p, page: pages.length + 1 })));
    }
    seconds = (performance.now() - t0) / 1000;
  }
  const t1 = performance.now();
  const x = extractIdentity(pages, year);
  const r = matchCandidates(x, recall(searchKeys(x)));
  seconds += (performance.now() - t1) / 1000;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6;
  const proposed = r.decision === 'proposed' ? r.proposals[0]!.patientId : null;
  const outcome: Outcome = proposed === null ? 'none' : proposed === letter.truth.patientKey ? 'right' : 'wrong';
  results.push({ id: letter.id, layout: letter.layout, outcome, truth: letter.truth.patientKey, proposed, seconds, cpu, pages: pages.length, reason: r.reason.en });
  if (args.json) console.log(JSON.stringify({ ...results[results.length - 1], top: r.proposals.slice(0, 2).map((p) => ({ id: p.patientId, score: p.score, evidence: p.evidence.map((e) => `${e.field}:${e.read || e.expected}:${e.points}`), conflicts: p.conflicts.map((c) => `${c.field}:${c.read}`) })) }));
}
await closeOcr();

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);
function summary(rs: typeof results): string {
  const n = rs.length;
  const count = (o: Outcome) => rs.filter((r) => r.outcome === o).length;
  const pages = rs.reduce((s, r) => s + r.pages, 0);
  const secs = rs.reduce((s, r) => s + r.seconds, 0);
  const cpu = rs.reduce((s, r) => s + r.cpu, 0);
  return `${String(n).padStart(3)} letters  right first proposal ${pct(count('right'), n).padStart(7)}  no proposal ${pct(count('none'), n).padStart(7)}  WRONG first proposal ${pct(count('wrong'), n).padStart(7)}  ${(secs / Math.max(1, pages)).toFixed(2)} s/page (CPU ${(cpu / Math.max(1, pages)).toFixed(2)} s)`;
}
const inRoster = results.filter((r) => r.truth !== null);
console.log(`mode: ${args.text ? 'text (no OCR)' : args.pdf ? 'scanned PDF → PDFium → OCR' : 'JPEG scan → OCR'}; roster ${roster.length} patients`);
console.log(`all          ${summary(results)}`);
console.log(`in roster    ${summary(inRoster)}`);
console.log(`not in roster${summary(results.filter((r) => r.truth === null))}`);
for (const layout of [...new Set(results.map((r) => r.layout))]) console.log(`${layout.padEnd(13)}${summary(results.filter((r) => r.layout === layout))}`);
const wrong = results.filter((r) => r.outcome === 'wrong');
if (wrong.length > 0) console.log(`wrong: ${wrong.map((r) => `${r.id} (truth ${r.truth}, proposed ${r.proposed})`).join(', ')}`);
