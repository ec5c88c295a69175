/** Tables owned by auth beyond the platform's accounts and sessions. */
import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/db/schema.js';

/** Failed sign-ins for addresses without an account (same lockout as an account's, see login). */
export interface LoginFailuresUnknownTable {
  email_hash: string;
  failed_count: Generated<number>;
  locked_until: Timestamp | null;
  updated_at: Generated<Date>;
}

declare module '../platform/db/schema.js' {
  interface DB {
    login_failures_unknown: LoginFailuresUnknownTable;
  }
}
