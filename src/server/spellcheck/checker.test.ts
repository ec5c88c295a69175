import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getSpellChecker, type SpellChecker } from './checker.js';
import { LEXICON_FILES } from './lexicon.js';

let checker: SpellChecker;
beforeAll(async () => {
  checker = await getSpellChecker();
}, 60_000);

const first = (text: string, word: string) => checker.check(text).find((i) => i.word === word)?.suggestions[0];

describe('spell-checker', () => {
  it('flags the contract example with its offsets and first suggestion, and spares the medical words', () => {
    const text = 'Patient suivi pour une ipertension artérielle traitée par amlodipine 5 mg, HbA1c à 6,8 %.';
    const issues = checker.check(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ start: 23, end: 34, word: 'ipertension' });
    expect(issues[0]!.suggestions[0]).toBe('hypertension');
  });

  it('flags shift held one letter too long, with the spelling meant first, and spares deliberate mixed case', () => {
    expect(first('Il a une HYpertension traitée.', 'HYpertension')).toBe('hypertension');
    expect(first('HYpertension traitée.', 'HYpertension')).toBe('Hypertension');
    expect(first('Patient sous DOliprane.', 'DOliprane')).toBe('Doliprane'); // a brand keeps its capital
    expect(first('Biopsie : ADénocarcinome bien différencié.', 'ADénocarcinome')).toBe('Adénocarcinome');
    expect(checker.check('TA 130/80 mmHg, signe de McBurney, HbA1c 7 %, message MSSanté, stylo NovoRapid, PaO2 normale.')).toEqual([]);
  });

  it('accepts a correct report', () => {
    expect(checker.check("Échographie abdominale : foie de taille normale, pas de dilatation des voies biliaires. L'IRM lombaire montre une discopathie L4-L5.")).toEqual([]);
  });

  it('accepts every word of the lexicon files as listed', () => {
    const rejected: string[] = [];
    for (const entry of checker.lexicon.entries.values()) {
      if (!checker.isCorrect(entry.form)) rejected.push(entry.form);
    }
    expect(rejected).toEqual([]);
    expect(Object.keys(LEXICON_FILES).length).toBeGreaterThan(5);
  });

  it.each([
    ['ipertension', 'hypertension'],
    ['cefalées', 'céphalées'],
    ['tachicardie', 'tachycardie'],
    ['dispnée', 'dyspnée'],
    ['insufisance', 'insuffisance'],
    ['amoxiciline', 'amoxicilline'],
    ['levotyroxine', 'lévothyroxine'],
    ['metformin', 'metformine'],
    ['paracetamol', 'paracétamol'],
    ['diarée', 'diarrhée'],
    ['rhumathologie', 'rhumatologie'],
    ['biliares', 'biliaires'],
    ['traitee', 'traitée'],
  ])('ranks %s → %s first', (typo, right) => {
    expect(first(`Note : ${typo} ce jour.`, typo)).toBe(right);
  });

  it('keeps the case of the word typed', () => {
    expect(first('Cefalées depuis hier.', 'Cefalées')).toBe('Céphalées');
    expect(first('IPERTENSION ARTERIELLE', 'IPERTENSION')).toBe('HYPERTENSION');
  });

  it('takes proper nouns mid-sentence for names, but catches a near miss of a brand', () => {
    expect(checker.check('Vu par le Dr Lefebvreau à Villeneuve-Loubet.')).toEqual([]);
    expect(first('Elle prend du Doliprame le soir.', 'Doliprame')).toBe('Doliprane');
  });

  it('accepts the practice’s own words', () => {
    const text = 'Revoir avec Dr Zorglubian et le protocole Kinéflex.';
    expect(checker.check('le protocole kinéflex', { extraWords: ['Kinéflex'] })).toEqual([]);
    expect(checker.check(text, { extraWords: ['Kinéflex', 'Zorglubian'] })).toEqual([]);
  });

  it('reports a misspelled compound whole, with the compound corrected', () => {
    const issue = checker.check('Avis gastro-entérolgue demandé.')[0];
    expect(issue?.word).toBe('gastro-entérolgue');
    expect(issue?.suggestions[0]).toBe('gastro-entérologue');
  });

  it('property: offsets slice to the word, issues sorted and apart, at most 5 suggestions, never throws', () => {
    const pieces = fc.constantFrom('ipertension', 'amlodipine', "l'", 'HbA1c', ' ', '😀', 'é', '-', 'Cefalée', '5 mg', '\n', 'à', 'xqzw', '’', 'É', 'gastro-', 'BPCO');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.array(pieces, { maxLength: 20 }).map((a) => a.join(''))), (text) => {
        const issues = checker.check(text);
        let lastEnd = 0;
        for (const i of issues) {
          expect(text.slice(i.start, i.end)).toBe(i.word);
          expect(i.start).toBeGreaterThanOrEqual(lastEnd);
          expect(i.end).toBeGreaterThan(i.start);
          expect(i.suggestions.length).toBeLessThanOrEqual(5);
          lastEnd = i.end;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('spell-checker limits', () => {
  it('flags an overlong run of letters quickly, without suggestions', () => {
    const t0 = performance.now();
    const issues = checker.check(`${'x'.repeat(300)} ipertension`);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(issues[0]).toMatchObject({ start: 0, end: 300, suggestions: [] });
    expect(issues[1]?.suggestions[0]).toBe('hypertension');
  });

  it('gives suggestions to the first 150 issues of a text only, and keeps every issue', () => {
    const words = Array.from({ length: 200 }, (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}vorbe`);
    const issues = checker.check(words.join(' '));
    expect(issues.map((i) => i.word)).toEqual(words);
    expect(issues.slice(150).every((i) => i.suggestions.length === 0)).toBe(true);
  });

  it('keeps each practice’s words apart when practices alternate (one overlay each)', () => {
    const a = { extraWords: ['Podalix'] };
    const b = { extraWords: ['Kinéflor'] };
    for (let n = 0; n < 3; n++) {
      expect(checker.check('orthèse podalix et kinéflor', a).map((i) => i.word)).toEqual(['kinéflor']);
      expect(checker.check('orthèse podalix et kinéflor', b).map((i) => i.word)).toEqual(['podalix']);
    }
    expect(checker.check('orthèse podallix', a)[0]?.suggestions[0]).toBe('Podalix');
    expect(checker.check('orthèse podallix', b)[0]?.suggestions).not.toContain('Podalix');
  });
});
