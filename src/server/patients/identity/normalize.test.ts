import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldAccents, nameForms, normalizeName, searchNormalize } from './normalize.js';

describe('normalizeName', () => {
  it.each([
    ['Lefèvre', 'LEFEVRE'],
    ['  dupont-lefèvre ', 'DUPONT LEFEVRE'],
    ["d’Alembert-Saint Just", 'D ALEMBERT SAINT JUST'],
    ["N'Diaye", 'N DIAYE'],
    ['Cœur', 'COEUR'],
    ['Lætitia', 'LAETITIA'],
    ['Françoise', 'FRANCOISE'],
    ['Ste-Marie', 'SAINTE MARIE'],
    ['St. Martin', 'SAINT MARTIN'],
    ['Müller--Strauß', 'MULLER STRAUSS'],
    ['Øster', 'OSTER'],
  ])('%s → %s', (input, expected) => expect(normalizeName(input)).toBe(expected));

  it('search form mirrors SQL pivot_normalize (unaccent, lower; punctuation kept)', () => {
    expect(searchNormalize('  Dupont-Lefèvre  Œdipe ')).toBe('dupont-lefevre oedipe');
    expect(searchNormalize('N’Diaye')).toBe("n'diaye");
    expect(foldAccents('Øster Łukasz Strauß')).toBe('Oster Lukasz Strauss');
  });

  it('forms: compact joins words, core drops particles', () => {
    expect(nameForms('Le Goff')).toMatchObject({ full: 'LE GOFF', compact: 'LEGOFF', core: 'GOFF' });
    expect(nameForms('LEGOFF').compact).toBe(nameForms('Le-Goff').compact);
    expect(nameForms('de la Fontaine').core).toBe('FONTAINE');
    expect(nameForms("D'Almeida").core).toBe('ALMEIDA');
    // A name made only of particles keeps them.
    expect(nameForms('Le').core).toBe('LE');
    expect(nameForms('De La').core).toBe('DELA');
  });

  it('is idempotent and insensitive to case, accents and separators', () => {
    const letters = fc.constantFrom(...'abcdeéèêëàâçîïôöùûüœæ'.split(''));
    const sep = fc.constantFrom(' ', '-', "'", '’', '  ', ' - ');
    const word = fc.array(letters, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), sep, (words, s) => {
        const name = words.join(s);
        const n = normalizeName(name);
        expect(normalizeName(n)).toBe(n);
        expect(normalizeName(name.toUpperCase())).toBe(n);
        expect(normalizeName(foldAccents(name))).toBe(n);
        expect(normalizeName(words.join(' '))).toBe(n);
        expect(n).toMatch(/^[A-Z0-9]+( [A-Z0-9]+)*$/);
      }),
    );
  });
});
