import { parseBirthDate, type PartialDate } from './birth-date.js';
import { nameForms, type NameForms } from '../identity/normalize.js';
import { nirConsistency, readNir, type ParsedNir } from '../identity/nir.js';
import { frenchPhoneticKey, phoneticKey } from '../identity/phonetic.js';
import { trigramSet } from './trigram.js';
import type { IdentityForMatching, Sex } from './types.js';

/** Prepared identities: normalisation done once per identity when ranking many candidates. */

export interface PreparedName {
  readonly forms: NameForms;
  readonly key: string;
  /** Phonetic key of each word of `forms.tokens`. */
  readonly tokenKeys: readonly string[];
  readonly trigrams: Set<string>;
}

export interface PreparedIdentity {
  readonly source: IdentityForMatching;
  readonly surnames: readonly { role: 'birth' | 'used'; name: PreparedName }[];
  readonly firstNames: readonly PreparedName[];
  readonly usedFirstName: PreparedName | null;
  readonly date: PartialDate | null;
  readonly sex: Sex | null;
  readonly place: string | null;
  readonly nir: ParsedNir | null;
  /** NIR present, valid and coherent with this identity's sex / birth date (so it is the person's own). */
  readonly nirOwn: boolean;
}

export function prepareName(s: string): PreparedName {
  const forms = nameForms(s);
  return { forms, key: frenchPhoneticKey(s), tokenKeys: forms.tokens.map(phoneticKey), trigrams: trigramSet(forms.full) };
}

export function prepareIdentity(id: IdentityForMatching): PreparedIdentity {
  const surnames: { role: 'birth' | 'used'; name: PreparedName }[] = [{ role: 'birth', name: prepareName(id.birthName) }];
  if (id.usedName && id.usedName.trim()) {
    const used = prepareName(id.usedName);
    if (used.forms.compact && used.forms.compact !== surnames[0]!.name.forms.compact) surnames.push({ role: 'used', name: used });
  }
  const firstNames = id.firstNames.map(prepareName).filter((n) => n.forms.compact.length > 0);
  const usedFirst = id.usedFirstName && id.usedFirstName.trim() ? prepareName(id.usedFirstName) : null;
  const date = parseBirthDate(id.birthDate);
  const nir = readNir(id.nir ?? null);
  const sex = id.sex === 'M' || id.sex === 'F' ? id.sex : null;
  const nirOwn =
    nir !== null && nirConsistency(nir, { sex, year: date?.year ?? null, month: date?.month ?? null }).length === 0;
  const place = id.birthPlaceCode ? id.birthPlaceCode.trim().toUpperCase() || null : null;
  return { source: id, surnames, firstNames, usedFirstName: usedFirst, date, sex, place, nir, nirOwn };
}
