import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withKey } from '../../patients/index.js';
import { extractIdentity } from './extract.js';
import { matchCandidates, ocrDistance, wordSimilarity, type MatchCandidate } from './match.js';
import { pagesFromText } from './tokens.js';
import type { OcrPage } from './types.js';

const patient = (id: string, birthName: string, firstNames: string, birthDate: string, sex: 'F' | 'M', extra: Partial<MatchCandidate> = {}): MatchCandidate => ({
  id, birthName, usedName: null, firstNames: firstNames.split(' '), birthDate, sex, nir: null, ins: null, ...extra,
});
const PRACTICE: MatchCandidate[] = [
  patient('durand-85', 'DURAND', 'Hélène Marie', '1985-03-12', 'F', { usedName: 'MARTIN' }),
  patient('durand-91', 'DURAND', 'Hélène', '1991-07-23', 'F'),
  patient('martin-62', 'MARTIN', 'Hélène', '1962-11-02', 'F'),
  patient('garnier-leo', 'GARNIER', 'Léo', '2019-02-02', 'M'),
  patient('garnier-lea', 'GARNIER', 'Léa', '2019-02-02', 'F'),
  patient('chevalier-1', 'CHEVALIER', 'Emma', '2012-04-01', 'F', { nir: withKey('2120444109012') }),
  patient('chevalier-2', 'CHEVALIER', 'Emma', '2012-04-01', 'F', { nir: withKey('2120444109013') }),
  patient('leroy', 'LEROY', 'Paul', '1955-02-14', 'M'),
];
const match = (lines: string[], candidates = PRACTICE) => matchCandidates(extractIdentity(pagesFromText(lines), 2026), candidates);
const proposed = (lines: string[], candidates = PRACTICE) => {
  const r = match(lines, candidates);
  return r.decision === 'proposed' ? r.proposals[0]!.patientId : null;
};

describe('proposing the patient of a letter', () => {
  it('the birth date tells apart two patients of the same name; the other gets a conflict, not a proposal', () => {
    const r = match(['Cher confrère,', "J'ai vu Mme DURAND Hélène, née le 23/07/1991, pour des palpitations."]);
    expect(r.decision).toBe('proposed');
    expect(r.proposals[0]!.patientId).toBe('durand-91');
    expect(r.proposals.find((p) => p.patientId === 'durand-85')!.conflicts.map((c) => c.field)).toEqual(['birthDate']);
  });

  it('the married woman is found by her used name with her birth name, not the patient whose birth name is that used name', () => {
    expect(proposed(['Patiente : MARTIN née DURAND Hélène', 'DDN : 12.03.85'])).toBe('durand-85');
    expect(proposed(['Mme MARTIN Hélène, née le 2 novembre 1962'])).toBe('martin-62');
  });

  it('twins: the first name decides; without it nobody is proposed', () => {
    expect(proposed(['Enfant : Léa GARNIER, née le 02/02/2019'])).toBe('garnier-lea');
    expect(proposed(['Enfant : Léo GARNIER, né le 2 février 2019'])).toBe('garnier-leo');
    expect(proposed(['Enfant GARNIER, né(e) le 02/02/2019'])).toBeNull();
  });

  it('true homonyms born the same day: nobody without the NIR, the right one with it', () => {
    expect(match(['Mme CHEVALIER Emma, née le 01/04/2012']).reason.en).toMatch(/Several patients/);
    const nir = PRACTICE[6]!.nir!;
    expect(proposed(['Mme CHEVALIER Emma, née le 01/04/2012', `NIR : ${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)} ${nir.slice(13)}`])).toBe('chevalier-2');
  });

  it('a name alone is not enough: no proposal, but the candidates are listed for the secretary', () => {
    const r = match(['Monsieur LEROY Paul a été revu ce jour.']);
    expect(r.decision).toBe('none');
    expect(r.proposals[0]!.patientId).toBe('leroy');
  });

  it('the correspondent who signs is not the patient, even when a patient bears the name', () => {
    const r = match(['Dr LEROY Paul, cardiologue', 'Le 14/02/1955 est une date sans rapport.', 'Bien confraternellement, Dr LEROY Paul']);
    expect(r.proposals.find((p) => p.patientId === 'leroy')?.evidence.some((e) => e.field === 'birthName')).not.toBe(true);
    expect(r.decision).toBe('none');
  });

  it('OCR errors and lost accents: HELENE read as HELEN E-less, DURAND as DURANO, 1 as l', () => {
    expect(proposed(['Mme DURANO Helene, nee le l2/03/l985'])).toBe('durand-85');
  });

  it('nobody in the practice: no proposal and an explanation', () => {
    const r = match(['Monsieur TARTEMPION Jules, né le 01/01/1970']);
    expect(r).toMatchObject({ decision: 'none', proposals: [] });
    expect(r.reason.fr).toMatch(/Aucun patient/);
  });

  it('evidence carries the words read and their boxes, for the screen to highlight them', () => {
    const box = (x: number) => ({ x0: x, y0: 100, x1: x + 80, y1: 130 });
    const page: OcrPage = {
      page: 1, width: 1240, height: 1754, confidence: 90, source: 'ocr',
      lines: [{ words: ['Mme', 'DURAND', 'Hélène,', 'née', 'le', '23/07/1991'].map((text, i) => ({ text, box: box(100 + i * 100), confidence: 90 })) }],
    };
    const r = matchCandidates(extractIdentity([page], 2026), PRACTICE);
    const ev = r.proposals[0]!.evidence;
    expect(ev.find((e) => e.field === 'birthName')!.words).toEqual([{ page: 1, text: 'DURAND', box: box(200) }]);
    expect(ev.find((e) => e.field === 'birthDate')!.words).toEqual([{ page: 1, text: '23/07/1991', box: box(600) }]);
    expect(r.proposals[0]!.confidence).toBeGreaterThan(0.5);
  });

  it('property: the order in which candidates come does not change the decision', () => {
    const letters = [
      ['Mme DURAND Hélène, née le 23/07/1991'], ['Enfant : Léa GARNIER, née le 02/02/2019'], ['Mme CHEVALIER Emma, née le 01/04/2012'], ['Patiente : MARTIN née DURAND Hélène', 'DDN : 12.03.85'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...letters), fc.shuffledSubarray(PRACTICE, { minLength: PRACTICE.length }), (lines, shuffled) => {
        const a = match(lines);
        const b = match(lines, shuffled);
        expect([b.decision, b.proposals.map((p) => p.patientId)]).toEqual([a.decision, a.proposals.map((p) => p.patientId)]);
      }),
    );
  });

  it('property: adding look-alike patients never turns a refusal into a proposal of one of them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('DURAND', 'DURANT', 'DURAN'), fc.constantFrom('Hélène', 'Helena'), fc.date({ min: new Date('1950-01-01'), max: new Date('2000-01-01'), noInvalidDate: true })), { maxLength: 6 }), (extra) => {
        const more = extra.map(([n, f, d], i) => patient(`x${i}`, n, f, d.toISOString().slice(0, 10), 'F'));
        const r = match(['Mme DURAND Hélène a été vue ce jour.'], [...PRACTICE, ...more]);
        expect(r.decision).toBe('none');
      }),
    );
  });
});

describe('OCR-tolerant word comparison', () => {
  it('property: a word is itself; one look-alike costs half an edit', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Z]{1,12}$/), (w) => { expect(wordSimilarity(w, w)).toBe(1); }));
    expect(ocrDistance('LEROY', 'IEROY')).toBe(0.5);
    expect(wordSimilarity('DURAND', 'DURANO')).toBeGreaterThan(0.75);
    expect(wordSimilarity('LEA', 'LEO')).toBe(0);
    expect(wordSimilarity('MARTIN', 'MARTINE')).toBeGreaterThan(0);
  });
});
