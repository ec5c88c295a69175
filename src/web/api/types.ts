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

// ---------- Patients & documents (src/web/patients, src/web/documents) — begin ----------

export type IdentityStatus = 'provisoire' | 'recuperee' | 'validee' | 'qualifiee';
export type Sex = 'F' | 'M' | 'U';
export type BirthDatePrecision = 'day' | 'month' | 'year';
export type AccessibilityNeed = 'hearing' | 'sight' | 'mobility' | 'cognitive' | 'interpreter';

export interface PatientSummary {
  id: string;
  birthName: string;
  usedName: string | null;
  firstName: string;
  birthDate: string;
  sex: Sex;
  identityStatus: IdentityStatus;
  // Fields below are sent by the API since issue 3 (optional for callers that build summaries by hand).
  usedFirstName?: string | null;
  givenNames?: string;
  birthDatePrecision?: BirthDatePrecision;
  birthPlaceCode?: string | null;
  /** Commune or country of birth, from the code (GET /api/patients and the detail). */
  birthPlaceLabel?: string | null;
  attributes?: { doubtful: boolean; fictitious: boolean; homonym: boolean };
  accessibilityNeeds?: AccessibilityNeed[];
  phone?: string | null;
  /** BCP 47 primary language (fr, en, ar…). */
  preferredLanguage?: string;
  mergedIntoId?: string | null;
}

export type PhoneKind = 'mobile' | 'home' | 'work' | 'other';
export interface PatientPhone { number: string; kind: PhoneKind; label?: string }
export interface PatientAddress { lines: string[]; postalCode: string; city: string; country: string }
export interface PatientContact {
  phones: PatientPhone[];
  email: string | null;
  address: PatientAddress | null;
  smsConsent: boolean;
  emailConsent: boolean;
  preferredLanguage: string;
}
export interface PatientAccessibility {
  hearing: boolean; sight: boolean; mobility: boolean; cognitive: boolean; interpreter: boolean;
  interpreterLanguage: string | null;
  notes: string | null;
}
export interface PatientGp {
  /** In the practice: a practitioner of the agenda (`/api/agenda/practitioners`); name and RPPS are copied by the server. */
  inPractice: boolean; practitionerId?: string | null; accountId: string | null; name: string; rpps: string | null;
  city: string | null; phone: string | null; declaredOn: string | null;
}
export interface EmergencyContact { name: string; relationship: string; phone: string }
export type LegalRelationship = 'mother' | 'father' | 'parent' | 'guardian' | 'curator' | 'other';
export interface LegalRepresentative {
  relationship: LegalRelationship; name: string; phone: string | null; email: string | null;
  patientId: string | null; note: string | null;
}
export type AmoRegime = 'general' | 'agricole' | 'alsace_moselle' | 'independants' | 'fonctionnaires' | 'etudiants' | 'militaires' | 'other';
export type ExemptionKind = 'css' | 'ame' | 'maternite' | 'at_mp' | 'invalidite' | 'other';
export interface Amo {
  regime: AmoRegime; caisse: string; insuredNir: string | null;
  rightsFrom: string | null; rightsUntil: string | null;
  ald: { label: string; until: string | null }[];
  exemptions: { kind: ExemptionKind; label: string | null; from: string | null; until: string | null }[];
}
export interface Amc {
  organisme: string; organismeNumber: string | null; memberNumber: string | null;
  validFrom: string | null; validUntil: string | null; tiersPayant: boolean;
}
export interface RightsAlert { section: string; label: string; until: string; state: 'expired' | 'expiring' }

export interface Patient extends PatientSummary {
  usedFirstName: string | null;
  givenNames: string;
  birthDatePrecision: BirthDatePrecision;
  birthPlaceCode: string | null;
  attributes: { doubtful: boolean; fictitious: boolean; homonym: boolean };
  accessibilityNeeds: AccessibilityNeed[];
  phone: string | null;
  email: string | null;
  birthPlaceLabel: string | null;
  preferredLanguage: string;
  nir: string | null;
  ins: { matricule: string; oid: string; retrievedAt: string; simulated: boolean; shareable: boolean } | null;
  /** `checkedByName` is filled by GET /api/patients/:id (null in the answers of the write routes). */
  idDocument: { type: string; number: string; expiresOn: string | null; checkedBy: string; checkedByName: string | null; checkedAt: string } | null;
  doubtfulReason: string | null;
  contact: PatientContact;
  accessibility: PatientAccessibility | null;
  gp: PatientGp | null;
  emergencyContact: EmergencyContact | null;
  legalRepresentatives: LegalRepresentative[];
  amo: Amo | null;
  amc: Amc | null;
  rightsAlerts: RightsAlert[];
  isMinor: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type DuplicateReason = 'same_nir' | 'same_birth_date_similar_name' | 'swapped_day_month_similar_name';
export interface DuplicateCandidate {
  id: string; birthName: string; usedName: string | null; firstName: string; birthDate: string;
  sex: Sex; identityStatus: IdentityStatus;
  /** Legacy codes (same_nir…) then the scorer's codes (NAME_PHONETIC, DATE_SAME…). */
  reasons: (DuplicateReason | string)[];
  /** certain / probable block the creation unless confirmed; possible is informative. */
  level?: 'certain' | 'probable' | 'possible';
  score?: number;
  /** The scorer's reasons in French, with their weight (negative = evidence of two people). */
  explanation?: { code: string; label: string; weight: number }[];
}

/** Identity fields as typed at the desk (birth date as typed: 12/03/1958, 03/1958, 1958…). */
export interface IdentityInput {
  birthName: string;
  givenNames: string;
  usedName?: string | null;
  usedFirstName?: string | null;
  birthDate: string;
  sex: Sex;
  birthPlaceCode?: string | null;
  nir?: string | null;
}

export interface StatusChange { from: IdentityStatus; to: IdentityStatus }

export type IdDocumentType =
  | 'passport' | 'national_id_card' | 'residence_permit' | 'minor_birth_extract_with_parent_id'
  | 'minor_family_book_with_parent_id' | 'minor_travel_document' | 'ehpad_family_book_with_vitale_photo';

export interface InsiTraits {
  birthName: string; givenNames: string; firstName: string; birthDate: string;
  birthDatePrecision: string; sex: Sex; birthPlaceCode: string | null;
}
export interface InsiResult {
  simulated: boolean;
  outcome: {
    code: '00' | '01' | '02';
    label: string;
    identity: { matricule: string; oid: string; traits: InsiTraits } | null;
    differences: { trait: string; pivot: string | null; other: string | null }[];
    applied: 'ins_stored' | 'traits_adopted_and_ins_stored' | 'none';
  };
  patient: Patient;
}

export interface AdministrativeUpdate {
  contact?: PatientContact;
  accessibility?: PatientAccessibility | null;
  gp?: PatientGp | null;
  emergencyContact?: EmergencyContact | null;
  legalRepresentatives?: LegalRepresentative[];
  amo?: Amo | null;
  amc?: Amc | null;
}

export type PatientDocumentType =
  | 'id_document' | 'health_insurance_card' | 'mutuelle_card' | 'referral_letter' | 'result'
  | 'prescription' | 'correspondence' | 'other';
export interface PatientDocument {
  id: string;
  patientId: string;
  type: PatientDocumentType;
  title: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: { id: string; displayName: string };
  archivedAt: string | null;
  archivedBy: { id: string; displayName: string } | null;
  archiveReason: string | null;
}

// ---------- Patients & documents — end ----------

// ---------- Intake assistant (src/web/assistant) — begin ----------

export type Urgency = 'vital' | 'same_day' | 'routine';
export type RequestStatus = 'new' | 'in_progress' | 'done';
export type Channel = 'web_chat' | 'sms' | 'email' | 'phone';
export type RequestCategory =
  | 'book' | 'reschedule' | 'cancel' | 'prescription_renewal' | 'test_results' | 'medical_question'
  | 'document_request' | 'billing' | 'practical_info' | 'professional' | 'other';

export interface ChatIntro {
  practice: { name: string; slug: string };
  greeting: Record<Language, string>;
  emergencyNotice: Record<Language, string>;
}

export interface ChatReply {
  text: string;
  lang: Language;
  emergency: boolean;
  numbers: string[];
  asked: string[];
}

export interface ChatHistory {
  language: Language;
  messages: { direction: 'in' | 'out'; text: string; at: string }[];
}

export interface TriageReason {
  code: string;
  label: string;
  evidence: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface RequestSummary {
  id: string;
  category: RequestCategory | string;
  urgency: Urgency;
  status: RequestStatus;
  summary: string;
  reasons: TriageReason[];
  channel: Channel;
  conversationId: string;
  patient: { id: string; name: string; birthDate: string } | null;
  matchStatus: 'matched' | 'to_match';
  matchMethod: string | null;
  candidateCount: number;
  assignee: PersonRef | null;
  dueAt: string;
  overdue: boolean;
  pendingAlert: boolean;
  createdAt: string;
  updatedAt: string;
  handledAt: string | null;
  handledBy: PersonRef | null;
}

export interface InboxCounts {
  open: number;
  vital: number;
  sameDay: number;
  toMatch: number;
  overdue: number;
}

export interface InboxFilters {
  status?: RequestStatus | 'open' | '';
  urgency?: Urgency | '';
  category?: string;
  assignee?: 'me' | 'none' | string;
  patientId?: string;
  limit?: number;
}

export interface MatchCandidate {
  id: string;
  name: string;
  birthDate: string;
  via: string;
}

export interface ConversationMessage {
  id: string;
  direction: 'in' | 'out';
  text: string;
  at: string;
  triage: { intent: string; urgency: string; lang: string; reasons: TriageReason[] } | null;
}

export interface VitalAlert {
  id: string;
  level: 'vital';
  requestId: string;
  conversationId: string;
  channel: Channel;
  contact: string | null;
  summary: string;
  reasons: TriageReason[];
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: PersonRef | null;
  requestStatus: string;
}

export interface AssistantTask {
  id: string;
  kind: 'task' | 'practitioner_message';
  assignee: PersonRef;
  text: string;
  dueAt: string | null;
  requestId: string | null;
  patientId: string | null;
  done: boolean;
  doneAt: string | null;
  createdBy: string;
  createdAt: string;
}

export interface RequestDetail {
  request: RequestSummary & {
    details: Record<string, unknown>;
    candidates: MatchCandidate[];
    outcome: Record<string, unknown> | null;
  };
  conversation: {
    id: string;
    channel: Channel;
    address: string | null;
    language: Language;
    patientId: string | null;
    startedAt: string;
    lastActivityAt: string;
    messages: ConversationMessage[];
  };
  alerts: VitalAlert[];
  tasks: AssistantTask[];
}

export interface Assignee {
  id: string;
  name: string;
  roles: string[];
}

export type ConversionKind = 'task' | 'practitioner_message' | 'appointment';

export interface PracticeSheet {
  openingHours: string | null;
  address: string | null;
  access: string | null;
  parking: string | null;
  transport: string | null;
  fees: { practitioner: string; fees: string }[];
  paymentsAccepted: string | null;
  tiersPayant: string | null;
  whatToBring: string | null;
  onCall: string | null;
}

// ---------- Intake assistant — end ----------
