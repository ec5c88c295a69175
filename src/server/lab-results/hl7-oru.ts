/**
 * HL7 v2 ORU^R01 (versions 2.3 to 2.5 read alike here; France's labs use 2.5 with the IHE PAM/LAB profiles).
 * Field positions: HL7 v2.5 chapter 2 (MSH), 3 (PID, PV1), 4 (ORC, OBR), 7 (OBX, NTE), HL7 numbering (MSH-1 is
 * the field separator itself, so MSH fields sit one place to the left of the split array).
 *   MSH-2 encoding characters · MSH-4 sending facility · MSH-6 receiving facility · MSH-7 message date · MSH-9 type
 *   PID-3 identifiers (CX: id^^^authority&OID&ISO^type; the INS under 1.2.250.1.213.1.4.8/.10/.11) · PID-5 names
 *   (XPN: family^given…^^^type; L = used/legal, D = display, M = maiden/birth name, France: L = nom de naissance
 *   in IHE PAM FR) · PID-7 birth date · PID-8 sex
 *   ORC-12 / OBR-16 ordering provider (XCN: id^family^given) · OBR-6 requested · OBR-7 observation date
 *   OBR-22 results reported · OBX-2 value type · OBX-3 code^label · OBX-5 value · OBX-6 unit (CE: code^text)
 *   OBX-7 reference range (« 3.5-5.0 », « <5 ») · OBX-8 abnormal flags (table 0078) · NTE-3 comment
 * Segments are separated by CR (also LF/CRLF, as files saved on disk often are). MLLP framing bytes are stripped.
 */
import { decodeBytes, splitLines } from './rules/decode.js';
import { type Delimiters, Segment } from './rules/delimited.js';
import { buildResult, MAX_INPUT_BYTES } from './rules/result.js';
import { INS_OIDS, readDate, readRange, readSex } from './rules/values.js';
import { labError, type LabParseOutcome, type LabReport } from './types.js';

const KNOWN = new Set(['MSH', 'PID', 'PD1', 'PV1', 'PV2', 'ORC', 'OBR', 'OBX', 'NTE', 'SPM', 'TQ1', 'CTI', 'SFT', 'NK1', 'IN1', 'TXA', 'ZBE', 'ZFU', 'ZFP', 'ZFV', 'ZFM', 'ZFD', 'ZFS']);

export function parseHl7Oru(input: Uint8Array | string): LabParseOutcome {
  try {
    if (input.length > MAX_INPUT_BYTES) return labError('too_large', 0, '', 'Message HL7 trop volumineux (plus de 5 Mo).');
    // MLLP frame: VT (0x0B) … FS (0x1C) CR.
    const text = decodeBytes(input).text.replace(/^[\s\x0b]+/, '').replace(/[\x1c\s]+$/, '');
    if (text === '') return labError('empty', 0, '', 'Message HL7 vide.');
    return parse(text);
  } catch (e) {
    return labError('bad_field', 0, '', `Message HL7 illisible (erreur interne : ${(e as Error).message}).`);
  }
}

function parse(text: string): LabParseOutcome {
  if (!text.startsWith('MSH') || text.length < 8) return labError('bad_header', 1, 'MSH-1', 'Ligne 1 : le message HL7 doit commencer par un segment MSH.');
  const field = text[3] as string;
  const enc = text.slice(4, 8);
  const [component, repetition, escapeChar, subcomponent] = [...enc] as [string, string, string, string];
  const all = [field, component, repetition, escapeChar, subcomponent];
  if (new Set(all).size !== 5 || all.some((c) => /[A-Za-z0-9\s]/.test(c))) {
    return labError('bad_header', 1, 'MSH-2', 'Ligne 1, champ MSH-2 : caractères d’encodage invalides (attendu « ^~\\& »).');
  }
  const d: Delimiters = { field, component, repetition, escape: escapeChar, subcomponent };
  const lines = splitLines(text);
  // MSH fields: fields[1] is MSH-2, so MSH-n is fields[n-1]; prepend a placeholder to keep HL7 numbering in `get`.
  const mshFields = (lines[0] ?? '').split(field);
  const msh = new Segment('MSH', ['MSH', field, ...mshFields.slice(1)], 1, d);
  const type = `${msh.get(9, 1)}^${msh.get(9, 2)}`;
  const topWarnings: string[] = [];
  if (msh.get(9, 1) !== 'ORU') return labError('bad_field', 1, 'MSH-9', `Ligne 1, champ MSH-9 : message « ${type} », seul ORU^R01 est lu.`);
  if (msh.get(9, 2) !== '' && msh.get(9, 2) !== 'R01') topWarnings.push(`Ligne 1, champ MSH-9 : événement « ${msh.get(9, 2)} » (R01 attendu).`);
  const sender = msh.get(4, 1) || msh.get(3, 1);
  const messageDate = readDate(msh.get(7)) ?? '';

  const reports: LabReport[] = [];
  let report: LabReport | null = null;
  let last: 'obx' | 'obr' | 'other' = 'other';
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.trim() === '') continue;
    const fields = l.split(field);
    const seg = new Segment((fields[0] ?? '').trim(), fields, i + 1, d);
    const where = (f: number): string => `Ligne ${i + 1}, champ ${seg.name}-${f}`;
    const need = (): LabReport | LabParseOutcome => report ?? labError('missing_segment', i + 1, 'PID', `Ligne ${i + 1} : segment ${seg.name.slice(0, 3)} avant tout patient (PID).`);
    switch (seg.name) {
      case 'PID': {
        report = {
          format: 'hl7-oru', sender, receivedFor: msh.get(6, 1), receivedForId: '', requestedAt: '', reportedAt: messageDate, results: [], comments: [], warnings: [...topWarnings],
          patient: { birthName: '', usedName: '', firstName: '', birthDate: '', sex: readSex(seg.get(8)), ids: [] },
        };
        reports.push(report);
        const p = report.patient;
        for (const rep of seg.repetitions(3)) {
          const value = seg.part(rep[0]);
          if (value === '') continue;
          const authority = seg.part(rep[3], 2) || seg.part(rep[3], 1);
          p.ids.push({ value, authority, type: seg.part(rep[4]) });
          if ((INS_OIDS as readonly string[]).includes(seg.part(rep[3], 2))) p.ins = { value, oid: seg.part(rep[3], 2) };
        }
        // PID-5 repetitions: in France (IHE PAM FR) « L » carries the birth name, « D » the used name.
        const names = seg.repetitions(5).map((r) => ({ family: seg.part(r[0]), given: seg.part(r[1]), type: seg.part(r[6]).toUpperCase() }));
        const birth = names.find((n) => n.type === 'L' || n.type === 'M') ?? names[0];
        const used = names.find((n) => n.type === 'D') ?? birth;
        p.birthName = birth?.family ?? '';
        p.usedName = used?.family ?? p.birthName;
        p.firstName = birth?.given || used?.given || '';
        if (p.birthName === '') report.warnings.push(`${where(5)} : nom du patient absent.`);
        const b = seg.get(7);
        p.birthDate = readDate(b)?.slice(0, 10) ?? '';
        if (b !== '' && p.birthDate === '') report.warnings.push(`${where(7)} : date de naissance « ${b} » illisible.`);
        last = 'other';
        break;
      }
      case 'ORC': case 'OBR': {
        const r = need();
        if ('ok' in r) return r;
        const provider = seg.name === 'ORC' ? 12 : 16;
        const name = [seg.get(provider, 3), seg.get(provider, 2)].filter(Boolean).join(' ');
        if (name !== '') {
          r.receivedFor = name;
          r.receivedForId = seg.get(provider, 1);
        }
        if (seg.name === 'OBR') {
          r.requestedAt ||= readDate(seg.get(6)) ?? readDate(seg.get(7)) ?? '';
          const reported = readDate(seg.get(22));
          if (reported) r.reportedAt = reported;
        }
        last = seg.name === 'OBR' ? 'obr' : 'other';
        break;
      }
      case 'OBX': {
        const r = need();
        if ('ok' in r) return r;
        const valueType = seg.get(2).toUpperCase();
        const code = seg.get(3, 1);
        const label = seg.get(3, 2) || code;
        if (code === '' && label === '') return labError('bad_field', i + 1, 'OBX-3', `${where(3)} : résultat sans code ni libellé.`);
        const textual = valueType !== '' && valueType !== 'NM' && valueType !== 'SN';
        const value = valueType === 'CE' || valueType === 'CWE' ? seg.get(5, 2) || seg.get(5, 1)
          : valueType === 'SN' ? [seg.get(5, 1), seg.get(5, 2), seg.get(5, 3), seg.get(5, 4)].join('')
          : seg.repetitions(5).map((rep) => rep.map((c) => seg.part(c)).join(' ').trim()).join('\n');
        r.results.push(buildResult({ code, label, value, unit: seg.get(6, 2) || seg.get(6, 1), range: readRange(seg.get(7)), flag: seg.get(8), textual }, where(8), r.warnings));
        last = 'obx';
        break;
      }
      case 'NTE': {
        const r = need();
        if ('ok' in r) return r;
        const c = seg.repetitions(3).map((rep) => rep.map((x) => seg.part(x)).join(' ')).join('\n').trim();
        const target = r.results[r.results.length - 1];
        if (last === 'obx' && target) target.comment = target.comment ? `${target.comment}\n${c}` : c;
        else r.comments.push(c);
        break;
      }
      case 'MSH':
        return labError('bad_header', i + 1, 'MSH', `Ligne ${i + 1} : second segment MSH (un message par fichier).`);
      default:
        if (!KNOWN.has(seg.name)) (report?.warnings ?? topWarnings).push(`Ligne ${i + 1} : segment « ${seg.name.slice(0, 10)} » inconnu, ignoré.`);
    }
  }
  if (reports.length === 0) return labError('missing_segment', 0, 'PID', 'Message HL7 sans patient (aucun segment PID).');
  return { ok: true, reports };
}
