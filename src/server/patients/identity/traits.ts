import { checkBirthPlace } from './birth-place.js';
import { nirConsistency, parseNir } from './nir.js';
import { cleanName, traitKey } from './normalize.js';
import { clock } from '../../platform/clock.js';

/**
 * Strict traits (traits stricts, RNIV/INS): birth name, birth given names (the first one derived),
 * birth date, sex, birth place code. Used name and used first name sit beside them and never replace them.
 */
export type Sex = 'F' | 'M' | 'U';
export type DatePrecision = 'day' | 'month' | 'year';

export interface StrictTraits {
  birthName: string;
  /** All birth given names, in civil-status order, separated by spaces (« Hélène Marie Louise »). */
  givenNames: string;
  /** Derived: the first birth given name. */
  firstName: string;
  /** Stored as a full ISO date; when incomplete, the unknown parts are 01 and `birthDatePrecision` says so. */
  birthDate: string;
  birthDatePrecision: DatePrecision;
  sex: Sex;
  birthPlaceCode: string | null;
}

export interface TraitIssue {
  field: string;
  fr: string;
  en: string;
}

/**
 * Parses a birth date typed at the desk or sent by an API: `1958-03-12`, `12/03/1958`, or incomplete
 * `1958-03` / `03/1958` / `1958` (the RNIV allows an incomplete date when the civil status has none).
 */
export function parseBirthDate(
  input: string,
  today: Date = clock.now(),
): { ok: true; date: string; precision: DatePrecision } | { ok: false; fr: string; en: string } {
  const s = input.trim();
  let y: number, m = 1, d = 1, precision: DatePrecision = 'day';
  let match: RegExpMatchArray | null;
  if ((match = s.match(/^(\d{4})-(\d{2})-(\d{2})$/))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = s.match(/^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = s.match(/^(\d{4})-(\d{2})$/))) [y, m, precision] = [Number(match[1]), Number(match[2]), 'month'];
  else if ((match = s.match(/^(\d{1,2})[/.](\d{4})$/))) [m, y, precision] = [Number(match[1]), Number(match[2]), 'month'];
  else if ((match = s.match(/^(\d{4})$/))) [y, precision] = [Number(match[1]), 'year'];
  else {
    return {
      ok: false,
      fr: `Date de naissance illisible « ${input} » : saisissez JJ/MM/AAAA (ou MM/AAAA, AAAA si l’état civil ne donne pas le jour ou le mois).`,
      en: `Unreadable birth date "${input}": type DD/MM/YYYY (or MM/YYYY, YYYY when the civil status lacks the day or month).`,
    };
  }
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || d < 1 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    return {
      ok: false,
      fr: `La date de naissance « ${input} » n’existe pas (jour ou mois impossible) : vérifiez-la sur la pièce d’identité.`,
      en: `Birth date "${input}" does not exist (impossible day or month): check it on the ID document.`,
    };
  }
  if (y < 1890) {
    return { ok: false, fr: `La date de naissance « ${input} » est antérieure à 1890 : vérifiez l’année.`, en: `Birth date "${input}" is before 1890: check the year.` };
  }
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (dt.getTime() > todayUtc) {
    return { ok: false, fr: `La date de naissance « ${input} » est dans le futur : vérifiez-la.`, en: `Birth date "${input}" is in the future: check it.` };
  }
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { ok: true, date: iso, precision };
}

/** The birth date as FHIR and the desk show it: `1958-03-12`, `1958-03` or `1958`. */
export function partialDate(date: string, precision: DatePrecision): string {
  return precision === 'day' ? date : precision === 'month' ? date.slice(0, 7) : date.slice(0, 4);
}

export function splitGivenNames(givenNames: string): string[] {
  return cleanName(givenNames).split(' ').filter(Boolean);
}

const NAME = /^[\p{L}][\p{L}\p{M}' -]*$/u;

export function checkName(field: string, label: string, value: string): TraitIssue | undefined {
  const v = cleanName(value);
  if (v.length === 0 || v.length > 100) return { field, fr: `${label} : obligatoire, 100 caractères au plus.`, en: `${field}: required, at most 100 characters.` };
  if (!NAME.test(v)) {
    return {
      field,
      fr: `${label} « ${value} » : seules les lettres (accents compris), l’espace, le trait d’union et l’apostrophe sont admis.`,
      en: `${field} "${value}": only letters (with accents), space, hyphen and apostrophe are allowed.`,
    };
  }
  return undefined;
}

export interface IdentityInput {
  birthName: string;
  givenNames?: string | undefined;
  firstName?: string | undefined;
  birthDate: string;
  sex: Sex;
  birthPlaceCode?: string | null | undefined;
  nir?: string | null | undefined;
  usedName?: string | null | undefined;
  usedFirstName?: string | null | undefined;
}

export interface CheckedIdentity {
  traits: StrictTraits;
  usedName: string | null;
  usedFirstName: string | null;
  nir: string | null;
}

/**
 * Validates and normalises an identity (strict traits, used names, NIR and its consistency).
 * Returns every issue at once so the desk can fix them in one go.
 */
export function checkIdentity(input: IdentityInput, today: Date = clock.now()): { ok: true; identity: CheckedIdentity } | { ok: false; issues: TraitIssue[] } {
  const issues: TraitIssue[] = [];
  const push = (i: TraitIssue | undefined) => i && issues.push(i);
  push(checkName('birthName', 'Nom de naissance', input.birthName));
  const givenRaw = input.givenNames?.trim() || input.firstName?.trim() || '';
  const given = splitGivenNames(givenRaw);
  if (given.length === 0) push({ field: 'givenNames', fr: 'Prénoms de naissance : au moins le premier prénom est obligatoire.', en: 'Birth given names: at least the first one is required.' });
  for (const g of given) push(checkName('givenNames', 'Prénom de naissance', g));
  let firstName = given[0] ?? '';
  if (input.firstName?.trim() && input.givenNames?.trim()) {
    // The first name given must be the first of the birth given names.
    if (traitKey(input.firstName) !== traitKey(given[0] ?? '')) {
      push({
        field: 'firstName',
        fr: `Le premier prénom (« ${input.firstName} ») doit être le premier de la liste des prénoms de naissance (« ${given.join(' ')} »).`,
        en: `The first given name ("${input.firstName}") must be the first of the birth given names ("${given.join(' ')}").`,
      });
    }
    firstName = cleanName(input.firstName);
  }
  if (input.usedName) push(checkName('usedName', 'Nom d’usage', input.usedName));
  if (input.usedFirstName) push(checkName('usedFirstName', 'Prénom d’usage', input.usedFirstName));
  const date = parseBirthDate(input.birthDate, today);
  if (!date.ok) push({ field: 'birthDate', fr: date.fr, en: date.en });
  let birthPlaceCode: string | null = null;
  if (input.birthPlaceCode) {
    const place = checkBirthPlace(input.birthPlaceCode);
    if (!place.ok) push({ field: 'birthPlaceCode', fr: place.fr, en: place.en });
    else birthPlaceCode = place.place.code;
  }
  let nir: string | null = null;
  if (input.nir) {
    const parsed = parseNir(input.nir);
    if (!parsed.ok) push({ field: 'nir', fr: parsed.issue.fr, en: parsed.issue.en });
    else {
      nir = parsed.nir.value;
      if (date.ok) for (const i of nirConsistency(parsed.nir, { sex: input.sex, birthDate: date.date, birthDatePrecision: date.precision })) push({ field: 'nir', fr: i.fr, en: i.en });
    }
  }
  if (issues.length > 0 || !date.ok) return { ok: false, issues };
  const usedName = input.usedName ? cleanName(input.usedName) : null;
  const usedFirstName = input.usedFirstName ? cleanName(input.usedFirstName) : null;
  return {
    ok: true,
    identity: {
      traits: {
        birthName: cleanName(input.birthName),
        givenNames: given.map(cleanName).join(' '),
        firstName,
        birthDate: date.date,
        birthDatePrecision: date.precision,
        sex: input.sex,
        birthPlaceCode,
      },
      usedName: usedName && traitKey(usedName) === traitKey(input.birthName) ? null : usedName,
      usedFirstName,
      nir,
    },
  };
}

export interface TraitDifference {
  trait: 'birthName' | 'givenNames' | 'firstName' | 'birthDate' | 'sex' | 'birthPlaceCode';
  pivot: string | null;
  other: string | null;
}

/**
 * Compares two sets of strict traits as the INS rules do: case, accents, hyphens and apostrophes
 * aside. The birth place is compared only when both sides have one.
 */
export function compareTraits(a: StrictTraits, b: StrictTraits): TraitDifference[] {
  const diffs: TraitDifference[] = [];
  if (traitKey(a.birthName) !== traitKey(b.birthName)) diffs.push({ trait: 'birthName', pivot: a.birthName, other: b.birthName });
  if (traitKey(a.givenNames) !== traitKey(b.givenNames)) diffs.push({ trait: 'givenNames', pivot: a.givenNames, other: b.givenNames });
  if (partialDate(a.birthDate, a.birthDatePrecision) !== partialDate(b.birthDate, b.birthDatePrecision)) {
    diffs.push({ trait: 'birthDate', pivot: partialDate(a.birthDate, a.birthDatePrecision), other: partialDate(b.birthDate, b.birthDatePrecision) });
  }
  if (a.sex !== b.sex) diffs.push({ trait: 'sex', pivot: a.sex, other: b.sex });
  if (a.birthPlaceCode && b.birthPlaceCode && a.birthPlaceCode !== b.birthPlaceCode) diffs.push({ trait: 'birthPlaceCode', pivot: a.birthPlaceCode, other: b.birthPlaceCode });
  return diffs;
}
