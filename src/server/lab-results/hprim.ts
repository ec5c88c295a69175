/**
 * HPRIM Santé 2.x (« HPRIM NET ») result files, ORU messages, as French labs send them to practices.
 *
 * Followed: HPRIM Santé 2.2 as reflected by the public libHprim grammar (github.com/aiderpmsi/libHprim, HPRIMS.g) and
 * its example message; the record layout is ASTM E1394's, whose numbering counts the record name as field 1
 * (H.1 = « H »). Positions below are given in that numbering; `fields[n-1]` in code.
 *   H.2  delimiters `~^\&` after the field separator: component `~`, repetition `^`, escape `\`, sub-component `&`
 *        (the reverse of HL7's `^~`; read from the file, never assumed)
 *   H.5  sender id~name · H.7 message type (ORU) · H.10 receiver id~name · H.13 version~type (H2.2~C) · H.14 date
 *   P.3/P.4/P.5 patient ids (practice / lab / other) · P.6 name: family~first · P.7 birth name (ASTM « mother's
 *        maiden name », used by French labs for the nom de naissance: NOT verified against the HPRIM text)
 *   P.8 birth date YYYYMMDD · P.9 sex M/F/U
 *   OBR.5 test id · OBR.7 requested date · OBR.8 collection date · OBR.17 ordering physician id~name~first name
 *   OBR.23 results reported date (ASTM O.23; not seen in a public HPRIM example)
 *   OBX.3 type (NM, TX, CE, ST…) · OBX.4 code~label~system · OBX.6 value · OBX.7 unit · OBX.8 reference range
 *        (`low~high` as components, or a text such as « 3,5-5,0 ») · OBX.9 abnormal flag (L, H, LL, HH, N, A) ·
 *        OBX.12 status · OBX.15 observation date
 *   C.4  comment text (attached to the OBX it follows, else to the report) · L end
 *   A    continuation record: its content, after « A| », prolongs the previous record (HPRIM lines are bounded in
 *        length), concatenated as is (libHprim does the same).
 * Not verified (no public copy of the specification text was found): field lengths, the exact OBX.8 syntax, the
 * OBR.23 position, the AP/AC/ACT/FAC/REG records (read as « known, not used »).
 */
import { decodeBytes, splitLines } from './rules/decode.js';
import { type Delimiters, Segment } from './rules/delimited.js';
import { buildResult, MAX_INPUT_BYTES } from './rules/result.js';
import { INS_OIDS, readDate, readRange, readSex } from './rules/values.js';
import { parseHprimMedecin } from './hprim-medecin.js';
import { labError, type LabParseOutcome, type LabReport } from './types.js';

const IGNORED = new Set(['AP', 'AC', 'ACT', 'FAC', 'REG', 'Q', 'M']);

/**
 * Which HPRIM layout: a first line « H » + five delimiter characters (Santé: `H|~^\&|`), else the médecin layout
 * (12-line header, ****LAB****), whose first line is a lab code that may itself start with H.
 */
export function looksLikeHprimSante(text: string): boolean {
  return /^\s*H[^A-Za-z0-9\s]{5}/.test(text);
}

export function parseHprim(input: Uint8Array | string): LabParseOutcome {
  try {
    if (input.length > MAX_INPUT_BYTES) return labError('too_large', 0, '', 'Fichier HPRIM trop volumineux (plus de 5 Mo).');
    const { text } = decodeBytes(input);
    if (text.trim() === '') return labError('empty', 0, '', 'Fichier HPRIM vide.');
    return looksLikeHprimSante(text) ? parseSante(text) : parseHprimMedecin(text);
  } catch (e) {
    // A parser bug must not become a 500 or a lost file: it becomes a readable refusal (the fuzz tests look for these).
    return labError('bad_field', 0, '', `Fichier HPRIM illisible (erreur interne : ${(e as Error).message}).`);
  }
}

function readDelimiters(header: string): Delimiters | null {
  const field = header[1];
  const rest = header.slice(2, 6);
  if (field === undefined || rest.length < 4) return null;
  const [component, repetition, escape, subcomponent] = [...rest] as [string, string, string, string];
  const all = [field, component, repetition, escape, subcomponent];
  if (new Set(all).size !== 5 || all.some((c) => /[A-Za-z0-9\s]/.test(c))) return null;
  return { field, component, repetition, escape, subcomponent };
}

function emptyReport(): LabReport {
  return {
    format: 'hprim-sante', sender: '', receivedFor: '', receivedForId: '', requestedAt: '', reportedAt: '', results: [], comments: [], warnings: [],
    patient: { birthName: '', usedName: '', firstName: '', birthDate: '', sex: 'U', ids: [] },
  };
}

function parseSante(text: string): LabParseOutcome {
  const lines = splitLines(text);
  const first = lines.findIndex((l) => l.trim() !== '');
  const headerLine = (lines[first] ?? '').trimStart();
  const d = readDelimiters(headerLine);
  if (!d) return labError('bad_header', first + 1, 'H.2', `Ligne ${first + 1}, champ H.2 : délimiteurs HPRIM absents ou invalides (attendu par exemple « H|~^\\&| »).`);

  // Records, with « A| » continuations folded into the record they prolong.
  const records: Array<{ text: string; line: number }> = [];
  for (let i = first; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.trim() === '') continue;
    if (l.startsWith(`A${d.field}`) && records.length > 0) {
      (records[records.length - 1] as { text: string }).text += l.slice(2);
      continue;
    }
    records.push({ text: l, line: i + 1 });
  }

  // A leading placeholder makes `get(n)` read field n in HPRIM's own numbering (the record name is field 1).
  const header = new Segment('H', ['', ...(records[0]?.text ?? '').split(d.field)], first + 1, d);
  const type = header.get(7);
  const warnings: string[] = [];
  if (type !== '' && type.toUpperCase() !== 'ORU') warnings.push(`Ligne ${header.line}, champ H.7 : type de message « ${type} » (attendu ORU).`);
  const version = header.get(13);
  if (version !== '' && !/^H2\./i.test(version)) warnings.push(`Ligne ${header.line}, champ H.13 : version « ${version} » non testée (HPRIM Santé 2.x attendu).`);
  const sender = header.get(5, 2) || header.get(5, 1);
  const headerDate = readDate(header.get(14)) ?? '';
  const receiver = header.get(10, 2) || header.get(10, 1);

  const reports: LabReport[] = [];
  let report: LabReport | null = null;
  let lastWasObx = false;
  let ended = false;
  for (const rec of records.slice(1)) {
    const fields = rec.text.split(d.field);
    const seg = new Segment((fields[0] ?? '').trim(), ['', ...fields], rec.line, d);
    const where = (f: string): string => `Ligne ${rec.line}, champ ${seg.name}.${f}`;
    if (ended) {
      warnings.push(`Ligne ${rec.line} : contenu après la fin de message (L), ignoré.`);
      break;
    }
    switch (seg.name) {
      case 'P': {
        report = { ...emptyReport(), sender, receivedFor: receiver, reportedAt: headerDate, warnings: [...warnings] };
        reports.push(report);
        const p = report.patient;
        p.usedName = seg.get(6, 1);
        p.firstName = seg.get(6, 2);
        p.birthName = seg.get(7, 1) || p.usedName;
        const birth = seg.get(8);
        p.birthDate = readDate(birth) ?? '';
        if (birth !== '' && p.birthDate === '') report.warnings.push(`${where('8')} : date de naissance « ${birth} » illisible.`);
        p.sex = readSex(seg.get(9));
        const idFields: Array<[number, string]> = [[3, 'P.3 (cabinet)'], [4, 'P.4 (laboratoire)'], [5, 'P.5']];
        for (const [i, authority] of idFields) {
          const v = seg.get(i, 1);
          if (v !== '') p.ids.push({ value: v, authority, type: seg.get(i, 2) });
          const oid = seg.get(i, 2);
          if (v !== '' && (INS_OIDS as readonly string[]).includes(oid)) p.ins = { value: v, oid };
        }
        lastWasObx = false;
        break;
      }
      case 'OBR': {
        if (!report) return labError('missing_segment', rec.line, 'P', `Ligne ${rec.line} : demande (OBR) avant tout patient (P).`);
        report.requestedAt ||= readDate(seg.get(7)) ?? readDate(seg.get(8)) ?? '';
        const reported = readDate(seg.get(23));
        if (reported) report.reportedAt = reported;
        // OBR.17 id~name~first name: the name for the person reading, the id (often the RPPS) kept apart for routing.
        const prescriberId = seg.get(17, 1);
        const prescriber = [seg.get(17, 2), seg.get(17, 3)].filter(Boolean).join(' ') || prescriberId;
        if (prescriber !== '') {
          report.receivedFor = prescriber;
          report.receivedForId = prescriberId;
        }
        lastWasObx = false;
        break;
      }
      case 'OBX': {
        if (!report) return labError('missing_segment', rec.line, 'P', `Ligne ${rec.line} : résultat (OBX) avant tout patient (P).`);
        const valueType = seg.get(3).toUpperCase();
        const code = seg.get(4, 1);
        const label = seg.get(4, 2) || code;
        if (code === '' && label === '') return labError('bad_field', rec.line, 'OBX.4', `${where('4')} : résultat sans code ni libellé.`);
        const textual = valueType !== '' && valueType !== 'NM' && valueType !== 'SN';
        const value = valueType === 'CE' ? seg.get(6, 2) || seg.get(6, 1) : seg.text(6);
        const rangeRaw = seg.raw(8);
        const range = rangeRaw.includes(d.component) ? readRange('', seg.get(8, 1), seg.get(8, 2)) : readRange(seg.text(8));
        report.results.push(buildResult({ code, label, value, unit: seg.text(7), range, flag: seg.get(9), textual }, where('9'), report.warnings));
        lastWasObx = true;
        break;
      }
      case 'C': {
        const comment = seg.text(4);
        const target = report?.results[report.results.length - 1];
        if (lastWasObx && target) target.comment = target.comment ? `${target.comment}\n${comment}` : comment;
        else if (report) report.comments.push(comment);
        break;
      }
      case 'L':
        ended = true;
        break;
      case 'H':
        return labError('bad_header', rec.line, 'H', `Ligne ${rec.line} : second en-tête H dans le même fichier.`);
      default:
        if (!IGNORED.has(seg.name)) (report?.warnings ?? warnings).push(`Ligne ${rec.line} : enregistrement « ${seg.name.slice(0, 10)} » inconnu, ignoré.`);
    }
  }
  if (reports.length === 0) return labError('missing_segment', 0, 'P', 'Fichier HPRIM sans patient (aucun enregistrement P).');
  if (!ended) for (const r of reports) r.warnings.push('Fin de message (L) absente : le fichier est peut-être tronqué.');
  return { ok: true, reports };
}
