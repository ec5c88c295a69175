import { describe, expect, it } from 'vitest';
import { withKey } from '../identity/nir.js';
import type { StrictTraits } from '../identity/traits.js';
import { InsiSimulator } from './simulator.js';

const traits = (t: Partial<StrictTraits>): StrictTraits => ({ birthName: 'X', givenNames: 'Y', firstName: 'Y', birthDate: '1990-01-01', birthDatePrecision: 'day', sex: 'F', birthPlaceCode: null, ...t });
const insi = new InsiSimulator();

describe('INSi simulator', () => {
  it('says it is a simulator', () => expect(insi.simulated).toBe(true));
  it('00: one identity, accents and case aside', async () => {
    const r = await insi.lookup({ mode: 'traits', traits: traits({ birthName: 'Dupont-Lefèvre', givenNames: 'Hélène', firstName: 'Hélène', birthDate: '1958-03-12' }) });
    expect(r).toMatchObject({ code: '00', identity: { oid: '1.2.250.1.213.1.4.8', matricule: withKey('2580375112345') } });
  });
  it('02 for homonyms born the same day, narrowed by given names then birth place', async () => {
    const base = traits({ birthName: 'Martin', givenNames: 'Jean', firstName: 'Jean', birthDate: '1975-06-15', sex: 'M' });
    expect(await insi.lookup({ mode: 'traits', traits: base })).toEqual({ code: '02', count: 2 });
    expect((await insi.lookup({ mode: 'traits', traits: { ...base, givenNames: 'Jean Louis' } })).code).toBe('00');
    expect((await insi.lookup({ mode: 'traits', traits: { ...base, birthPlaceCode: '69123' } })).code).toBe('00');
  });
  it('01 when nobody matches', async () => {
    expect(await insi.lookup({ mode: 'traits', traits: traits({}) })).toEqual({ code: '01' });
  });
  it('carte Vitale: fixture NIR, or any NIR consistent with the traits; NIA for a person born abroad', async () => {
    const nia = await insi.lookup({ mode: 'vitale', nir: withKey('2850199341007'), traits: traits({}) });
    expect(nia).toMatchObject({ code: '00', identity: { oid: '1.2.250.1.213.1.4.9' } });
    const echo = await insi.lookup({ mode: 'vitale', nir: withKey('1900169123001'), traits: traits({ birthName: 'Élodie', sex: 'M', birthDate: '1990-01-05' }) });
    expect(echo).toMatchObject({ code: '00', identity: { traits: { birthName: 'ELODIE' } } });
    expect(await insi.lookup({ mode: 'vitale', nir: withKey('1900169123001'), traits: traits({ sex: 'F' }) })).toEqual({ code: '01' });
  });
});
