import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';
import type { CallDirection, CallOutcome, CallReason } from './contract.js';

/** Kysely table types of the phone log; the SQL in ./migrations is the source of truth. */
export { CALL_DIRECTIONS, CALL_OUTCOMES, CALL_REASONS, type CallDirection, type CallOutcome, type CallReason } from './contract.js';

export interface PhoneCallsTable {
  id: Generated<string>;
  practice_id: string;
  direction: CallDirection;
  occurred_at: Timestamp;
  caller_name: string | null;
  caller_phone: string | null;
  patient_id: string | null;
  reason: CallReason;
  outcome: CallOutcome;
  note: string | null;
  message_to: string | null;
  message_read_at: Timestamp | null;
  callback_due_at: Timestamp | null;
  callback_assignee_id: string | null;
  callback_done_at: Timestamp | null;
  callback_done_by: string | null;
  taken_by: string;
  created_at: CreatedAt;
}

declare module '../platform/db/schema.js' {
  interface DB {
    phone_calls: PhoneCallsTable;
  }
}
