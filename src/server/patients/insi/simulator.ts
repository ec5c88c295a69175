import { nirConsistency, parseNir, withKey } from '../identity/nir.js';
import { foldAccents, traitKey } from '../identity/normalize.js';
import type { StrictTraits } from '../identity/traits.js';
import { OID_INS_NIA, OID_INS_NIR, type InsiClient, type InsiIdentity, type InsiRequest, type InsiResult } from './types.js';

/**
 * A realistic INSi simulator. Its registry is:
 * - the fixture below: fictitious people that produce each real outcome (one found, several found —
 *   homonyms born the same day —, traits that differ from what the desk usually types, an NIA);
 * - when reading a (simulated) carte Vitale, any other person whose NIR has a valid key and agrees
 *   with the traits: the simulated INSi « knows » them with the traits sent.
 * Searching by traits follows INSi: birth name, first given name, sex and birth date must match
 * (case and accents aside); several matches narrow on all given names, then on the birth place.
 */
const t = (birthName: string, givenNames: string, birthDate: string, sex: 'F' | 'M', birthPlaceCode: string): StrictTraits => ({
  birthName,
  givenNames,
  firstName: givenNames.split(' ')[0]!,
  birthDate,
  birthDatePrecision: 'day',
  sex,
  birthPlaceCode,
});

export const INSI_FIXTURE: InsiIdentity[] = [
  { matricule: withKey('2580375112345'), oid: OID_INS_NIR, traits: t('DUPONT-LEFEVRE', 'HELENE MARIE', '1958-03-12', 'F', '75112') },
  // Homonyms born the same day: a search on traits answers 02 until the birth place is given.
  { matricule: withKey('1750669123045'), oid: OID_INS_NIR, traits: t('MARTIN', 'JEAN PIERRE', '1975-06-15', 'M', '69123') },
  { matricule: withKey('1750613055112'), oid: OID_INS_NIR, traits: t('MARTIN', 'JEAN LOUIS', '1975-06-15', 'M', '13055') },
  // The civil status has a third given name the desk often forgets: traits differ.
  { matricule: withKey('2901133063078'), oid: OID_INS_NIR, traits: t('ROUSSEAU', 'CHLOE ANNE MARIE', '1990-11-02', 'F', '33063') },
  // Born abroad, no NIR yet: an NIA.
  { matricule: withKey('2850199341007'), oid: OID_INS_NIA, traits: t("N'DIAYE", 'AMINATA', '1985-01-20', 'F', '99341') },
  // A child and a Corsican birth.
  { matricule: withKey('1150959350021'), oid: OID_INS_NIR, traits: t('BEN SAID', 'KARIM', '2015-09-09', 'M', '59350') },
  { matricule: withKey('290072A004123'), oid: OID_INS_NIR, traits: t('SANTONI', 'MARIE ANGE', '1990-07-14', 'F', '2A004') },
];

/** INSi answers in capitals without accents. */
function insiTraits(traits: StrictTraits): StrictTraits {
  const up = (x: string) => foldAccents(x).toUpperCase();
  return { ...traits, birthName: up(traits.birthName), givenNames: up(traits.givenNames), firstName: up(traits.firstName) };
}

export class InsiSimulator implements InsiClient {
  readonly simulated = true;
  constructor(private readonly registry: InsiIdentity[] = INSI_FIXTURE) {}

  async lookup(request: InsiRequest): Promise<InsiResult> {
    if (request.mode === 'vitale') {
      const nir = parseNir(request.nir);
      if (!nir.ok) return { code: '01' };
      const known = this.registry.find((p) => p.matricule === nir.nir.value);
      if (known) return { code: '00', identity: known };
      const agrees = nirConsistency(nir.nir, request.traits).length === 0;
      if (!agrees || nir.nir.temporary) return { code: '01' };
      return { code: '00', identity: { matricule: nir.nir.value, oid: OID_INS_NIR, traits: insiTraits(request.traits) } };
    }
    const q = request.traits;
    let found = this.registry.filter(
      (p) =>
        traitKey(p.traits.birthName) === traitKey(q.birthName) &&
        traitKey(p.traits.firstName) === traitKey(q.firstName) &&
        p.traits.sex === q.sex &&
        p.traits.birthDate === q.birthDate,
    );
    if (found.length > 1 && traitKey(q.givenNames) !== traitKey(q.firstName)) {
      found = found.filter((p) => traitKey(p.traits.givenNames) === traitKey(q.givenNames));
    }
    if (found.length > 1 && q.birthPlaceCode) found = found.filter((p) => p.traits.birthPlaceCode === q.birthPlaceCode);
    if (found.length === 0) return { code: '01' };
    if (found.length > 1) return { code: '02', count: found.length };
    return { code: '00', identity: found[0]! };
  }
}
