import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';
import type { MessageChannel } from '../messaging/index.js';

/** Kysely types of notifications, online booking, waiting list and iCal feeds (0023_agenda_notifications.sql). */
export interface AgendaNotificationSettingsTable {
  practice_id: string;
  reminder_offsets_minutes: Generated<number[]>;
  manage_deadline_minutes: Generated<number>;
  online_booking_enabled: Generated<boolean>;
  online_min_notice_minutes: Generated<number>;
  waiting_list_enabled: Generated<boolean>;
  offer_expiry_minutes: Generated<number>;
  offer_batch_size: Generated<number>;
  offer_quiet_hours: Generated<boolean>;
  no_show_warn_after: Generated<number>;
  no_show_block_online_after: Generated<number>;
  updated_at: Timestamp;
}

// The outbox and its message kinds belong to messaging (0130).
export type { MessageKind, MessageChannel } from '../messaging/index.js';

export interface OnlineBookingVerificationsTable {
  id: Generated<string>;
  practice_id: string;
  code_hash: Buffer;
  identity: ColumnType<Record<string, unknown>, string, string>;
  channel: MessageChannel;
  destination: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  ip: string | null;
  created_at: CreatedAt;
}

export interface OnlinePatientsTable {
  practice_id: string;
  patient_id: string;
  verification_id: string | null;
  created_at: CreatedAt;
}

export interface AgendaLinkKeysTable {
  id: number;
  key_material: string;
  sealed: boolean;
  created_at: CreatedAt;
}

export interface WaitingListEntriesTable {
  id: Generated<string>;
  practice_id: string;
  patient_id: string;
  practitioner_id: string | null;
  motif_id: string | null;
  current_appointment_id: string | null;
  earliest: ColumnType<string | null, string | null | undefined, string | null>;
  latest: ColumnType<string | null, string | null | undefined, string | null>;
  weekdays: Generated<number[]>;
  time_of_day: Generated<'any' | 'morning' | 'afternoon'>;
  note: string | null;
  status: Generated<'active' | 'satisfied' | 'removed'>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface WaitingOffersTable {
  id: Generated<string>;
  practice_id: string;
  entry_id: string;
  practitioner_id: string;
  motif_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  slot_key: string;
  wave: number;
  status: Generated<'pending' | 'accepted' | 'expired' | 'declined' | 'lost'>;
  expires_at: Timestamp;
  responded_at: Timestamp | null;
  appointment_id: string | null;
  created_at: CreatedAt;
}

export interface IcalFeedsTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  token_hash: Buffer;
  include_patient_names: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
}

declare module '../platform/db/schema.js' {
  interface DB {
    agenda_notification_settings: AgendaNotificationSettingsTable;
    online_booking_verifications: OnlineBookingVerificationsTable;
    online_patients: OnlinePatientsTable;
    agenda_link_keys: AgendaLinkKeysTable;
    waiting_list_entries: WaitingListEntriesTable;
    waiting_offers: WaitingOffersTable;
    ical_feeds: IcalFeedsTable;
  }
}
