import type { Selectable } from 'kysely';
import { accessibilityFlags, ageOn, rightsAlerts } from './administrative/rights.js';
import type { Accessibility, Amc, Amo, Contact, EmergencyContact, Gp, LegalRepresentative } from './administrative/contract.js';
import { birthPlaceLabel } from './identity/birth-place.js';
import { canShareIns, type IdentityState } from './identity/status.js';
import type { StrictTraits } from './identity/traits.js';
import type { PatientsTable } from './schema.js';
import { clock } from '../platform/clock.js';

/** A patient row and the shapes the API returns for it (no database access here). */
export type PatientRow = Selectable<PatientsTable>;

export const today = () => clock.now().toISOString().slice(0, 10);

// ---------- shapes returned by the API ----------

export function toSummary(r: PatientRow) {
  return {
    id: r.id,
    birthName: r.birth_name,
    usedName: r.used_name,
    firstName: r.first_name,
    usedFirstName: r.used_first_name,
    givenNames: r.given_names,
    birthDate: r.birth_date,
    birthDatePrecision: r.birth_date_precision,
    sex: r.sex,
    birthPlaceCode: r.birth_place_code,
    /** Mapped in Node from the code (in-memory COG index): no join, the search query is unchanged. */
    birthPlaceLabel: birthPlaceLabel(r.birth_place_code),
    identityStatus: r.identity_status,
    attributes: { doubtful: r.doubtful, fictitious: r.fictitious, homonym: r.homonym },
    accessibilityNeeds: accessibilityFlags(r.accessibility as Accessibility | null),
    phone: r.phone,
    /** Told apart homonyms at the desk, and says at once in which language to speak. */
    preferredLanguage: r.preferred_language,
    mergedIntoId: r.merged_into_id,
  };
}

export function toDetail(r: PatientRow, reps: LegalRepresentative[]) {
  const amo = r.amo as Amo | null;
  const amc = r.amc as Amc | null;
  return {
    ...toSummary(r),
    email: r.email,
    nir: r.nir,
    ins: r.ins_matricule
      ? {
          matricule: r.ins_matricule,
          oid: r.ins_oid!,
          retrievedAt: r.ins_retrieved_at!.toISOString(),
          simulated: r.ins_simulated,
          /** Only a qualified identity may share its INS (documents, DMP, FHIR). */
          shareable: canShareIns(r.identity_status),
        }
      : null,
    idDocument: r.id_doc_checked_at
      ? {
          type: r.id_doc_type!,
          number: r.id_doc_number!,
          expiresOn: r.id_doc_expires_on,
          checkedBy: r.id_doc_checked_by!,
          /** Filled by `patientDetail` (GET /api/patients/:id). */
          checkedByName: null as string | null,
          checkedAt: r.id_doc_checked_at.toISOString(),
        }
      : null,
    doubtfulReason: r.doubtful_reason,
    contact: {
      phones: r.phones as Contact['phones'],
      email: r.email,
      address: r.address as Contact['address'],
      smsConsent: r.sms_consent,
      emailConsent: r.email_consent,
      preferredLanguage: r.preferred_language,
    },
    accessibility: r.accessibility as Accessibility | null,
    gp: r.gp ? { ...(r.gp as Gp), practitionerId: (r.gp as Gp).practitionerId ?? null } : null,
    emergencyContact: r.emergency_contact as EmergencyContact | null,
    legalRepresentatives: reps,
    amo,
    amc,
    rightsAlerts: rightsAlerts(amo, amc, today()),
    isMinor: r.birth_date_precision !== 'year' && ageOn(r.birth_date, today()) < 18,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
export type PatientDetail = ReturnType<typeof toDetail>;

export function traitsOf(r: PatientRow): StrictTraits {
  return {
    birthName: r.birth_name,
    givenNames: r.given_names,
    firstName: r.first_name,
    birthDate: r.birth_date,
    birthDatePrecision: r.birth_date_precision,
    sex: r.sex,
    birthPlaceCode: r.birth_place_code,
  };
}

export function stateOf(r: PatientRow): IdentityState {
  return {
    status: r.identity_status,
    documentChecked: r.id_doc_checked_at !== null,
    insRetrieved: r.ins_matricule !== null,
    doubtful: r.doubtful,
    fictitious: r.fictitious,
  };
}

// ---------- before/after of a write, for the audit ----------

export type Changes = Record<string, { before: unknown; after: unknown }>;

export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [k, v] of Object.entries(after)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(v ?? null)) changes[k] = { before: before[k] ?? null, after: v ?? null };
  }
  return changes;
}
