import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, EncryptedFileColumns, Timestamp } from '../platform/db/schema.js';
import type { RecipientChannel, ReportKind, ReportStatus } from './contract.js';
import type { RichDoc } from './richtext.js';
import type { SourceSentence } from './sources.js';

/** Kysely table types of the reports; the SQL in ./migrations is the source of truth (and its invariants). */
type Json<T> = ColumnType<T, string, string>;

export interface ReportsTable {
  id: Generated<string>;
  practice_id: string;
  patient_id: string;
  author_id: string;
  kind: ReportKind;
  template_id: string;
  title: string;
  status: Generated<ReportStatus>;
  body_json: Json<RichDoc>;
  body_html: string;
  body_text: string;
  fields: Json<Record<string, string>>;
  content_hash: string;
  amends_id: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_by: string;
  updated_at: Timestamp;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  validated_by: string | null;
  validated_at: Timestamp | null;
  validated_hash: string | null;
  document_id: string | null;
}

export interface ReportRecipientsTable {
  practice_id: string;
  report_id: string;
  correspondent_id: string;
  channel: RecipientChannel;
  position: number;
  correspondence_item_id: string | null;
}

export interface ReportAudioTable extends EncryptedFileColumns {
  id: Generated<string>;
  practice_id: string;
  report_id: string;
  uploaded_by: string;
  uploaded_at: CreatedAt;
}

export interface ReportSourcesTable {
  report_id: string;
  practice_id: string;
  transcript: string;
  sentences: Json<SourceSentence[]>;
  engine: string;
  created_by: string;
  created_at: CreatedAt;
}

declare module '../platform/db/schema.js' {
  interface DB {
    reports: ReportsTable;
    report_recipients: ReportRecipientsTable;
    report_audio: ReportAudioTable;
    report_sources: ReportSourcesTable;
  }
}
