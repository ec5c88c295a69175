import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';
import type { MessageChannel, MessageKind, MessageStatus } from './contract.js';

/** Kysely types of the outbox; ./migrations/0130_messaging_outbox.sql (over agenda's 0023) is the source of truth. */
export interface OutgoingMessagesTable {
  id: Generated<string>;
  /** Null only for staff mail (an account's password link, an invitation). */
  practice_id: string | null;
  dedupe_key: string;
  appointment_id: string | null;
  conversation_id: string | null;
  account_id: string | null;
  kind: MessageKind;
  channel: MessageChannel;
  recipient: string;
  subject: string | null;
  body: Generated<string>;
  /** Fixed by the first delivery attempt; every resend carries the same one. */
  message_id: string | null;
  status: Generated<MessageStatus>;
  attempts: Generated<number>;
  provider: string | null;
  provider_message_id: string | null;
  error: string | null;
  job_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  sent_at: Timestamp | null;
}

/** Read-only view kept from the assistant's former SMS outbox (0130). */
export interface SmsOutboxView {
  id: string;
  practice_id: string;
  conversation_id: string | null;
  to_number: string;
  body: string;
  provider: string;
  status: 'queued' | 'sent' | 'failed' | 'simulated';
  provider_message_id: string | null;
  error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** Read-only view kept from the platform's former mail outbox (0130). */
export interface MailOutboxView {
  id: string;
  account_id: string | null;
  recipient: string;
  subject: string;
  body_text: string;
  delivered: boolean;
  created_at: Date;
}

declare module '../platform/db/schema.js' {
  interface DB {
    outgoing_messages: OutgoingMessagesTable;
    sms_outbox: SmsOutboxView;
    mail_outbox: MailOutboxView;
  }
}
