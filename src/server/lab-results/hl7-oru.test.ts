/** HL7 v2 ORU^R01: each field of the sample, escapes, repetitions, MLLP framing, the INS, the errors. */
import { describe, expect, it } from 'vitest';
import { HL7_ORU_BIOCHEMISTRY } from './fixtures/samples.js';
import { parseHl7Oru } from './hl7-oru.js';
import { parseLabMessage } from './index.js';
import type { LabParseOutcome, LabReport } from './types.js';

const one = (o: LabParseOutcome): LabReport => {
  if (!o.ok) throw new Error(o.error.message);
  expect(o.reports).toHaveLength(1);
  return o.reports[0] as LabReport;
};

describe('HL7 v2 ORU^R01', () => {
  const r = one(parseHl7Oru(Buffer.from(HL7_ORU_BIOCHEMISTRY, 'utf8')));

  it('reads MSH, PID (birth and used names by type, INS by OID), ORC/OBR', () => {
    expect(r.format).toBe('hl7-oru');
    expect(r.sender).toBe('LBM01');
    expect(r.patient).toEqual({
      birthName: 'LEFÈVRE', usedName: 'DUPONT', firstName: 'Hélène', birthDate: '1958-03-14', sex: 'F',
      ids: [{ value: '258036938812345', authority: '1.2.250.1.213.1.4.8', type: 'INS' }, { value: 'PAT-7731', authority: 'LBM01', type: 'PI' }],
      ins: { value: '258036938812345', oid: '1.2.250.1.213.1.4.8' },
    });
    expect([r.receivedFor, r.receivedForId, r.requestedAt, r.reportedAt]).toEqual(['Paul MARTIN', '10003456789', '2024-12-03T08:30', '2024-12-03T17:40']);
    expect(r.warnings).toEqual([]);
  });

  it('reads OBX: units (CE text), range text, lab flags, range-derived flags, NTE, escapes', () => {
    expect(r.results.map((x) => [x.label, x.numeric, x.unit, x.referenceRange.text, x.flag, x.flagSource])).toEqual([
      ['Créatinine', 128, 'µmol/L', '45-90', 'high', 'lab'],
      ['Potassium', 3.1, 'mmol/L', '3.5-5.0', 'low', 'lab'],
      ['INR', 2.6, '', '2.0-3.0', 'normal', 'range'],
      ['Glucose', 7.9, 'mmol/L', '4.1-5.9', 'high', 'range'],
      ['Conclusion', null, '', '', null, null],
      ['Hémoglobine', 6.1, 'g/dL', '12.0-16.0', 'critically_low', 'lab'],
    ]);
    expect(r.results[0]?.comment).toBe('Contrôlée sur un second prélèvement.');
    expect(r.results[4]?.value).toBe('Créatinine & potassium | à contrôler\nsous 8 jours');
  });

  it('reads the same message from Latin-1 bytes, CRLF or LF, and inside an MLLP frame', () => {
    const framed = Buffer.concat([Buffer.from([0x0b]), Buffer.from(HL7_ORU_BIOCHEMISTRY, 'latin1'), Buffer.from([0x1c, 0x0d])]);
    for (const input of [framed, Buffer.from(HL7_ORU_BIOCHEMISTRY.replace(/\r/g, '\r\n'), 'latin1'), HL7_ORU_BIOCHEMISTRY.replace(/\r/g, '\n')]) {
      expect(one(parseLabMessage(input))).toEqual(r);
    }
  });

  it('honours other encoding characters declared in MSH-2, \\X..\\ hex escapes and SN values', () => {
    const msg = HL7_ORU_BIOCHEMISTRY.replace(/\^/g, '#').replace('MSH|#~\\&', 'MSH|#~\\&')
      .replace('OBX|4|NM|2345-7#Glucose#LN||7.9', 'OBX|4|SN|2345-7#Glyc\\XC3A9\\mie#LN||<#5.1');
    const rep = one(parseHl7Oru(msg));
    expect(rep.patient.birthName).toBe('LEFÈVRE');
    expect(rep.results[3]).toMatchObject({ label: 'Glycémie', value: '<5.1', numeric: null, flag: null });
  });

  it('reads several patients (one report each) and the INS test OID', () => {
    const second = 'PID|1||1234567890123^^^X&1.2.250.1.213.1.4.10&ISO^INS||MOREAU^Jean^^^^^L||19700101|M\rOBR|1|||K^K^L\rOBX|1|NM|K^Potassium^L||4.2|mmol/L|3.5-5.0';
    const o = parseHl7Oru(`${HL7_ORU_BIOCHEMISTRY}\r${second}`);
    expect(o.ok && o.reports.map((x) => [x.patient.birthName, x.patient.ins?.oid, x.results.length])).toEqual([['LEFÈVRE', '1.2.250.1.213.1.4.8', 6], ['MOREAU', '1.2.250.1.213.1.4.10', 1]]);
  });

  it('refuses malformed messages with a typed French error naming the line and field', () => {
    expect(parseHl7Oru('MSH|^^^^|')).toMatchObject({ ok: false, error: { code: 'bad_header', line: 1, field: 'MSH-2' } });
    expect(parseHl7Oru('MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5')).toMatchObject({ ok: false, error: { code: 'bad_field', field: 'MSH-9', message: 'Ligne 1, champ MSH-9 : message « ADT^A01 », seul ORU^R01 est lu.' } });
    expect(parseHl7Oru('MSH|^~\\&|A|B|C|D|2024||ORU^R01|1|P|2.5\rOBX|1|NM|K^K||4')).toMatchObject({ ok: false, error: { code: 'missing_segment', line: 2 } });
    expect(parseHl7Oru('MSH|^~\\&|A|B|C|D|2024||ORU^R01|1|P|2.5\rPID|1||X||N^P\rOBX|1|NM|||4')).toMatchObject({ ok: false, error: { code: 'bad_field', line: 3, field: 'OBX-3' } });
    expect(parseHl7Oru('MSH|^~\\&|A|B|C|D|2024||ORU^R01|1|P|2.5')).toMatchObject({ ok: false, error: { code: 'missing_segment', field: 'PID' } });
    expect(parseHl7Oru('PID|1')).toMatchObject({ ok: false, error: { code: 'bad_header', line: 1 } });
  });

  it('warns on an unreadable birth date, an unknown segment or flag', () => {
    const msg = HL7_ORU_BIOCHEMISTRY.replace('||19580314|', '||19581314|').replace('PV1|1|O', 'XYZ|1').replace('|3.5-5.0|L|', '|3.5-5.0|W|');
    expect(one(parseHl7Oru(msg)).warnings).toEqual([
      'Ligne 2, champ PID-7 : date de naissance « 19581314 » illisible.',
      'Ligne 3 : segment « XYZ » inconnu, ignoré.',
      'Ligne 8, champ OBX-8 : indicateur d’anomalie « W » inconnu, lu comme « anormal ».',
    ]);
  });
});
