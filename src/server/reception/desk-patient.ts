import { accessibilityFlags } from '../patients/index.js';
import { identityName, identityParts } from '../platform/identity-display.js';
import type { Accessibility } from '../patients/index.js';

/** A patient as the desk shows it (day list, checklist), from the patient columns it selects. */
export interface DeskPatient {
  id: string;
  name: string;
  birthName: string;
  usedName: string | null;
  firstName: string;
  birthDate: string;
  sex: string;
  identityStatus: string;
  accessibilityNeeds: string[];
  accessibilityNotes: string | null;
  interpreterLanguage: string | null;
  preferredLanguage: string;
}

export interface PatientCols {
  patient_id: string;
  birth_name: string;
  used_name: string | null;
  first_name: string;
  birth_date: string;
  sex: string;
  identity_status: string;
  accessibility: unknown;
  preferred_language: string;
  amo: unknown;
  amc: unknown;
  gp: unknown;
}

export function deskPatient(p: PatientCols): DeskPatient {
  const a = p.accessibility as Accessibility | null;
  return {
    id: p.patient_id,
    name: identityName(identityParts(p)),
    birthName: p.birth_name,
    usedName: p.used_name,
    firstName: p.first_name,
    birthDate: p.birth_date,
    sex: p.sex,
    identityStatus: p.identity_status,
    accessibilityNeeds: accessibilityFlags(a),
    accessibilityNotes: a?.notes ?? null,
    interpreterLanguage: a?.interpreter ? (a.interpreterLanguage ?? null) : null,
    preferredLanguage: p.preferred_language,
  };
}

export const patientSelect = [
  'p.id as patient_id', 'p.birth_name', 'p.used_name', 'p.first_name', 'p.birth_date', 'p.sex', 'p.identity_status', 'p.accessibility',
  'p.preferred_language', 'p.amo', 'p.amc', 'p.gp',
] as const;
