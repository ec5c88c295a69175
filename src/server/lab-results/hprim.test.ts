/** HPRIM Santé and HPRIM médecin: each field of the hand-written samples, the character sets, the errors. */
import { describe, expect, it } from 'vitest';
import { HPRIM_MEDECIN_NFS, HPRIM_SANTE_BIOCHEMISTRY } from './fixtures/samples.js';
import { parseHprim } from './hprim.js';
import type { LabParseOutcome, LabReport } from './types.js';

const one = (o: LabParseOutcome): LabReport => {
  if (!o.ok) throw new Error(o.error.message);
  expect(o.reports).toHaveLength(1);
  return o.reports[0] as LabReport;
};
const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('HPRIM Santé 2.2', () => {
  const r = one(parseHprim(latin1(HPRIM_SANTE_BIOCHEMISTRY)));

  it('reads the header, the patient (Latin-1 accents) and the request', () => {
    expect(r.format).toBe('hprim-sante');
    expect(r.sender).toBe('Laboratoire des Tilleuls');
    expect(r.patient).toEqual({
      birthName: 'LEFÈVRE', usedName: 'DUPONT', firstName: 'Hélène', birthDate: '1958-03-14', sex: 'F',
      ids: [{ value: 'PAT-7731', authority: 'P.3 (cabinet)', type: '' }, { value: 'L24-88120', authority: 'P.4 (laboratoire)', type: '' }],
    });
    expect(r.receivedFor).toBe('MARTIN Paul');
    expect(r.receivedForId).toBe('10003456789'); // OBR.17.1, kept although a name follows it
    expect(r.requestedAt).toBe('2024-12-03T08:15');
    expect(r.reportedAt).toBe('2024-12-03T17:40');
    expect(r.warnings).toEqual([]);
  });

  it('reads each result: code, label, value, French decimal comma, unit, range from two components, flag', () => {
    expect(r.results.map((x) => [x.code, x.numeric, x.unit, x.referenceRange.low, x.referenceRange.high, x.flag, x.flagSource])).toEqual([
      ['CREA', 128, 'µmol/L', 45, 90, 'high', 'lab'],
      ['K', 3.1, 'mmol/L', 3.5, 5, 'low', 'lab'],
      ['NA', 139, 'mmol/L', 136, 145, 'normal', 'lab'],
      ['GLY', 5.2, 'mmol/L', 4.1, 5.9, 'normal', 'range'],
      ['INR', 2.6, '', 2, 3, 'normal', 'lab'],
      ['CONCL', null, '', null, null, null, null],
    ]);
    expect(r.results[1]?.value).toBe('3,1');
    expect(r.results[0]?.label).toBe('Créatinine');
    expect(r.results[3]?.label).toBe('Glycémie à jeun');
  });

  it('attaches C comments to the result above and folds A| continuation lines', () => {
    expect(r.results[0]?.comment).toBe('Contrôlée sur un second prélèvement.');
    expect(r.results[4]?.comment).toBe('Zone thérapeutique AVK habituelle : 2 à 3.');
    expect(r.results[5]?.value).toBe('Insuffisance rénale modérée à confirmer ; hypokaliémie. Contrôle conseillé sous 8 jours.');
  });

  it('gives the same report from UTF-8, Windows-1252, LF, CR, and a string', () => {
    for (const input of [Buffer.from(HPRIM_SANTE_BIOCHEMISTRY, 'utf8'), new TextEncoder().encode(`\uFEFF${HPRIM_SANTE_BIOCHEMISTRY}`),
      latin1(HPRIM_SANTE_BIOCHEMISTRY.replace(/\r\n/g, '\n')), latin1(HPRIM_SANTE_BIOCHEMISTRY.replace(/\r\n/g, '\r')), HPRIM_SANTE_BIOCHEMISTRY]) {
      expect(one(parseHprim(input))).toEqual(r);
    }
  });

  it('decodes Windows-1252 characters outside Latin-1 (œ, ’)', () => {
    const cp = Buffer.from(HPRIM_SANTE_BIOCHEMISTRY.replace('sur un second', 'sur l_un second (s_ur)'), 'latin1');
    cp[cp.indexOf(Buffer.from('_un'))] = 0x92; // ’ in Windows-1252
    cp[cp.indexOf(Buffer.from('_ur'))] = 0x9c; // œ
    expect(one(parseHprim(cp)).results[0]?.comment).toBe('Contrôlée sur l’un second (sœur) prélèvement.');
  });

  it('reads the delimiters from H.2 and unescapes values', () => {
    const msg = HPRIM_SANTE_BIOCHEMISTRY.replace('OBX|3|NM|NA~Sodium~L||139', 'OBX|3|NM|NA~Sodium \\S\\ Na\\F\\~L||139');
    expect(one(parseHprim(msg)).results[2]?.label).toBe('Sodium ~ Na|');
  });

  it('turns an unknown flag into « abnormal » with a warning, and a missing L into a warning', () => {
    const msg = HPRIM_SANTE_BIOCHEMISTRY.replace('|136~145|N|', '|136~145|ZZ|').replace(/\r\nL\|1\|\|\|$/, '');
    const rep = one(parseHprim(msg));
    expect(rep.results[2]?.flag).toBe('abnormal');
    expect(rep.warnings).toEqual([
      'Ligne 7, champ OBX.9 : indicateur d’anomalie « ZZ » inconnu, lu comme « anormal ».',
      'Fin de message (L) absente : le fichier est peut-être tronqué.',
    ]);
  });

  it('reads a range sent as text and a critical flag', () => {
    const msg = HPRIM_SANTE_BIOCHEMISTRY.replace('|3,1|mmol/L|3,5~5,0|L|', '|2,4|mmol/L|3,5-5,0|LL|');
    const k = one(parseHprim(msg)).results[1];
    expect(k).toMatchObject({ numeric: 2.4, referenceRange: { low: 3.5, high: 5, text: '3,5-5,0' }, flag: 'critically_low' });
  });

  it('finds the INS when a P identifier carries its OID, and returns one report per patient', () => {
    const msg = HPRIM_SANTE_BIOCHEMISTRY.replace('P|1|PAT-7731|L24-88120||', 'P|1|PAT-7731|L24-88120|258036938812345~1.2.250.1.213.1.4.8|')
      .replace('L|1|||', 'P|2|PAT-2||||MOREAU~Jean||19700101|M\r\nOBR|1||X|BIO~Biochimie~L\r\nOBX|1|NM|K~Potassium~L||4,2|mmol/L|3,5~5,0||||F\r\nL|1');
    const o = parseHprim(msg);
    expect(o.ok && o.reports.map((x) => [x.patient.birthName, x.patient.ins?.value ?? null, x.results.length])).toEqual([['LEFÈVRE', '258036938812345', 6], ['MOREAU', null, 1]]);
  });

  it('refuses malformed files with a typed French error naming the line and field', () => {
    expect(parseHprim('H|||||\r\nP|1')).toEqual({ ok: false, error: { code: 'bad_header', line: 1, field: 'H.2', message: expect.stringContaining('Ligne 1, champ H.2') } });
    expect(parseHprim('')).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(parseHprim('H|~^\\&|X\r\nOBX|1|NM|K~K||4')).toMatchObject({ ok: false, error: { code: 'missing_segment', line: 2, message: 'Ligne 2 : résultat (OBX) avant tout patient (P).' } });
    expect(parseHprim('H|~^\\&|X\r\nP|1\r\nOBX|1|NM|||4')).toMatchObject({ ok: false, error: { code: 'bad_field', line: 3, field: 'OBX.4' } });
    expect(parseHprim('H|~^\\&|X\r\nL|1')).toMatchObject({ ok: false, error: { code: 'missing_segment', field: 'P' } });
    expect(parseHprim('bonjour')).toMatchObject({ ok: false, error: { code: 'unknown_format' } });
    // A médecin file whose first line (a lab code) starts with H is not taken for HPRIM Santé.
    expect(parseHprim(HPRIM_MEDECIN_NFS.replace('A2412003917', 'H-2412003917'))).toMatchObject({ ok: true });
  });
});

describe('HPRIM médecin (12-line header, ****LAB****)', () => {
  const r = one(parseHprim(latin1(HPRIM_MEDECIN_NFS)));

  it('reads the header lines', () => {
    expect(r.format).toBe('hprim-medecin');
    expect(r.patient).toMatchObject({ birthName: 'LEFEVRE', firstName: 'Hélène', birthDate: '1958-03-14', sex: 'F' });
    expect(r.patient.ids.map((i) => i.authority)).toEqual(['ligne 1 (laboratoire)', 'NIR', 'ligne 9 (demande)']);
    expect([r.sender, r.receivedFor, r.receivedForId, r.requestedAt]).toEqual(['Laboratoire des Tilleuls', 'Dr Martin Paul', 'DRM', '2024-12-03']);
  });

  it('reads RES lines (two bounds, flag, second unit) and TEX comments; keeps the free text', () => {
    expect(r.results.map((x) => [x.label, x.code, x.numeric, x.flag, x.flagSource])).toEqual([
      ['Hématies', 'GR', 3.92, 'low', 'lab'],
      ['Hémoglobine', 'HB', 10.9, 'low', 'lab'],
      ['Leucocytes', 'GB', 6.8, 'normal', 'lab'],
      ['Plaquettes', 'PLQ', 412, 'high', 'range'],
      ['Aspect du sérum', 'ASP', null, 'normal', 'lab'],
    ]);
    expect(r.results[2]?.comment).toBe('soit 6800 /mm3 (4000-10000)');
    expect(r.results[3]?.comment).toBe('Anisocytose modérée.');
    expect(r.comments[0]).toContain('NUMERATION FORMULE SANGUINE');
    expect(r.warnings).toEqual([]);
  });

  it('accepts ****FINLAB**** and warns on an unclosed block or a second patient', () => {
    expect(one(parseHprim(HPRIM_MEDECIN_NFS.replace('****FIN****', '****FINLAB****'))).results).toHaveLength(5);
    expect(one(parseHprim(HPRIM_MEDECIN_NFS.replace('****FIN****\r\n****FINFICHIER****', ''))).warnings).toContain('Bloc ****LAB**** non refermé : le fichier est peut-être tronqué.');
    expect(one(parseHprim(`${HPRIM_MEDECIN_NFS}\r\nA2\r\nMOREAU`)).warnings[0]).toMatch(/contenu après \*\*\*\*FINFICHIER\*\*\*\*/);
  });

  it('refuses a short header or a missing name', () => {
    expect(parseHprim('X\r\nY\r\n****LAB****\r\n****FIN****')).toMatchObject({ ok: false, error: { code: 'bad_header' } });
    expect(parseHprim(HPRIM_MEDECIN_NFS.replace('\r\nLEFEVRE\r\n', '\r\n\r\n'))).toMatchObject({ ok: false, error: { code: 'bad_field', line: 2 } });
  });
});
