/**
 * NIR (numéro d'inscription au répertoire, « numéro de sécurité sociale ») and NIA.
 * 13 characters + 2-digit key; key = 97 − (body mod 97), with 2A → 19 and 2B → 18 for Corsica.
 * Pure: no I/O. Messages are written for the desk, in French, and say what to fix.
 */
export interface NirIssue {
  code: 'format' | 'key' | 'sex' | 'year' | 'month' | 'department';
  fr: string;
  en: string;
}

export interface ParsedNir {
  /** 15 characters, no spaces, upper case (2A/2B kept). */
  value: string;
  sexDigit: number;
  /** M for 1/3/7, F for 2/4/8. */
  sex: 'M' | 'F';
  /** 7 or 8: temporary number (assigned while the registration is pending). */
  temporary: boolean;
  yearTwoDigits: number;
  /** 1–12 when the month is known; null for the conventional values (20–42, 50+) of incomplete records. */
  month: number | null;
  /** Département (2 chars, 2A/2B) or 99 for people born abroad; overseas départements use 3 digits (97x). */
  department: string;
  /** The 5-character birth place code carried by the NIR: INSEE commune code or 99 + country. */
  birthPlaceCode: string;
  key: number;
}

/** Removes spaces, dots and dashes the desk may type; upper-cases 2a/2b. */
export function cleanNir(input: string): string {
  return input.replace(/[\s.\-_]/g, '').toUpperCase();
}

/** The numeric body used for the key: Corsica 2A → 19, 2B → 18. */
export function numericBody(body13: string): bigint {
  const b = body13.slice(0, 5) + body13.slice(5, 7).replace('2A', '19').replace('2B', '18') + body13.slice(7);
  return BigInt(b);
}

export function nirKey(body13: string): number {
  return Number(97n - (numericBody(body13) % 97n));
}

const FORMAT = /^[1-478][0-9]{2}[0-9]{2}(?:[0-9]{2}|2A|2B)[0-9]{6}[0-9]{2}$/;

export function parseNir(input: string): { ok: true; nir: ParsedNir } | { ok: false; issue: NirIssue } {
  const value = cleanNir(input);
  if (!FORMAT.test(value)) {
    return {
      ok: false,
      issue: {
        code: 'format',
        fr: 'Le NIR doit compter 15 caractères : 13 chiffres (2A ou 2B possibles pour la Corse) suivis de la clé à 2 chiffres ; le premier chiffre (sexe) vaut 1, 2, 3, 4, 7 ou 8.',
        en: 'The NIR must have 15 characters: 13 digits (2A or 2B allowed for Corsica) then the 2-digit key; the first digit (sex) is 1, 2, 3, 4, 7 or 8.',
      },
    };
  }
  const body = value.slice(0, 13);
  const key = Number(value.slice(13));
  const expected = nirKey(body);
  if (key !== expected) {
    return {
      ok: false,
      issue: {
        code: 'key',
        fr: `La clé du NIR est incorrecte (${value.slice(13)}) : vérifiez les 13 premiers chiffres recopiés depuis la carte Vitale ou l’attestation de droits.`,
        en: `The NIR key is wrong (${value.slice(13)}): check the first 13 digits copied from the carte Vitale or rights certificate.`,
      },
    };
  }
  const monthRaw = Number(value.slice(3, 5));
  if (monthRaw === 0 || (monthRaw > 12 && monthRaw < 20)) {
    return {
      ok: false,
      issue: {
        code: 'month',
        fr: `Le mois de naissance du NIR (${value.slice(3, 5)}) est impossible : il doit être entre 01 et 12 (ou 20 et plus pour un état civil incomplet).`,
        en: `The NIR birth month (${value.slice(3, 5)}) is impossible: it must be 01–12 (or 20+ for an incomplete civil record).`,
      },
    };
  }
  const sexDigit = Number(value[0]);
  const deptRaw = value.slice(5, 7);
  const department = deptRaw === '97' || deptRaw === '98' ? value.slice(5, 8) : deptRaw;
  if (deptRaw === '00') {
    return {
      ok: false,
      issue: { code: 'department', fr: 'Le département de naissance du NIR (00) n’existe pas.', en: 'The NIR birth département (00) does not exist.' },
    };
  }
  return {
    ok: true,
    nir: {
      value,
      sexDigit,
      sex: sexDigit % 2 === 1 ? 'M' : 'F',
      temporary: sexDigit === 7 || sexDigit === 8,
      yearTwoDigits: Number(value.slice(1, 3)),
      month: monthRaw <= 12 ? monthRaw : null,
      department,
      birthPlaceCode: value.slice(5, 10),
      key,
    },
  };
}

/** The traits a NIR encodes, as the duplicate scorer knows them (null = unknown). */
export interface NirTraitParts {
  sex: 'M' | 'F' | 'U' | null;
  year: number | null;
  month: number | null;
}

/**
 * Checks that a valid NIR agrees with the strict traits: sex digit, last two digits of the birth year,
 * birth month (when both are known). The birth place is not checked: communes merge and change codes.
 * Takes the traits as typed (`birthDate` + precision) or as parts with unknowns (duplicate scorer).
 */
export function nirConsistency(
  nir: ParsedNir,
  traits: { sex: 'M' | 'F' | 'U'; birthDate: string; birthDatePrecision?: 'day' | 'month' | 'year' } | NirTraitParts,
): NirIssue[] {
  const parts: NirTraitParts =
    'birthDate' in traits
      ? {
          sex: traits.sex,
          year: Number(traits.birthDate.slice(0, 4)),
          month: (traits.birthDatePrecision ?? 'day') === 'year' ? null : Number(traits.birthDate.slice(5, 7)),
        }
      : traits;
  const issues: NirIssue[] = [];
  if ((parts.sex === 'M' || parts.sex === 'F') && parts.sex !== nir.sex) {
    issues.push({
      code: 'sex',
      fr: `Le NIR commence par ${nir.sexDigit} (${nir.sex === 'M' ? 'homme' : 'femme'}) alors que le sexe saisi est ${parts.sex === 'M' ? 'masculin' : 'féminin'} : corrigez le sexe ou le NIR.`,
      en: `The NIR starts with ${nir.sexDigit} (${nir.sex === 'M' ? 'male' : 'female'}) but the sex entered is ${parts.sex === 'M' ? 'male' : 'female'}: correct the sex or the NIR.`,
    });
  }
  const year = parts.year;
  if (year !== null && year % 100 !== nir.yearTwoDigits) {
    issues.push({
      code: 'year',
      fr: `L’année de naissance du NIR (${String(nir.yearTwoDigits).padStart(2, '0')}) ne correspond pas à la date de naissance saisie (${year}) : corrigez l’une ou l’autre.`,
      en: `The NIR birth year (${String(nir.yearTwoDigits).padStart(2, '0')}) does not match the birth date entered (${year}).`,
    });
  }
  const month = parts.month;
  if (nir.month !== null && month !== null && month !== nir.month) {
    issues.push({
      code: 'month',
      fr: `Le mois de naissance du NIR (${String(nir.month).padStart(2, '0')}) ne correspond pas à la date de naissance saisie (mois ${String(month).padStart(2, '0')}) : corrigez l’une ou l’autre.`,
      en: `The NIR birth month (${String(nir.month).padStart(2, '0')}) does not match the birth date entered (month ${String(month).padStart(2, '0')}).`,
    });
  }
  return issues;
}

/** The parsed NIR when its format and key are valid, otherwise null (duplicate scorer: no messages needed). */
export function readNir(input: string | null | undefined): ParsedNir | null {
  if (!input) return null;
  const r = parseNir(input);
  return r.ok ? r.nir : null;
}

/** Builds a full NIR from its 13-character body (demo data, tests, bench). */
export function withKey(body13: string): string {
  return body13 + String(nirKey(body13)).padStart(2, '0');
}

/** `2 58 03 75 112 345 67` */
export function formatNir(nir: string): string {
  const v = cleanNir(nir);
  return [v[0], v.slice(1, 3), v.slice(3, 5), v.slice(5, 7), v.slice(7, 10), v.slice(10, 13), v.slice(13)].join(' ');
}
