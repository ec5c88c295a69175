import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import type { Keyring } from '../platform/security/keyring.js';
import { AppError } from '../platform/http/errors.js';
import { clock } from '../platform/clock.js';
import { openContent, sanitiseFileName, sealContent, sha256Hex } from '../documents/index.js';
import { conflict, refused, visibleReport } from './access.js';
import { AUDIO_EXTENSION, sniffAudio } from './audio.js';
import { allowedActions } from './rules.js';
import { stateOf } from './reports.service.js';

/** The dictation of a report: uploaded or recorded in the browser, encrypted at rest, replaced while the report is open. */
const audioContext = (practiceId: string, id: string) => `report-audio:${practiceId}:${id}`;

export async function storeAudio(tx: Tx, ctx: RequestContext, keyring: Keyring, reportId: string, file: { fileName: string; bytes: Buffer }): Promise<void> {
  const { row, actor } = await visibleReport(tx, ctx, reportId, true);
  if (!allowedActions(actor, stateOf(row)).includes('audio')) throw conflict('Ce compte rendu est validé : sa dictée ne change plus.', 'This report is validated: its dictation no longer changes.');
  const mime = sniffAudio(file.bytes);
  if (!mime) throw refused('Ce fichier n’est pas un enregistrement audio lisible (WAV, WebM, Ogg, MP3 ou M4A).', 'This file is not a playable recording (WAV, WebM, Ogg, MP3 or M4A).', 'file');
  await tx.deleteFrom('report_audio').where('practice_id', '=', ctx.practiceId).where('report_id', '=', reportId).execute();
  const id = crypto.randomUUID();
  const sealed = sealContent(keyring, file.bytes, audioContext(ctx.practiceId, id));
  const base = sanitiseFileName(file.fileName || 'dictee').replace(/\.[a-z0-9]{1,5}$/i, '') || 'dictee';
  await tx
    .insertInto('report_audio')
    .values({
      id, practice_id: ctx.practiceId, report_id: reportId, file_name: `${base}.${AUDIO_EXTENSION[mime]}`.slice(0, 255), mime_type: mime, size_bytes: file.bytes.length,
      sha256: sha256Hex(file.bytes), iv: sealed.iv, auth_tag: sealed.authTag, ciphertext: sealed.ciphertext, uploaded_by: ctx.accountId, uploaded_at: clock.now(),
    })
    .execute();
  ctx.audit({ action: 'report.audio_uploaded', resourceType: 'report', resourceId: reportId, details: { patientId: row.patient_id, mimeType: mime, size: file.bytes.length } });
}

export async function readAudio(tx: Tx, ctx: RequestContext, keyring: Keyring, reportId: string): Promise<{ bytes: Buffer; mimeType: string; fileName: string }> {
  const { row } = await visibleReport(tx, ctx, reportId);
  const a = await tx.selectFrom('report_audio').selectAll().where('practice_id', '=', ctx.practiceId).where('report_id', '=', reportId).executeTakeFirst();
  if (!a) throw new AppError('not_found', { resource: 'report_audio' }, { fr: 'Ce compte rendu n’a pas de dictée.', en: 'This report has no dictation.' });
  let bytes: Buffer;
  try {
    bytes = openContent(keyring, { format: 'v1', iv: a.iv, authTag: a.auth_tag, ciphertext: a.ciphertext }, audioContext(ctx.practiceId, a.id));
  } catch {
    bytes = Buffer.alloc(0);
  }
  if (bytes.length !== a.size_bytes || sha256Hex(bytes) !== a.sha256) {
    throw new AppError('internal', { resource: 'report_audio' }, { fr: 'Cet enregistrement est endommagé : il ne peut pas être lu.', en: 'This recording is damaged: it cannot be played.' });
  }
  ctx.audit({ action: 'report.audio_read', resourceType: 'report', resourceId: reportId, details: { patientId: row.patient_id } });
  return { bytes, mimeType: a.mime_type, fileName: a.file_name };
}
