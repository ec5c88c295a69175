// Types of the Pivot HTTP API, as consumed by the web app.

export type Role = 'admin' | 'practitioner' | 'secretary';
export type Language = 'fr' | 'en';

export interface Account {
  id: string;
  email: string;
  displayName: string;
  language: Language;
  totpEnabled: boolean;
}

export interface PracticeRef {
  id: string;
  name: string;
  roles: Role[];
}

export interface Me {
  account: Account;
  practice: PracticeRef;
  practices: (PracticeRef & { isDefault: boolean })[];
  mfaEnrollmentRequired: boolean;
  /** False when no SMTP server is configured: e-mails stay in the demo outbox. */
  smtpConfigured: boolean;
}

export interface LoginResult {
  token: string;
  mfaEnrollmentRequired: boolean;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

export interface StaffMember {
  accountId: string;
  email: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  lockedUntil: string | null;
}

export interface PracticeSettings {
  id: string;
  name: string;
  timezone: string;
  requireMfa: boolean;
}

export interface AuditEntry {
  id: string;
  occurredAt: string;
  accountEmail: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  ip: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: string | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  message: string;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

export interface Outbox {
  smtpConfigured: boolean;
  messages: OutboxMessage[];
}

export type IdentityStatus = 'provisoire' | 'recuperee' | 'validee' | 'qualifiee';
export type Sex = 'F' | 'M' | 'U';

export interface PatientSummary {
  id: string;
  birthName: string;
  usedName: string | null;
  firstName: string;
  birthDate: string;
  sex: Sex;
  identityStatus: IdentityStatus;
}

export interface Patient extends PatientSummary {
  phone: string | null;
  email: string | null;
}

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
