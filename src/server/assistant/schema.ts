import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';

/** Kysely types of the assistant tables (`migrations/0030_assistant.sql` is the source of truth). */
type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type Channel = 'web_chat' | 'sms' | 'email' | 'phone';
export const CHANNELS: readonly Channel[] = ['web_chat', 'sms', 'email', 'phone'];
export type RequestStatus = 'new' | 'in_progress' | 'done';
export const REQUEST_STATUSES: readonly RequestStatus[] = ['new', 'in_progress', 'done'];
export type MatchMethod = 'phone' | 'email' | 'name_birth_date' | 'conversation' | 'manual';

export interface FeeLine {
  practitioner: string;
  fees: string;
}

export interface PracticeInfoTable {
  practice_id: string;
  opening_hours: string | null;
  address: string | null;
  access: string | null;
  parking: string | null;
  transport: string | null;
  fees: JsonDefault<FeeLine[]>;
  payments_accepted: string | null;
  tiers_payant: string | null;
  what_to_bring: string | null;
  on_call: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface ConversationsTable {
  id: Generated<string>;
  practice_id: string;
  channel: Channel;
  external_address: string | null;
  token_hash: Buffer | null;
  external_ref: string | null;
  language: Generated<'fr' | 'en'>;
  patient_id: string | null;
  state: JsonDefault<Record<string, unknown>>;
  started_at: CreatedAt;
  last_activity_at: Timestamp;
}

export interface ConversationMessagesTable {
  id: Generated<string>;
  practice_id: string;
  conversation_id: string;
  direction: 'in' | 'out';
  body: string;
  external_id: string | null;
  triage: NullableJson<Record<string, unknown>>;
  /** Out only: the reply was a vital emergency instruction (0031). */
  emergency: Generated<boolean>;
  at: Timestamp;
  created_at: CreatedAt;
}

export interface InboxRequestsTable {
  id: Generated<string>;
  practice_id: string;
  conversation_id: string;
  message_id: string;
  category: string;
  urgency: 'vital' | 'same_day' | 'routine';
  reasons: Json<unknown[]>;
  details: Json<Record<string, unknown>>;
  summary: string;
  patient_id: string | null;
  match_status: 'matched' | 'to_match';
  match_method: MatchMethod | null;
  match_candidates: Json<unknown[]>;
  status: Generated<RequestStatus>;
  assignee_id: string | null;
  due_at: Timestamp;
  outcome: NullableJson<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  handled_by: string | null;
  handled_at: Timestamp | null;
  rank: ColumnType<number, never, never>;
}

export interface AssistantAlertsTable {
  id: Generated<string>;
  practice_id: string;
  request_id: string;
  conversation_id: string;
  level: Generated<'vital'>;
  reasons: Json<unknown[]>;
  summary: string;
  raised_at: CreatedAt;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
}

export interface TasksTable {
  id: Generated<string>;
  practice_id: string;
  kind: 'task' | 'practitioner_message';
  assignee_id: string;
  text: string;
  due_at: Timestamp | null;
  request_id: string | null;
  patient_id: string | null;
  done: Generated<boolean>;
  done_at: Timestamp | null;
  created_by: string;
  created_at: CreatedAt;
}

/** One-time code identifying a patient inside one conversation (`migrations/0031_assistant_dialog.sql`). */
export interface AssistantVerificationsTable {
  id: Generated<string>;
  practice_id: string;
  conversation_id: string;
  patient_id: string;
  code_hash: Buffer;
  channel: 'sms' | 'email';
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  created_at: CreatedAt;
}

/** One identification attempt of a conversation, a record found or not (the per-conversation limit counts these). */
export interface AssistantIdentifyAttemptsTable {
  id: Generated<string>;
  practice_id: string;
  conversation_id: string;
  created_at: CreatedAt;
}

declare module '../platform/db/schema.js' {
  interface DB {
    practice_info: PracticeInfoTable;
    conversations: ConversationsTable;
    conversation_messages: ConversationMessagesTable;
    inbox_requests: InboxRequestsTable;
    assistant_alerts: AssistantAlertsTable;
    tasks: TasksTable;
    assistant_verifications: AssistantVerificationsTable;
    assistant_identify_attempts: AssistantIdentifyAttemptsTable;
  }
}
