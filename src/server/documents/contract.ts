import { z } from 'zod';

/**
 * The documents API's shapes: zod schemas used by the routes and their types, read by the web with `import type`.
 * The SQL (migrations/0010_documents.sql) checks the same lists.
 */
export const DOCUMENT_TYPES = [
  'id_document',
  'health_insurance_card',
  'mutuelle_card',
  'referral_letter',
  'result',
  'prescription',
  'correspondence',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/tiff'] as const;
export type DocumentMimeType = (typeof DOCUMENT_MIME_TYPES)[number];

const account = z.object({ id: z.uuid(), displayName: z.string() });
export const documentSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  type: z.enum(DOCUMENT_TYPES),
  title: z.string(),
  fileName: z.string(),
  mimeType: z.enum(DOCUMENT_MIME_TYPES),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedBy: account,
  archivedAt: z.string().nullable(),
  archivedBy: account.nullable(),
  archiveReason: z.string().nullable(),
});

/** The form fields of an upload, validated by hand: multipart bodies bypass the route's zod body. */
export const uploadFields = z.object({
  type: z.enum(DOCUMENT_TYPES),
  title: z.string().trim().min(1).max(200).optional(),
});

export type PatientDocumentType = DocumentType;
export type PatientDocument = z.infer<typeof documentSchema>;
