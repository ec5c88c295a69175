import type { Keyring } from '../platform/security/keyring.js';
import type { Tx } from '../platform/db/database.js';
import { openContent, sealContent, sha256Hex } from '../documents/index.js';
import { AppError } from '../platform/http/errors.js';
import type { CorrespondenceFilesTable } from './schema.js';

/**
 * The bytes of an item (scanned pages, e-mail body and attachments, the lab file, the letter's PDF), sealed with the
 * documents capability's encryption; the context binds each ciphertext to its practice and row.
 */
const fileContext = (practiceId: string, fileId: string) => `correspondence:${practiceId}:${fileId}`;

export interface NewFile {
  kind: CorrespondenceFilesTable['kind'];
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export async function storeFiles(tx: Tx, keyring: Keyring, practiceId: string, itemId: string, files: readonly NewFile[]): Promise<void> {
  const last = await tx.selectFrom('correspondence_files').select((eb) => eb.fn.max('position').as('p')).where('item_id', '=', itemId).executeTakeFirst();
  let position = last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
  for (const f of files) {
    const id = crypto.randomUUID();
    const sealed = sealContent(keyring, f.bytes, fileContext(practiceId, id));
    await tx
      .insertInto('correspondence_files')
      .values({
        id,
        practice_id: practiceId,
        item_id: itemId,
        position: position++,
        kind: f.kind,
        file_name: f.fileName.slice(0, 255) || 'fichier',
        mime_type: f.mimeType,
        size_bytes: f.bytes.length,
        sha256: sha256Hex(f.bytes),
        iv: sealed.iv,
        auth_tag: sealed.authTag,
        ciphertext: sealed.ciphertext,
      })
      .execute();
  }
}

export interface FileContent {
  id: string;
  kind: NewFile['kind'];
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

/** Decrypts and checks the SHA-256; a damaged file is a 500 that says so, never unchecked bytes. */
export async function readFiles(tx: Tx, keyring: Keyring, practiceId: string, itemId: string, fileId?: string): Promise<FileContent[]> {
  let q = tx.selectFrom('correspondence_files').selectAll().where('practice_id', '=', practiceId).where('item_id', '=', itemId);
  if (fileId) q = q.where('id', '=', fileId);
  const rows = await q.orderBy('position').execute();
  return rows.map((r) => {
    let bytes: Buffer;
    try {
      bytes = openContent(keyring, { format: 'v1', iv: r.iv, authTag: r.auth_tag, ciphertext: r.ciphertext }, fileContext(practiceId, r.id));
    } catch {
      bytes = Buffer.alloc(0);
    }
    if (bytes.length !== r.size_bytes || sha256Hex(bytes) !== r.sha256) {
      throw new AppError('internal', { fileId: r.id }, { fr: 'Ce fichier est endommagé : il ne peut pas être affiché.', en: 'This file is damaged: it cannot be shown.' });
    }
    return { id: r.id, kind: r.kind, fileName: r.file_name, mimeType: r.mime_type, bytes };
  });
}
