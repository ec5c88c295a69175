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
