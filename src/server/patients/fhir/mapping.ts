import type { Accessibility, Contact, EmergencyContact, Gp, LegalRepresentative } from '../administrative/contract.js';
import { birthPlaceLabel } from '../identity/birth-place.js';
import { STATUS_LABELS, canShareIns } from '../identity/status.js';
import { partialDate, type IdentityInput } from '../identity/traits.js';
import { OID_INS_NIA, OID_INS_NIA_TEST, OID_INS_NIR, OID_INS_NIR_TEST } from '../insi/types.js';
import type { PatientRow } from '../mapping.js';
import type { Localized } from '../../platform/http/errors.js';

/**
 * FHIR R4 Patient ⇄ Pivot patient. Pure.
 *
 * Identifiers (FR Core rules): the INS matricule is carried with its official OID
 * (`urn:oid:1.2.250.1.213.1.4.8` INS-NIR, `…4.9` INS-NIA) **only when the identity is qualified**.
 * A NIR that INSi has not confirmed (any other status) is carried as a *declared* NIR under Pivot's
 * own system `NIR_DECLARED_SYSTEM`, so that no consumer mistakes it for an INS. On input, a NIR sent
 * under the INS-NIR OID is accepted as a declared NIR: only INSi can make it an INS.
 */
export const PIVOT_FHIR = 'https://pivot.local/fhir';
export const NIR_DECLARED_SYSTEM = `${PIVOT_FHIR}/sid/nir-declare`;
export const IDENTITY_STATUS_SYSTEM = `${PIVOT_FHIR}/CodeSystem/identity-status`;
export const IDENTITY_ATTRIBUTE_SYSTEM = `${PIVOT_FHIR}/CodeSystem/identity-attribute`;
export const BIRTH_PLACE_CODE_EXT = `${PIVOT_FHIR}/StructureDefinition/birth-place-insee-code`;
export const ACCESSIBILITY_EXT = `${PIVOT_FHIR}/StructureDefinition/accessibility-need`;
export const BIRTH_PLACE_EXT = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace';
export const INS_TYPE_SYSTEM = 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203';
export const INS_OIDS = [OID_INS_NIR, OID_INS_NIA, OID_INS_NIR_TEST, OID_INS_NIA_TEST];

const GENDER = { F: 'female', M: 'male', U: 'unknown' } as const;

export interface FhirPatient {
  resourceType: 'Patient';
  id?: string;
  [key: string]: unknown;
}

export function toFhirPatient(
  r: PatientRow,
  reps: LegalRepresentative[] = [],
): FhirPatient {
  const identifier: Record<string, unknown>[] = [];
  const shareIns = r.ins_matricule && canShareIns(r.identity_status);
  if (shareIns) {
    const nia = r.ins_oid === OID_INS_NIA || r.ins_oid === OID_INS_NIA_TEST;
    identifier.push({
      use: 'official',
      type: { coding: [{ system: INS_TYPE_SYSTEM, code: nia ? 'INS-NIA' : 'INS-NIR', display: nia ? 'NIA' : 'NIR définitif' }] },
      system: `urn:oid:${r.ins_oid}`,
      value: r.ins_matricule,
    });
  }
  if (r.nir && !(shareIns && r.nir === r.ins_matricule)) {
    identifier.push({ use: 'secondary', type: { text: 'NIR déclaré, non confirmé par INSi' }, system: NIR_DECLARED_SYSTEM, value: r.nir });
  }
  const name: Record<string, unknown>[] = [{ use: 'official', family: r.birth_name, given: r.given_names.split(' ').filter(Boolean) }];
  if (r.used_name || r.used_first_name) {
    name.push({ use: 'usual', family: r.used_name ?? r.birth_name, given: [r.used_first_name ?? r.first_name] });
  }
  const telecom: Record<string, unknown>[] = [];
  for (const p of (r.phones as Contact['phones']) ?? []) {
    telecom.push({ system: 'phone', value: p.number, use: p.kind === 'mobile' ? 'mobile' : p.kind === 'work' ? 'work' : p.kind === 'home' ? 'home' : 'temp' });
  }
  if (r.email) telecom.push({ system: 'email', value: r.email });
  const extension: Record<string, unknown>[] = [];
  if (r.birth_place_code) {
    extension.push({
      url: BIRTH_PLACE_EXT,
      valueAddress: {
        extension: [{ url: BIRTH_PLACE_CODE_EXT, valueCode: r.birth_place_code }],
        text: birthPlaceLabel(r.birth_place_code) ?? r.birth_place_code,
        ...(r.birth_place_code.startsWith('99') ? {} : { country: 'FR' }),
      },
    });
  }
  const acc = r.accessibility as Accessibility | null;
  for (const need of ['hearing', 'sight', 'mobility', 'cognitive', 'interpreter'] as const) {
    if (acc?.[need]) extension.push({ url: ACCESSIBILITY_EXT, valueCode: need });
  }
  const tag: { system: string; code: string; display: string }[] = [{ system: IDENTITY_STATUS_SYSTEM, code: r.identity_status, display: STATUS_LABELS[r.identity_status].fr }];
  for (const a of ['doubtful', 'fictitious', 'homonym'] as const) if (r[a]) tag.push({ system: IDENTITY_ATTRIBUTE_SYSTEM, code: a, display: a });
  const address = r.address as Contact['address'];
  const contact: Record<string, unknown>[] = [];
  const emergency = r.emergency_contact as EmergencyContact | null;
  if (emergency) {
    contact.push({
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'C', display: 'Emergency Contact' }], text: emergency.relationship }],
      name: { text: emergency.name },
      telecom: [{ system: 'phone', value: emergency.phone }],
    });
  }
  for (const rep of reps) {
    contact.push({
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'GUARD', display: 'guardian' }], text: rep.relationship }],
      name: { text: rep.name },
      ...(rep.phone ? { telecom: [{ system: 'phone', value: rep.phone }] } : {}),
    });
  }
  const gp = r.gp as Gp | null;
  return {
    resourceType: 'Patient',
    id: r.id,
    meta: { versionId: String(r.version), lastUpdated: r.updated_at.toISOString(), tag },
    ...(extension.length ? { extension } : {}),
    ...(identifier.length ? { identifier } : {}),
    active: r.merged_into_id === null,
    name,
    ...(telecom.length ? { telecom } : {}),
    gender: GENDER[r.sex],
    birthDate: partialDate(r.birth_date, r.birth_date_precision),
    ...(address ? { address: [{ use: 'home', line: address.lines, postalCode: address.postalCode, city: address.city, country: address.country }] } : {}),
    ...(contact.length ? { contact } : {}),
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: r.preferred_language }] }, preferred: true }],
    // A practitioner of the practice is also a FHIR Practitioner served by the agenda (/fhir/R4/Practitioner/:id).
    ...(gp ? { generalPractitioner: [{ ...(gp.practitionerId ? { reference: `Practitioner/${gp.practitionerId}` } : {}), display: gp.name }] } : {}),
    ...(r.merged_into_id ? { link: [{ other: { reference: `Patient/${r.merged_into_id}` }, type: 'replaced-by' }] } : {}),
  };
}

export interface FhirInputIssue {
  field: string;
  message: Localized;
}

interface FhirName {
  use?: string;
  family?: string;
  given?: string[];
  text?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Reads what Pivot keeps from an incoming Patient. Issues are for the OperationOutcome. */
export function fromFhirPatient(resource: Record<string, unknown>): {
  ok: true;
  identity: IdentityInput;
  phones: Contact['phones'];
  email: string | null;
  address: Contact['address'];
} | { ok: false; issues: FhirInputIssue[] } {
  const issues: FhirInputIssue[] = [];
  const names = arr(resource['name']).filter((n): n is FhirName => !!n && typeof n === 'object');
  const official = names.find((n) => n.use === 'official') ?? names.find((n) => n.use === 'maiden') ?? names.find((n) => !n.use || n.use === 'usual');
  const usual = names.find((n) => n.use === 'usual' && n !== official);
  if (!official || !str(official.family) || arr(official.given).length === 0) {
    issues.push({ field: 'Patient.name', message: { fr: 'Un nom officiel est obligatoire : name[use=official] avec family (nom de naissance) et given (prénoms de naissance).', en: 'An official name is required: name[use=official] with family (birth name) and given (birth first names).' } });
  }
  const gender = str(resource['gender']);
  const sex = gender === 'female' ? 'F' : gender === 'male' ? 'M' : gender === 'unknown' || gender === 'other' ? 'U' : undefined;
  if (!sex) issues.push({ field: 'Patient.gender', message: { fr: 'Le sexe est obligatoire : gender = female, male ou unknown.', en: 'The sex is required: gender = female, male or unknown.' } });
  const birthDate = str(resource['birthDate']);
  if (!birthDate) issues.push({ field: 'Patient.birthDate', message: { fr: 'La date de naissance est obligatoire (AAAA-MM-JJ, ou AAAA-MM / AAAA si incomplète).', en: 'The birth date is required (YYYY-MM-DD, or YYYY-MM / YYYY when incomplete).' } });
  else if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(birthDate)) issues.push({ field: 'Patient.birthDate', message: { fr: `Date de naissance « ${birthDate} » : format FHIR attendu AAAA-MM-JJ.`, en: `Birth date “${birthDate}”: the FHIR format is YYYY-MM-DD.` } });
  let nir: string | null = null;
  for (const id of arr(resource['identifier'])) {
    const i = id as { system?: unknown; value?: unknown };
    const system = str(i.system);
    const value = str(i.value);
    if (!system || !value) continue;
    const oid = system.startsWith('urn:oid:') ? system.slice(8) : null;
    if ((oid && INS_OIDS.includes(oid)) || system === NIR_DECLARED_SYSTEM) {
      if (nir && nir !== value) issues.push({ field: 'Patient.identifier', message: { fr: 'Deux NIR différents dans la même ressource : gardez-en un.', en: 'Two different NIRs in the same resource: keep one.' } });
      nir = value;
    }
  }
  let birthPlaceCode: string | null = null;
  for (const ext of arr(resource['extension'])) {
    const e = ext as { url?: unknown; valueAddress?: { extension?: unknown } };
    if (e.url !== BIRTH_PLACE_EXT) continue;
    for (const inner of arr(e.valueAddress?.extension)) {
      const x = inner as { url?: unknown; valueCode?: unknown; valueString?: unknown };
      if (x.url === BIRTH_PLACE_CODE_EXT) birthPlaceCode = str(x.valueCode) ?? str(x.valueString) ?? null;
    }
  }
  const phones: Contact['phones'] = [];
  let email: string | null = null;
  for (const t of arr(resource['telecom'])) {
    const c = t as { system?: unknown; value?: unknown; use?: unknown };
    const value = str(c.value)?.trim();
    if (!value) continue;
    if (c.system === 'phone' || c.system === 'sms') {
      if (!/^\+?[0-9 .()-]{6,20}$/.test(value)) issues.push({ field: 'Patient.telecom', message: { fr: `Téléphone « ${value} » illisible : chiffres, espaces, points ou tirets.`, en: `Phone number “${value}” unreadable: digits, spaces, dots or hyphens.` } });
      else if (phones.length < 6) phones.push({ number: value, kind: c.use === 'home' ? 'home' : c.use === 'work' ? 'work' : c.use === 'mobile' ? 'mobile' : 'other' });
    } else if (c.system === 'email' && !email) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) || value.length > 254) issues.push({ field: 'Patient.telecom', message: { fr: `Adresse e-mail « ${value} » invalide.`, en: `E-mail address “${value}” is invalid.` } });
      else email = value;
    }
  }
  let address: Contact['address'] = null;
  const a = arr(resource['address'])[0] as { line?: unknown; postalCode?: unknown; city?: unknown; country?: unknown } | undefined;
  if (a) {
    const lines = arr(a.line).filter((l): l is string => typeof l === 'string' && l.trim().length > 0).slice(0, 3).map((l) => l.trim().slice(0, 120));
    const postalCode = str(a.postalCode)?.trim();
    const city = str(a.city)?.trim();
    if (lines.length && postalCode && city) address = { lines, postalCode: postalCode.slice(0, 10), city: city.slice(0, 100), country: (str(a.country) ?? 'France').slice(0, 60) };
  }
  if (issues.length > 0 || !official || !sex || !birthDate) return { ok: false, issues };
  const given = arr(official.given).filter((g): g is string => typeof g === 'string');
  const usualGiven = usual ? arr(usual.given).filter((g): g is string => typeof g === 'string')[0] : undefined;
  return {
    ok: true,
    identity: {
      birthName: official.family!,
      givenNames: given.join(' '),
      birthDate,
      sex,
      birthPlaceCode,
      nir,
      usedName: usual?.family && usual.family !== official.family ? usual.family : null,
      usedFirstName: usualGiven && usualGiven !== given[0] ? usualGiven : null,
    },
    phones,
    email,
    address,
  };
}

/** Maps identity-check fields to FHIR paths for the OperationOutcome. */
export const FHIR_FIELD: Record<string, string> = {
  birthName: 'Patient.name.family',
  givenNames: 'Patient.name.given',
  firstName: 'Patient.name.given',
  usedName: 'Patient.name',
  usedFirstName: 'Patient.name',
  birthDate: 'Patient.birthDate',
  sex: 'Patient.gender',
  birthPlaceCode: 'Patient.extension',
  nir: 'Patient.identifier',
};
