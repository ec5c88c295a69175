import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, EncryptedFileColumns, Timestamp } from '../platform/db/schema.js';
import type { Channel, CorrespondentKind, ItemStatus, ItemType } from './contract.js';

/** Kysely table types of the correspondence register; the SQL in ./migrations is the source of truth. */
type Json<T> = ColumnType<T, string, string>;

export interface StoredAddress {
  label: string | null;
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
}
export interface StoredProposal {
  patientId: string;
  evidence: string;
}

export interface CorrespondentsTable {
  id: Generated<string>;
  practice_id: string;
  kind: CorrespondentKind;
  title: string | null;
  name: string;
  first_name: string | null;
  rpps: string | null;
  specialty: string | null;
  addresses: ColumnType<StoredAddress[], string | undefined, string>;
  phone: string | null;
  email: string | null;
  mssante: string | null;
  name_key: string;
  city_key: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CorrespondenceItemsTable {
  id: Generated<string>;
  practice_id: string;
  direction: 'in' | 'out';
  channel: Channel;
  simulated: Generated<boolean>;
  type: ItemType;
  status: ItemStatus;
  subject: string;
  sender_id: string | null;
  sender_label: string | null;
  recipient_id: string | null;
  recipient_address: string | null;
  proposals: ColumnType<StoredProposal[], string | undefined, string>;
  patient_id: string | null;
  patient_confirmed_by: string | null;
  patient_confirmed_at: Timestamp | null;
  reader_id: string | null;
  routed_by: string | null;
  abnormal: Generated<boolean>;
  read_by: string | null;
  read_at: Timestamp | null;
  filed_by: string | null;
  filed_at: Timestamp | null;
  sent_by: string | null;
  sent_at: Timestamp | null;
  author_id: string | null;
  template_id: string | null;
  external_id: string | null;
  received_at: CreatedAt;
  created_by: string | null;
}

export interface CorrespondenceFilesTable extends EncryptedFileColumns {
  id: Generated<string>;
  practice_id: string;
  item_id: string;
  position: number;
  kind: 'page' | 'attachment' | 'body' | 'lab_source' | 'letter' | 'ocr_text';
}

export interface CorrespondenceItemDocumentsTable {
  practice_id: string;
  item_id: string;
  document_id: string;
}

/** A practice mailbox read over IMAP (migration 0201); bigint columns come back as strings. */
export interface CorrespondenceMailboxesTable {
  practice_id: string;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password_enc: string;
  mailbox: Generated<string>;
  poll_minutes: Generated<number>;
  enabled: Generated<boolean>;
  uid_validity: string | null;
  last_uid: Generated<string>;
  last_polled_at: Timestamp | null;
  last_error: string | null;
  last_received: Generated<number>;
  updated_at: Timestamp;
}

declare module '../platform/db/schema.js' {
  interface DB {
    correspondence_mailboxes: CorrespondenceMailboxesTable;
    correspondents: CorrespondentsTable;
    correspondence_items: CorrespondenceItemsTable;
    correspondence_files: CorrespondenceFilesTable;
    correspondence_item_documents: CorrespondenceItemDocumentsTable;
  }
}
export type { Json };
