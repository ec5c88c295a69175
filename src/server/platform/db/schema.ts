import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely table types of the platform. The SQL migrations are the source of truth; keep these in step.
 * Each capability declares its own tables beside its SQL (`src/server/<capability>/schema.ts`) and adds
 * them to `DB` by module augmentation, so that no file is shared between capabilities.
 */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/**
 * A file kept encrypted at rest (platform/security/keyring.ts, AES-256-GCM): its name, type, size and SHA-256 in the
 * clear, its bytes as `iv`, `auth_tag` and `ciphertext`. The columns of every table that stores one.
 */
export interface EncryptedFileColumns {
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  iv: Buffer;
  auth_tag: Buffer;
  ciphertext: Buffer;
}

export type Role = 'admin' | 'practitioner' | 'secretary';
export const ROLES: readonly Role[] = ['admin', 'practitioner', 'secretary'];

export interface PracticesTable {
  id: Generated<string>;
  name: string;
  slug: string;
  timezone: Generated<string>;
  require_mfa: Generated<boolean>;
  created_at: CreatedAt;
}

export interface AccountsTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  language: Generated<'fr' | 'en'>;
  totp_secret_enc: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: string | null;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  default_practice_id: string | null;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  practice_id: string;
  account_id: string;
  roles: Role[];
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: Buffer;
  account_id: string;
  practice_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface MfaRecoveryCodesTable {
  account_id: string;
  code_hash: Buffer;
  used_at: Timestamp | null;
}

export interface PasswordTokensTable {
  token_hash: Buffer;
  account_id: string;
  purpose: 'reset' | 'invite';
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: ColumnType<string, string | undefined, never>; // bigint, kept as a string to stay exact
  occurred_at: Timestamp;
  account_id: string | null;
  practice_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  ip: string | null;
  reason: string | null;
  details: unknown;
  /** Position in the hash chain; null until the chainer seals the entry (just after commit). */
  chain_seq: string | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface DB {
  practices: PracticesTable;
  accounts: AccountsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  password_tokens: PasswordTokensTable;
  audit_log: AuditLogTable;
}
