import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frenchPhoneticKey } from './phonetic.js';
import { foldAccents } from './normalize.js';

const SAME: string[][] = [
  ['Dupont', 'Dupond', 'Dupon', 'DUPONT', 'du-pont'],
  ['Lefèvre', 'Lefebvre', 'Lefeuvre', 'LEFEVRE'],
  ['Philippe', 'Filipe', 'Philipe'],
  ['Rousseau', 'Rousso', 'Rousseaux'],
  ['Laurent', 'Lorand'],
  ['Durand', 'Durant'],
  ['Thibault', 'Thibaut', 'Thibaud'],
  ['Renault', 'Renaud', 'Reno'],
  ['Le Goff', 'Legoff', 'LE-GOFF'],
  ['Gauthier', 'Gautier'],
  ['Christophe', 'Cristophe'],
  ['Mathieu', 'Matthieu'],
  ['Baptiste', 'Batiste'],
  ['Chevalier', 'Chevallier'],
  ['Leclerc', 'Leclercq'],
  ['Marchand', 'Marchant'],
  ['Lemaire', 'Lemère', 'Lemerre'],
  ['Gaillard', 'Gayard'],
  ['Stéphane', 'Stefane'],
  ['François', 'Francois'],
  ['Saint-Martin', 'St Martin'],
];

const DIFFERENT: [string, string][] = [
  ['Martin', 'Martine'],
  ['Jean', 'Jeanne'],
  ['Simon', 'Simone'],
  ['François', 'Françoise'],
  ['Agnès', 'Anne'],
  ['Dupont', 'Dumont'],
  ['Martin', 'Bernard'],
  ['Roux', 'Leroux'],
  ['Petit', 'Legrand'],
  ['Girard', 'Giraud'],
  ['Moreau', 'Morel'],
  ['Durand', 'Dupont'],
  ['Lucas', 'Louis'],
  ['Léa', 'Léo'],
];

describe('frenchPhoneticKey', () => {
  it.each(SAME.map((g) => [g.join(' = '), g]))('%s', (_label, group) => {
    const keys = new Set((group as string[]).map(frenchPhoneticKey));
    expect(keys.size).toBe(1);
    expect([...keys][0]).not.toBe('');
  });

  it.each(DIFFERENT)('%s ≠ %s', (a, b) => expect(frenchPhoneticKey(a)).not.toBe(frenchPhoneticKey(b)));

  it('examples', () => {
    expect(frenchPhoneticKey('Dupont')).toBe('DUP3');
    expect(frenchPhoneticKey('Rousseau')).toBe('RUSO');
    expect(frenchPhoneticKey('')).toBe('');
    expect(frenchPhoneticKey("  - ' ")).toBe('');
  });

  const name = fc
    .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéèêëàâçîïôöùûüœæ'.split('')), { minLength: 1, maxLength: 10 })
    .map((a) => a.join(''));

  it('accents, case and hyphen/space between words do not change the key', () => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', '-', '  ', ' - '), (words, sep) => {
        const k = frenchPhoneticKey(words.join(' '));
        expect(frenchPhoneticKey(words.join(sep))).toBe(k);
        expect(frenchPhoneticKey(words.join(' ').toUpperCase())).toBe(k);
        expect(frenchPhoneticKey(foldAccents(words.join(' ')))).toBe(k);
      }),
    );
  });

  it('keys are made of A–Z and the nasal codes 1–3 only, and are stable', () => {
    fc.assert(
      fc.property(name, (n) => {
        const k = frenchPhoneticKey(n);
        expect(k).toMatch(/^[A-Z1-3]*$/);
        expect(frenchPhoneticKey(n)).toBe(k);
      }),
    );
  });
});
