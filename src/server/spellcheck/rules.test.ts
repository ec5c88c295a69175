import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { practiceWordKey, practiceWordProblem } from './rules.js';
import { tokenize } from './tokenizer.js';

describe('practice dictionary rules', () => {
  it('accepts words the checker sees whole, refuses the rest', () => {
    for (const w of ['Podalix', 'kinéflor', 'Saint-Éloi', 'aujourd’hui', 'Œdipe', '  Podalix ']) expect(practiceWordProblem(w), w).toBeNull();
    expect(practiceWordProblem('   ')).toBe('empty');
    expect(practiceWordProblem('a'.repeat(61))).toBe('too_long');
    for (const w of ['deux mots', 'HbA1c', 'x', 'l’Podalix', 'd\'amlo', '-ab', 'ab-', 'a.b', 'www.site.fr']) expect(practiceWordProblem(w), w).toBe('not_one_word');
  });

  it('keys spellings that differ only in case, apostrophe or Unicode form to one', () => {
    expect(practiceWordKey(' KINÉFLOR ')).toBe('kinéflor');
    expect(practiceWordKey('Kine\u0301flor')).toBe(practiceWordKey('Kinéflor'));
    expect(practiceWordKey('aujourd’hui')).toBe(practiceWordKey("aujourd'hui"));
  });

  it('an accepted word meets the table constraint and is one token of its own text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', 'Z', '-', '’', "'", ' ', '1', '.', 'ß', '\u0301') , maxLength: 70 }), (raw) => {
        if (practiceWordProblem(raw) !== null) return;
        const word = raw.trim();
        // Same rule as the CHECK of spellcheck_practice_words (0220).
        expect(word.length >= 2 && word.length <= 60 && !/[\s\d]/u.test(word)).toBe(true);
        const tokens = tokenize(word);
        expect(tokens.map((t) => t.text)).toEqual([word]);
        expect(practiceWordKey(practiceWordKey(word))).toBe(practiceWordKey(word)); // the key is stable
      }),
    );
  });
});
