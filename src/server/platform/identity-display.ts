// How a patient's identity is written, for the server's own strings (list answers, iCal, FHIR display) and for the
// web app (src/web/ui/format.ts re-exports it): one rule, one implementation, no import so that both sides load it.
// It sits in platform/ (imports nothing): every capability and the audit log write names with it.
// Identitovigilance (RNIV): the birth name in capitals first, then the used name when it differs, then the first
// name: « MARTINEZ Lucie », « DUPONT (nom utilisé : MARTIN) Anne ». Rule and examples: docs/desk.md.

export interface IdentityParts {
  birthName: string;
  usedName?: string | null;
  firstName: string;
  usedFirstName?: string | null;
}

const NBSP = '\u00a0';
const upper = (s: string) => s.trim().toLocaleUpperCase('fr-FR');

export function identityName(p: IdentityParts, lang: 'fr' | 'en' = 'fr'): string {
  const birth = upper(p.birthName);
  const used = p.usedName?.trim() ? upper(p.usedName) : '';
  const usedPart = used && used !== birth ? ` (${lang === 'en' ? 'used name: ' : `nom utilisé${NBSP}: `}${used})` : '';
  const first = p.firstName.trim();
  const usedFirst = p.usedFirstName?.trim();
  const usedFirstPart = usedFirst && usedFirst.toLocaleLowerCase('fr-FR') !== first.toLocaleLowerCase('fr-FR')
    ? ` (${lang === 'en' ? 'used first name: ' : `prénom utilisé${NBSP}: `}${usedFirst})`
    : '';
  return `${birth}${usedPart} ${first}${usedFirstPart}`.trim();
}

/** The parts of a patients row, for answers that let the web app write the name in the reader's language. */
export function identityParts(r: { birth_name: string; used_name: string | null; first_name: string }): { birthName: string; usedName: string | null; firstName: string } {
  return { birthName: r.birth_name, usedName: r.used_name, firstName: r.first_name };
}

/** The same, from a left join (null when the row names no patient). */
export function identityNameOrNull(birth: string | null, used: string | null, first: string | null): string | null {
  return birth === null ? null : identityName({ birthName: birth, usedName: used, firstName: first ?? '' });
}

/** « né » / « née » agreed with the recorded sex; « né(e) » only when the sex is unknown (identitovigilance: write what is known). */
export function bornWord(sex: string | null | undefined): string {
  return sex === 'F' ? 'née' : sex === 'M' ? 'né' : 'né(e)';
}
