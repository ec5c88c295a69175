import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitCompound, tokenize } from './tokenizer.js';

const words = (text: string) => tokenize(text).map((t) => text.slice(t.start, t.end));

describe('tokenize', () => {
  it('gives UTF-16 offsets that slice to the word, after emoji and other surrogate pairs', () => {
    const text = '😀 Patient 👩‍⚕️ vu pour 𝒜 ipertension.';
    const tokens = tokenize(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.map((t) => t.text)).toContain('ipertension');
    const ip = tokens.find((t) => t.text === 'ipertension')!;
    expect(ip.start).toBe(text.indexOf('ipertension'));
  });

  it('keeps accents and ligatures inside words', () => {
    expect(words('Échographie du cœur, œdème des membres inférieurs')).toEqual(['Échographie', 'du', 'cœur', 'œdème', 'des', 'membres', 'inférieurs']);
  });

  it('checks the word after an elision alone, with its own offsets', () => {
    const text = "traitement d'amlodipine pour l'hypertension, qu'il prend jusqu’à présent";
    expect(words(text)).toEqual(['traitement', 'amlodipine', 'pour', 'hypertension', 'il', 'prend', 'présent']);
  });

  it('keeps aujourd’hui and hyphenated compounds whole', () => {
    expect(words("Vu aujourd'hui par le gastro-entérologue")).toEqual(['Vu', "aujourd'hui", 'par', 'le', 'gastro-entérologue']);
  });

  it('skips numbers, doses, codes with digits, e-mail addresses and URLs', () => {
    const text = 'HbA1c à 6,8 %, 5 mg/j, T4L, COVID-19, écrire à secretariat@cabinet-martin.fr ou https://pivot.example/aide?x=1';
    expect(words(text)).toEqual(['mg', 'écrire', 'ou']);
  });

  it('marks the first word of a sentence, a line or a list item', () => {
    const tokens = tokenize('Bonjour. Le Dr Martin\n- Échographie : Normale');
    const initial = Object.fromEntries(tokens.map((t) => [t.text, t.sentenceInitial]));
    expect(initial).toMatchObject({ Bonjour: true, Le: true, Dr: false, Martin: false, Échographie: true, Normale: true });
  });

  it('splits a compound into parts with their own offsets', () => {
    const [token] = tokenize('  gastro-entérolgue');
    const parts = splitCompound(token!);
    expect(parts.map((p) => [p.text, p.start, p.end])).toEqual([
      ['gastro', 2, 8],
      ['entérolgue', 9, 19],
    ]);
  });

  it('never throws and always slices to the word, on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        let last = -1;
        for (const t of tokenize(text)) {
          expect(text.slice(t.start, t.end)).toBe(t.text);
          expect(t.start).toBeGreaterThan(last);
          last = t.end - 1;
        }
      }),
      { numRuns: 300 },
    );
  });
});
