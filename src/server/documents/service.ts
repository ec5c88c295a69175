import crypto from 'node:crypto';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import type { Keyring } from '../platform/security/keyring.js';
import type { DocumentMimeType, DocumentType } from './schema.js';
import { documentContext, openContent, sealContent, sha256Hex } from './sealing.js';
import { clock } from '../platform/clock.js';

/** Patient documents: metadata and encrypted content, always within the current practice. */
export interface DocumentView {
  id: string;
  patientId: string;
  type: DocumentType;
  title: string;
  fileName: string;
  mimeType: DocumentMimeType;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: { id: string; displayName: string };
  archivedAt: string | null;
  archivedBy: { id: string; displayName: string } | null;
  archiveReason: string | null;
}

function selectDocuments(tx: Tx, practiceId: string) {
  return tx
    .selectFrom('documents as d')
    .innerJoin('accounts as up', 'up.id', 'd.uploaded_by')
    .leftJoin('accounts as ar', 'ar.id', 'd.archived_by')
    .select([
      'd.id',
      'd.patient_id',
      'd.type',
      'd.title',
      'd.file_name',
      'd.mime_type',
      'd.size_bytes',
      'd.sha256',
      'd.uploaded_at',
      'd.uploaded_by',
      'up.display_name as uploader_name',
      'd.archived_at',
      'd.archived_by',
      'ar.display_name as archiver_name',
      'd.archive_reason',
    ])
    .where('d.practice_id', '=', practiceId);
}
type Row = Awaited<ReturnType<ReturnType<typeof selectDocuments>['execute']>>[number];

const toView = (r: Row): DocumentView => ({
  id: r.id,
  patientId: r.patient_id,
  type: r.type,
  title: r.title,
  fileName: r.file_name,
  mimeType: r.mime_type,
  size: r.size_bytes,
  sha256: r.sha256,
  uploadedAt: r.uploaded_at.toISOString(),
  uploadedBy: { id: r.uploaded_by, displayName: r.uploader_name },
  archivedAt: r.archived_at ? r.archived_at.toISOString() : null,
  archivedBy: r.archived_by ? { id: r.archived_by, displayName: r.archiver_name ?? '' } : null,
  archiveReason: r.archive_reason,
});

/** 404 unless the patient is one of the current practice's. */
export async function assertPatient(tx: Tx, ctx: RequestContext, patientId: string): Promise<void> {
  const found = await tx.selectFrom('patients').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', patientId).executeTakeFirst();
  if (!found) {
    throw new AppError('not_found', { resource: 'patient' }, { fr: 'Patient introuvable dans ce cabinet.', en: 'Patient not found in this practice.' });
  }
}

const documentNotFound = () =>
  new AppError('not_found', { resource: 'document' }, { fr: 'Document introuvable dans ce cabinet.', en: 'Document not found in this practice.' });

export async function getDocument(tx: Tx, ctx: RequestContext, id: string): Promise<DocumentView> {
  const row = await selectDocuments(tx, ctx.practiceId).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw documentNotFound();
  return toView(row);
}

export async function listDocuments(tx: Tx, ctx: RequestContext, patientId: string, includeArchived: boolean): Promise<DocumentView[]> {
  await assertPatient(tx, ctx, patientId);
  let q = selectDocuments(tx, ctx.practiceId).where('d.patient_id', '=', patientId);
  if (!includeArchived) q = q.where('d.archived_at', 'is', null);
  const rows = await q.orderBy('d.uploaded_at', 'desc').orderBy('d.id').execute();
  return rows.map(toView);
}

export interface NewDocument {
  patientId: string;
  type: DocumentType;
  title: string;
  fileName: string;
  mimeType: DocumentMimeType;
  bytes: Buffer;
}

export async function storeDocument(tx: Tx, ctx: RequestContext, keyring: Keyring, doc: NewDocument): Promise<DocumentView> {
  const id = crypto.randomUUID();
  const sha256 = sha256Hex(doc.bytes);
  await tx
    .insertInto('documents')
    .values({
      id,
      practice_id: ctx.practiceId,
      patient_id: doc.patientId,
      type: doc.type,
      title: doc.title,
      file_name: doc.fileName,
      mime_type: doc.mimeType,
      size_bytes: doc.bytes.length,
      sha256,
      uploaded_by: ctx.accountId,
    })
    .execute();
  const sealed = sealContent(keyring, doc.bytes, documentContext(ctx.practiceId, id));
  await tx
    .insertInto('document_contents')
    .values({ document_id: id, practice_id: ctx.practiceId, format: sealed.format, iv: sealed.iv, auth_tag: sealed.authTag, ciphertext: sealed.ciphertext })
    .execute();
  return getDocument(tx, ctx, id);
}

export type ContentResult =
  | { ok: true; document: DocumentView; bytes: Buffer }
  | { ok: false; document: DocumentView; failure: 'missing' | 'decryption_failed' | 'checksum_mismatch' };

/** Decrypts and checks the SHA-256 of the plaintext against the one recorded at upload. Never returns unchecked bytes. */
export async function readContent(tx: Tx, ctx: RequestContext, keyring: Keyring, id: string): Promise<ContentResult> {
  const document = await getDocument(tx, ctx, id);
  const stored = await tx
    .selectFrom('document_contents')
    .select(['format', 'iv', 'auth_tag', 'ciphertext'])
    .where('practice_id', '=', ctx.practiceId)
    .where('document_id', '=', id)
    .executeTakeFirst();
  if (!stored) return { ok: false, document, failure: 'missing' };
  let bytes: Buffer;
  try {
    bytes = openContent(keyring, { format: stored.format, iv: stored.iv, authTag: stored.auth_tag, ciphertext: stored.ciphertext }, documentContext(ctx.practiceId, id));
  } catch {
    return { ok: false, document, failure: 'decryption_failed' };
  }
  if (bytes.length !== document.size || sha256Hex(bytes) !== document.sha256) return { ok: false, document, failure: 'checksum_mismatch' };
  return { ok: true, document, bytes };
}

export async function archiveDocument(tx: Tx, ctx: RequestContext, id: string, reason: string): Promise<DocumentView> {
  const before = await getDocument(tx, ctx, id);
  if (before.archivedAt) {
    throw new AppError('conflict', { archivedAt: before.archivedAt }, { fr: 'Ce document est déjà archivé.', en: 'This document is already archived.' });
  }
  const updated = await tx
    .updateTable('documents')
    .set({ archived_at: clock.now(), archived_by: ctx.accountId, archive_reason: reason })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n) throw new AppError('conflict', undefined, { fr: 'Ce document est déjà archivé.', en: 'This document is already archived.' });
  ctx.audit({ action: 'document.archived', resourceType: 'document', resourceId: id, reason, details: { patientId: before.patientId } });
  return getDocument(tx, ctx, id);
}
