import type { ColumnType } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';
import type { DocumentMimeType, DocumentType } from './contract.js';

export { DOCUMENT_MIME_TYPES, DOCUMENT_TYPES, type DocumentMimeType, type DocumentType } from './contract.js';

/** Kysely types of `migrations/0010_documents.sql`; the SQL is the source of truth. */
export interface DocumentsTable {
  id: string;
  practice_id: string;
  patient_id: string;
  type: DocumentType;
  title: string;
  file_name: string;
  mime_type: DocumentMimeType;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: CreatedAt;
  archived_at: Timestamp | null;
  archived_by: string | null;
  archive_reason: string | null;
}

export interface DocumentContentsTable {
  document_id: string;
  practice_id: string;
  format: 'v1';
  iv: Buffer;
  auth_tag: Buffer;
  ciphertext: ColumnType<Buffer, Buffer, Buffer>;
}

declare module '../platform/db/schema.js' {
  interface DB {
    documents: DocumentsTable;
    document_contents: DocumentContentsTable;
  }
}
