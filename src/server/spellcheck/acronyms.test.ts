import { beforeAll, describe, expect, it } from 'vitest';
import { getSpellChecker, type SpellChecker } from './checker.js';
import { tokenize } from './tokenizer.js';

let checker: SpellChecker;
beforeAll(async () => {
  checker = await getSpellChecker();
}, 60_000);

const issues = (text: string) => checker.check(text).map((i) => ({ word: i.word, first: i.suggestions[0] }));

describe('near misses of known acronyms', () => {
  it('flags a keyboard slip in a known acronym, with the acronym first and the offsets of the word', () => {
    const text = "L'EDG de repos est normal.";
    const [issue] = checker.check(text);
    expect(issue).toMatchObject({ word: 'EDG', start: 2, end: 5 });
    expect(issue!.suggestions[0]).toBe('ECG');
  });

  it.each([
    ['BMCO', 'BPCO'], // neighbouring key
    ['FEG', 'FEVG'], // a letter left out: the everyday FEVG before the rarer FDG one key away
    ['NFW', 'NFS'],
    ['DGF', 'DFG'], // two letters swapped
    ['ECBUE', 'ECBU'], // a letter struck twice
    // Dictated letters misheard: their French names sound alike though the keys are far apart.
    ['BNB', 'BNP'], // bé for pé
    ['TFG', 'DFG'], // té for dé
    ['SEVG', 'FEVG'], // esse for effe
    ['FMS', 'FNS'],
    ['HBBM', 'HBPM'], // bé for pé, in a doubled letter
    ['IRMM', 'IRM'], // a letter added
  ])('%s → %s', (typed, meant) => {
    expect(issues(`Bilan : ${typed} à contrôler.`)).toEqual([{ word: typed, first: meant }]);
  });

  it('reads letters and digits only as a slip of an acronym with the same digits', () => {
    expect(issues('HbS1c à 7,2 %.')).toEqual([{ word: 'HbS1c', first: 'HbA1c' }]);
    expect(issues('Tumeur HE2 positive.')).toEqual([{ word: 'HE2', first: 'HER2' }]);
    // Doses, dates, codes and another digit of a known acronym are left alone.
    expect(issues('HbA1c 6,8 %, T3L et T4L normales, masque FFP2, 5mg, 12h30, CIM10, G3P2, L4-L5, COVID-19, A4B7C9D2E5F1.')).toEqual([]);
  });

  it('leaves correct acronyms, common non-medical acronyms and unrelated unknown ones alone', () => {
    const text =
      'ECG, ETT, IRM, TDM, TEP, EFR, EEG, NFS, CRP, TSH, INR, DFG, BNP, FEVG, HTA, BPCO, SAOS, DMLA, IPP, AINS, HBPM, ' +
      'ALD, AME, MDPH, score GOLD, ASA 2, GIR 4, QRS fins. Dossier CAF, CPAM, URSSAF, SNCF, RSA, EHPAD, SAMU, SMUR, ' +
      'CHU, PDF, QR code. Étude XWZQK. Culture à 10 UFC.';
    expect(issues(text)).toEqual([]);
  });

  it('keeps the word count of the scorers: codes are tokens only when asked for', () => {
    expect(tokenize('HbA1c à 7 %').map((t) => t.text)).toEqual([]);
    expect(tokenize('HbA1c à 7 %', true)).toEqual([{ start: 0, end: 5, text: 'HbA1c', sentenceInitial: true, code: true }]);
  });
});

describe('suggestions for a glued prefix before a misspelled word', () => {
  it.each([
    ['automésure', 'automesure'],
    ['transpérinèales', 'transpérinéales'],
    ['ostéocondensassion', 'ostéocondensation'],
  ])('%s → %s', (typed, meant) => {
    expect(issues(`Noter la ${typed} ce jour.`)).toEqual([{ word: typed, first: meant }]);
  });
});
