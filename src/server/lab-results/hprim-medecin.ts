/**
 * The older « HPRIM Médecins » layout (recommendation 3.0, March 1997, and what labs still send through Apicrypt):
 * a 12-line header, a free-text report, then an optional structured block between `****LAB****` and `****FIN****`
 * (some software writes `****FINLAB****`: both end the block), and `****FINFICHIER****`.
 *
 * Header lines (1-based), as described by public integrators' notes (bluegyn.com « HPRIM : entête ») and as seen in
 * real files published with hprimtool (github.com/yokoinc/hprimtool):
 *   1 index / lab's patient code · 2 family name · 3 first name · 4–5 address · 6 postcode and town
 *   7 birth date DD/MM/YYYY · 8 NIR (social security number) · 9 request reference · 10 request date DD/MM/YYYY
 *   11 sender (code then name) · 12 receiver (code then name)
 * Structured lines (one per result, fields separated by `|`):
 *   RES|label|code|type (N numeric, A text)|value|unit|normal low|normal high|abnormality flag|status|
 *       value 2|unit 2|normal low 2|normal high 2        (the second value is the same result in another unit)
 *   TEX|free text (a comment: attached to the RES it follows, else to the report)
 * Not verified: the 1997 text itself (not public); the brief's « 15-line result records » layout was found in no
 * public source or file, and is not read (such a file is refused with a clear error rather than misread).
 */
import { splitLines } from './rules/decode.js';
import { buildResult } from './rules/result.js';
import { readDate, readRange } from './rules/values.js';
import { labError, type LabParseOutcome, type LabReport } from './types.js';

const START = /^\*{4}LAB\*{4}\s*$/;
const END = /^\*{4}FIN(?:LAB)?\*{4}\s*$/;
const END_FILE = /^\*{4}FIN ?FICHIER\*{4}\s*$/;

/** « 76         LABO.FECAMP » → « LABO.FECAMP »: the code is the first word when a name follows it. */
const nameAfterCode = (s: string): string => {
  const m = /^(\S+)\s{2,}(.+)$/.exec(s.trim());
  return (m?.[2] ?? s).trim();
};
const codeBeforeName = (s: string): string => /^(\S+)\s{2,}\S/.exec(s.trim())?.[1] ?? '';

export function parseHprimMedecin(text: string): LabParseOutcome {
  const lines = splitLines(text);
  if (!lines.some((l) => START.test(l.trim())) && !lines.some((l) => END_FILE.test(l.trim()))) {
    return labError('unknown_format', 0, '', 'Format non reconnu : ni en-tête HPRIM Santé (« H| »), ni fichier HPRIM médecin (****LAB**** ou ****FINFICHIER****).');
  }
  if (lines.length < 12) return labError('bad_header', lines.length, 'en-tête', `En-tête HPRIM incomplet : ${lines.length} lignes au lieu de 12.`);
  const h = (n: number): string => (lines[n - 1] ?? '').trim();
  const warnings: string[] = [];
  const birth = h(7);
  const birthDate = readDate(birth) ?? '';
  if (birth !== '' && birthDate === '') warnings.push(`Ligne 7 (date de naissance) : « ${birth} » illisible.`);
  if (h(2) === '') return labError('bad_field', 2, 'nom', 'Ligne 2 (nom du patient) vide : le résultat ne peut pas être rattaché.');
  const nir = h(8).replace(/\s+/g, '');
  const ids = [];
  if (h(1) !== '') ids.push({ value: h(1), authority: 'ligne 1 (laboratoire)', type: '' });
  if (nir !== '') ids.push({ value: nir, authority: 'NIR', type: 'NIR' });
  if (h(9) !== '') ids.push({ value: h(9), authority: 'ligne 9 (demande)', type: 'demande' });
  // The header has no sex line; the NIR's first digit gives it (1 man, 2 woman; 7/8 for temporary numbers).
  const sexDigit = /^[1-478]\d{12}/.test(nir) ? nir[0] : '';
  const report: LabReport = {
    format: 'hprim-medecin',
    sender: nameAfterCode(h(11)),
    receivedFor: nameAfterCode(h(12)),
    // Line 12's code: the lab's code for the doctor, or their RPPS (routing tries it first).
    receivedForId: codeBeforeName(h(12)),
    patient: { birthName: h(2), usedName: h(2), firstName: h(3), birthDate, sex: sexDigit === '1' || sexDigit === '7' ? 'M' : sexDigit === '2' || sexDigit === '8' ? 'F' : 'U', ids },
    requestedAt: readDate(h(10)) ?? '',
    reportedAt: '',
    results: [],
    comments: [],
    warnings,
  };
  if (h(10) !== '' && report.requestedAt === '') warnings.push(`Ligne 10 (date de la demande) : « ${h(10)} » illisible.`);

  let inLab = false;
  let lastWasRes = false;
  const freeText: string[] = [];
  for (let i = 12; i < lines.length; i++) {
    const raw = lines[i] as string;
    const t = raw.trim();
    const where = `Ligne ${i + 1}`;
    if (START.test(t)) { inLab = true; continue; }
    if (END.test(t)) { inLab = false; continue; }
    if (END_FILE.test(t)) {
      if (lines.slice(i + 1).some((l) => l.trim() !== '')) warnings.push(`${where} : contenu après ****FINFICHIER****, ignoré (un autre patient ?).`);
      break;
    }
    if (!inLab) { freeText.push(raw.trimEnd()); continue; }
    if (raw.startsWith('RES|')) {
      const f = raw.split('|').map((s) => s.trim());
      const label = f[1] ?? '';
      const code = f[2] ?? '';
      if (label === '' && code === '') return labError('bad_field', i + 1, 'RES.1', `${where}, champ RES.1 : résultat sans libellé ni code.`);
      const type = (f[3] ?? '').toUpperCase();
      const second = f[10] ? `soit ${f[10]}${f[11] ? ` ${f[11]}` : ''}${f[12] || f[13] ? ` (${readRange('', f[12] ?? '', f[13] ?? '').text})` : ''}` : '';
      report.results.push(buildResult({
        code, label: label.replace(/\s*:\s*$/, ''), value: f[4] ?? '', unit: f[5] ?? '',
        range: readRange('', f[6] ?? '', f[7] ?? ''), flag: f[8] ?? '', comment: second, textual: type !== '' && type !== 'N',
      }, `${where}, champ RES.8`, warnings));
      lastWasRes = true;
    } else if (raw.startsWith('TEX|')) {
      const c = raw.slice(4).trim();
      const target = report.results[report.results.length - 1];
      // A blank TEX line or a section rule ends the comments of the result above (real files separate sections so).
      if (c === '' || /^[-=*]{3,}/.test(c)) { lastWasRes = false; if (c !== '') report.comments.push(c); continue; }
      if (lastWasRes && target) target.comment = target.comment ? `${target.comment}\n${c}` : c;
      else report.comments.push(c);
    } else if (t !== '') {
      warnings.push(`${where} : ligne non reconnue dans le bloc ****LAB**** (ni RES| ni TEX|), ignorée.`);
    }
  }
  const body = freeText.join('\n').trim();
  if (body !== '') report.comments.unshift(body);
  if (inLab) warnings.push('Bloc ****LAB**** non refermé : le fichier est peut-être tronqué.');
  return { ok: true, reports: [report] };
}
