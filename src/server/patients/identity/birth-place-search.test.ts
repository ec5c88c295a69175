import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBirthPlace } from './birth-place.js';
import { placeKey, searchBirthPlaces } from './birth-place-search.js';

describe('searchBirthPlaces', () => {
  it('finds a commune by its name, homonyms told apart by their département', () => {
    expect(searchBirthPlaces('Bordeaux')[0]).toEqual({ code: '33063', label: 'Bordeaux', kind: 'commune', detail: 'Gironde (33)' });
    const stDenis = searchBirthPlaces('st denis', 10).filter((p) => p.label === 'Saint-Denis');
    expect(stDenis.map((p) => p.code)).toEqual(expect.arrayContaining(['93066', '97411', '11339']));
    expect(new Set(stDenis.map((p) => p.detail)).size).toBe(stDenis.length);
  });
  it('finds a former commune (delegated since a merger) and says which commune it joined', () => {
    const [p] = searchBirthPlaces('Annecy-le-Vieux');
    expect(p).toMatchObject({ code: '74011', label: 'Annecy-le-Vieux' });
    expect(p!.detail).toMatch(/commune déléguée de Annecy/);
  });
  it('lists Paris, Lyon and Marseille by arrondissement (the code of a birth there)', () => {
    const paris = searchBirthPlaces('paris', 10);
    expect(paris[0]).toMatchObject({ code: '75101' });
    expect(paris.map((p) => p.code)).not.toContain('75056');
    expect(searchBirthPlaces('Marseille 5')[0]!.code).toBe('13205');
  });
  it('finds a country for a birth abroad, and a code typed as such', () => {
    expect(searchBirthPlaces('maroc')).toEqual([{ code: '99350', label: 'Maroc', kind: 'country', detail: 'pays (naissance à l’étranger)' }]);
    expect(searchBirthPlaces('2A004')[0]).toMatchObject({ code: '2A004', label: 'Ajaccio' });
  });
  it('needs two characters', () => {
    expect(searchBirthPlaces('b')).toEqual([]);
    expect(searchBirthPlaces('  ')).toEqual([]);
  });
  it('every proposal is a birth place the identity check accepts, and its name starts with or contains the words typed', () => {
    fc.assert(
      fc.property(fc.constantFrom('saint', 'la', 'mont', 'bor', 'ville', 'le puy', 'alg', 'sur mer', 'ste', 'é'), fc.integer({ min: 1, max: 30 }), (q, limit) => {
        const found = searchBirthPlaces(q, limit);
        expect(found.length).toBeLessThanOrEqual(limit);
        for (const p of found) {
          expect(checkBirthPlace(p.code).ok).toBe(true);
          expect(placeKey(p.label)).toContain(placeKey(q));
        }
      }),
      { numRuns: 30 },
    );
  });
});
