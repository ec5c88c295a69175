import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import type { Keyring } from '../platform/security/keyring.js';
import { clock } from '../platform/clock.js';
import { renderPdf } from '../platform/pdf/pdf.js';
import { DOCUMENT_MIME_TYPES, storeDocument, type DocumentMimeType, type DocumentType } from '../documents/index.js';
import type { ItemType } from './contract.js';
import { readFiles } from './files.service.js';
import { assertAllowed, moveTo, visibleItem, type ItemRow } from './register.service.js';

/** Filing puts the item in the patient's documents (the same encrypted store the patient's file reads). */
export const DOCUMENT_TYPE_OF: Record<ItemType, DocumentType> = {
  result: 'result',
  hospital_report: 'correspondence',
  letter: 'correspondence',
  referral: 'referral_letter',
  administrative: 'other',
  other: 'other',
};

const isDocumentMime = (m: string): m is DocumentMimeType => (DOCUMENT_MIME_TYPES as readonly string[]).includes(m);

/** A text (e-mail body, lab result sheet) becomes a PDF, so that the patient's file holds what the practice received. */
export async function textPdf(title: string, meta: { from: string; receivedAt: Date }, body: string): Promise<Buffer> {
  return renderPdf({ title, author: 'Pivot', createdAt: meta.receivedAt, footer: `Reçu par Pivot — ${meta.from}` }, (page) => {
    page.title(title);
    page.keyValues([
      ['De', meta.from],
      ['Reçu le', meta.receivedAt.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })],
    ]);
    page.doc.moveDown(0.5);
    for (const para of body.split(/\n{2,}/)) page.paragraph(para);
  });
}

export async function fileItem(tx: Tx, ctx: RequestContext, keyring: Keyring, id: string): Promise<string[]> {
  const r = await visibleItem(tx, ctx, id, true);
  await assertAllowed(tx, ctx, r, 'file');
  const ids = await fileContents(tx, ctx, keyring, r);
  await moveTo(tx, r, 'filed', { filed_by: ctx.accountId, filed_at: clock.now() });
  ctx.audit({ action: 'correspondence.filed', resourceType: 'correspondence_item', resourceId: id, details: { patientId: r.patient_id, documents: ids } });
  return ids;
}

/** Stores the item's files as the patient's documents and links them to the item; returns the document ids. */
export async function fileContents(tx: Tx, ctx: RequestContext, keyring: Keyring, r: ItemRow): Promise<string[]> {
  if (!r.patient_id) throw new Error('filing without a confirmed patient');
  const files = await readFiles(tx, keyring, ctx.practiceId, r.id);
  const type = DOCUMENT_TYPE_OF[r.type];
  const ids: string[] = [];
  const stored = files.filter((f) => f.kind !== 'lab_source' && f.kind !== 'body' && f.kind !== 'ocr_text' && isDocumentMime(f.mimeType));
  const bodies = files.filter((f) => f.kind === 'body');
  const total = stored.length + (bodies.length ? 1 : 0);
  const title = (n: number) => (total > 1 ? `${r.subject} (${n}/${total})` : r.subject).slice(0, 200);
  let n = 0;
  if (bodies.length) {
    const pdf = await textPdf(r.subject, { from: r.sender_label ?? '—', receivedAt: r.received_at }, bodies.map((b) => b.bytes.toString('utf8')).join('\n\n'));
    ids.push((await storeDocument(tx, ctx, keyring, { patientId: r.patient_id, type, title: title(++n), fileName: 'courrier.pdf', mimeType: 'application/pdf', bytes: pdf })).id);
  }
  for (const f of stored) {
    const doc = await storeDocument(tx, ctx, keyring, { patientId: r.patient_id, type, title: title(++n), fileName: f.fileName, mimeType: f.mimeType as DocumentMimeType, bytes: f.bytes });
    ids.push(doc.id);
  }
  for (const documentId of ids) await tx.insertInto('correspondence_item_documents').values({ practice_id: ctx.practiceId, item_id: r.id, document_id: documentId }).execute();
  return ids;
}
