// Types of the Pivot HTTP API, as consumed by the web app.

// Shapes that the server declares in a capability's contract.ts (zod, z.infer): type-only imports, so that no
// server code reaches the bundle (src/web/contract-imports.test.ts checks it).
export type { Role, Language, Account, PracticeRef, Me, LoginResult, TotpSetup } from '../../server/auth/contract';
export type { StaffMember } from '../../server/staff/contract';
export type { PracticeSettings } from '../../server/practices/contract';
export type { AuditEntry, AuditPage, AuditVerifyResult } from '../../server/audit/contract';
import type { StaffOutbox } from '../../server/messaging/contract';
import type { Language } from '../../server/auth/contract';

export type Outbox = StaffOutbox;
export type OutboxMessage = StaffOutbox['messages'][number];

// ---------- Patients & documents (src/web/patients, src/web/documents) ----------

import type { InsiResult as InsiResultContract, Patient as PatientContract, PatientSummary as PatientSummaryContract } from '../../server/patients/contract';
import type { Contact, Accessibility, Gp, EmergencyContact as EmergencyContactContract, LegalRepresentative as LegalRepresentativeContract, Amo as AmoContract, Amc as AmcContract } from '../../server/patients/administrative/contract';
export type { IdentityStatus, Sex, Patient, DuplicateCandidate, StatusChange, IdentityInput, InsiResult } from '../../server/patients/contract';
export type { PatientDocument, PatientDocumentType } from '../../server/documents/contract';

export type BirthDatePrecision = PatientContract['birthDatePrecision'];
export type AccessibilityNeed = PatientContract['accessibilityNeeds'][number];
/** A summary as the API sends it; screens that build one by hand (e.g. from an appointment) fill the identity only. */
export type PatientSummary = Pick<PatientSummaryContract, 'id' | 'birthName' | 'usedName' | 'firstName' | 'birthDate' | 'sex' | 'identityStatus'> &
  Partial<Omit<PatientSummaryContract, 'id' | 'birthName' | 'usedName' | 'firstName' | 'birthDate' | 'sex' | 'identityStatus'>>;
export type PatientContact = Contact;
export type PatientPhone = Contact['phones'][number];
export type PhoneKind = PatientPhone['kind'];
export type PatientAddress = NonNullable<Contact['address']>;
export type PatientAccessibility = Accessibility;
export type PatientGp = Gp;
export type EmergencyContact = EmergencyContactContract;
export type LegalRepresentative = LegalRepresentativeContract;
export type LegalRelationship = LegalRepresentative['relationship'];
export type Amo = AmoContract;
export type Amc = AmcContract;
export type AmoRegime = Amo['regime'];
export type ExemptionKind = Amo['exemptions'][number]['kind'];
export type RightsAlert = PatientContract['rightsAlerts'][number];
export type InsiTraits = NonNullable<InsiResultContract['outcome']['identity']>['traits'];
export type IdDocumentType =
  | 'passport' | 'national_id_card' | 'residence_permit' | 'minor_birth_extract_with_parent_id'
  | 'minor_family_book_with_parent_id' | 'minor_travel_document' | 'ehpad_family_book_with_vitale_photo';

/** The body of PUT /api/patients/:id/administrative: the sections to replace. */
export interface AdministrativeUpdate {
  contact?: PatientContact;
  accessibility?: PatientAccessibility | null;
  gp?: PatientGp | null;
  emergencyContact?: EmergencyContact | null;
  legalRepresentatives?: LegalRepresentative[];
  amo?: Amo | null;
  amc?: Amc | null;
}

// ---------- Intake assistant (src/web/assistant) ----------

export type { Channel, ChatIntro, ChatHistory, ChatReply, TriageReason, PersonRef, RequestSummary, InboxCounts, MatchCandidate, ConversationMessage, VitalAlert, AssistantTask, RequestDetail, PracticeSheet } from '../../server/assistant/contract';

export type { Urgency } from '../../server/triage/contract';
import type { RequestSummary as RequestSummaryContract } from '../../server/assistant/contract';
import type { Urgency as UrgencyContract, Intent } from '../../server/triage/contract';

export type RequestStatus = RequestSummaryContract['status'];
export type RequestCategory = Intent;

export interface InboxFilters {
  status?: RequestStatus | 'open' | '';
  urgency?: UrgencyContract | '';
  category?: string;
  assignee?: 'me' | 'none' | string;
  patientId?: string;
  limit?: number;
}

export interface Assignee {
  id: string;
  name: string;
  roles: string[];
}

export type ConversionKind = 'task' | 'practitioner_message' | 'appointment';

