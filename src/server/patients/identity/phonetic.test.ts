import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameWords, phoneticKey, phoneticKeys } from './phonetic.js';

describe('French phonetic key', () => {
  it.each([
    ['Dupont', 'Dupond'], ['Lefèvre', 'Lefebvre'], ['Gauthier', 'Gautier'], ['Philippe', 'Filipe'], ['Rousseau', 'Roussot'],
    ['Mathieu', 'Matthieu'], ['Thomas', 'Tomas'], ['Müller', 'Muller'], ['Bernard', 'Bernart'], ['Cécile', 'Sesile'],
    ['Girard', 'Gyrard'], ['Renaud', 'Renault'], ['Perrin', 'Perin'], ['Guérin', 'Guerrin'], ['Schmitt', 'Chmit'],
    ['Leroy', 'Leroi'], ['Garnier', 'Garnié'], ['Laurent', 'Lorent'], ['Bonnet', 'Bonet'], ['Chevalier', 'Chevallier'],
    ['Moreau', 'Morot'], ['Caron', 'Karon'], ['Faure', 'Faur'], ['Hoarau', 'Oaro'],
  ])('%s sounds like %s', (a, b) => expect(phoneticKey(a)).toBe(phoneticKey(b)));

  it.each([['Martin', 'Marton'], ['Dupont', 'Durand'], ['Petit', 'Petiot'], ['Blanc', 'Blanche'], ['Michel', 'Mikel']])('%s differs from %s', (a, b) =>
    expect(phoneticKey(a)).not.toBe(phoneticKey(b)),
  );

  it('splits compound names, drops particles, adds the joined key', () => {
    expect(nameWords("DUPONT-LEFÈVRE")).toEqual(['DUPONT', 'LEFEVRE']);
    expect(nameWords("d’Almeida")).toEqual(['ALMEIDA']);
    expect(nameWords('DE LA FONTAINE')).toEqual(['FONTAINE']);
    expect(phoneticKeys('Dupont-Lefèvre')).toEqual(expect.arrayContaining([phoneticKey('dupond'), phoneticKey('lefebvre')]));
    expect(phoneticKeys(null, undefined, '')).toEqual([]);
  });

  it('property: case and accents never change the key; the key is upper-case letters and digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zéèêëàâäîïôöùûüç]{1,15}$/), (w) => {
        const k = phoneticKey(w);
        expect(phoneticKey(w.toUpperCase())).toBe(k);
        expect(phoneticKey(w.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))).toBe(k);
        expect(k).toMatch(/^[A-Z0-9]*$/);
      }),
    );
  });
});
