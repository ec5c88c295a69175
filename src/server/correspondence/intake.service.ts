import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { Keyring } from '../platform/security/keyring.js';
import { AppError } from '../platform/http/errors.js';
import { bornWord } from '../platform/identity-display.js';
import { checkDocumentContent, extensionsOf, sanitiseFileName, withExtension, type UploadedFile } from '../documents/index.js';
import { isAbnormal, parseLabMessage, renderText, type LabReport } from '../lab-results/index.js';
import type { Channel, ItemType } from './contract.js';
import { storeFiles, type NewFile } from './files.service.js';
import { proposePatients } from './propose.js';
import { correspondentByAddress } from './correspondents.service.js';
import { nameKey } from './rules.js';
import type { StoredProposal } from './schema.js';
import type { Scope } from './scope.js';

/** Everything that comes in becomes one register item « to match »: scans, e-mails, MSSanté messages, lab results. */
export interface NewIncoming {
  channel: Channel;
  simulated?: boolean;
  type: ItemType;
  subject: string;
  senderId?: string | null;
  senderLabel?: string | null;
  proposals?: StoredProposal[];
  /** Patient files read by the OCR matcher (audited with the item). */
  candidateIds?: string[];
  readerId?: string | null;
  abnormal?: boolean;
  externalId?: string | null;
  files: NewFile[];
}

export async function createIncoming(tx: Tx, s: Scope, keyring: Keyring, n: NewIncoming): Promise<string> {
  if (n.senderId) {
    const found = await tx.selectFrom('correspondents').select('id').where('practice_id', '=', s.practiceId).where('id', '=', n.senderId).executeTakeFirst();
    if (!found) throw new AppError('unprocessable', [{ field: 'senderId', message: { fr: 'Correspondant inconnu.', en: 'Unknown correspondent.' } }], { fr: 'Ce correspondant n’est pas dans le carnet d’adresses du cabinet.', en: 'This correspondent is not in the practice’s address book.' });
  }
  const row = await tx
    .insertInto('correspondence_items')
    .values({
      practice_id: s.practiceId,
      direction: 'in',
      channel: n.channel,
      simulated: n.simulated ?? false,
      type: n.type,
      status: 'to_match',
      subject: n.subject.replace(/\s+/g, ' ').trim().slice(0, 300) || '(sans objet)',
      sender_id: n.senderId ?? null,
      sender_label: n.senderLabel?.slice(0, 300) ?? null,
      proposals: JSON.stringify(n.proposals ?? []),
      reader_id: n.readerId ?? null,
      routed_by: null,
      abnormal: n.abnormal ?? false,
      external_id: n.externalId ?? null,
      created_by: s.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await storeFiles(tx, keyring, s.practiceId, row.id, n.files);
  s.audit({
    action: 'correspondence.received',
    resourceType: 'correspondence_item',
    resourceId: row.id,
    // The patient files the OCR matcher read to decide are named: a read of patient data is audited.
    details: { channel: n.channel, type: n.type, files: n.files.length, proposals: (n.proposals ?? []).length, simulated: n.simulated ?? false, ...(n.candidateIds?.length ? { matchCandidatesRead: n.candidateIds } : {}) },
  });
  return row.id;
}

/** Scanned post: one multi-page PDF or several images (one per page), each checked by content like a patient document. */
export async function registerScan(
  tx: Tx,
  s: Scope,
  keyring: Keyring,
  input: { type: ItemType; subject: string; senderId: string | null; senderLabel: string | null; files: UploadedFile[] },
): Promise<string> {
  const pages: NewFile[] = [];
  for (const f of input.files) {
    const name = sanitiseFileName(f.fileName, 'page');
    const check = await checkDocumentContent(f.bytes, { fileName: name, mimeType: f.mimeType });
    if (!check.ok) throw new AppError(check.status === 415 ? 'unsupported_media_type' : 'unprocessable', { field: 'file', reason: check.reason, fileName: name }, check.message);
    pages.push({ kind: 'page', fileName: withExtension(name, extensionsOf(check.mimeType)), mimeType: check.mimeType, bytes: f.bytes });
  }
  const ocr = pages[0] ? await proposePatients(s.practiceId, pages[0], tx) : null;
  return createIncoming(tx, s, keyring, { channel: 'post', type: input.type, subject: input.subject, senderId: input.senderId, senderLabel: input.senderLabel, proposals: ocr?.proposals, candidateIds: ocr?.candidateIds, files: [...pages, ...readTextFile(ocr?.readText)] });
}

/** The text read on a first page, as a file of the item (sealed like the others) for the desk to check the proposal. */
const readTextFile = (text: string | null | undefined): NewFile[] =>
  text ? [{ kind: 'ocr_text', fileName: 'texte-lu-page-1.txt', mimeType: 'text/plain; charset=utf-8', bytes: Buffer.from(text, 'utf8') }] : [];

/** Patients whose INS (same OID: a test INS never meets a real one) or birth name + first name + birth date match. */
export async function patientsByIdentity(
  tx: Tx,
  practiceId: string,
  who: { ins?: { value: string; oid: string } | undefined; birthName?: string; firstName?: string; birthDate?: string },
): Promise<StoredProposal[]> {
  if (who.ins) {
    const byIns = await tx.selectFrom('patients').select('id').where('practice_id', '=', practiceId).where('ins_matricule', '=', who.ins.value).where('ins_oid', '=', who.ins.oid).execute();
    if (byIns.length) return byIns.map((p) => ({ patientId: p.id, evidence: `INS ${who.ins!.value}` }));
  }
  const { birthName, firstName, birthDate } = who;
  if (!birthName || !firstName || !birthDate) return [];
  const rows = await tx
    .selectFrom('patients')
    .select(['id', 'birth_name', 'used_name', 'first_name', 'sex'])
    .where('practice_id', '=', practiceId)
    .where(sql<boolean>`birth_date = ${birthDate}::date`)
    .execute();
  const want = nameKey(birthName, firstName);
  return rows
    .filter((p) => nameKey(p.birth_name, p.first_name) === want || (p.used_name && nameKey(p.used_name, p.first_name) === want))
    // « né » / « née » as the proposed patient's file records the sex; « né(e) » only when it does not.
    .map((p) => ({ patientId: p.id, evidence: `${birthName} ${firstName}, ${bornWord(p.sex)} le ${birthDate.split('-').reverse().join('/')}` }));
}

/**
 * The practice's practitioner a lab addressed the result to: by RPPS first — the identifier the file gives beside the
 * name (HPRIM Santé OBR.17.1, HL7 OBR.16.1; « 8 » + RPPS is the national id form), else an RPPS written in the name —
 * then by a unique name match. An identifier that is not one of the practice's RPPS falls back to the name.
 */
async function prescriberOf(tx: Tx, practiceId: string, report: Pick<LabReport, 'receivedFor' | 'receivedForId'>): Promise<string | null> {
  const { receivedFor } = report;
  const id = report.receivedForId.trim();
  const rpps = [/^8?(\d{11})$/.exec(id)?.[1], receivedFor.match(/\b\d{11}\b/)?.[0]].filter((r): r is string => !!r);
  const all = await tx.selectFrom('practitioners').select(['id', 'rpps', 'display_name']).where('practice_id', '=', practiceId).where('active', '=', true).execute();
  for (const r of rpps) {
    const byRpps = all.find((p) => p.rpps === r);
    if (byRpps) return byRpps.id;
  }
  const key = nameKey(receivedFor.replace(/\d+/g, ' '));
  if (!key) return null;
  const byName = all.filter((p) => key.split(' ').length >= 1 && nameKey(p.display_name).split(' ').every((w) => key.split(' ').includes(w)));
  return byName.length === 1 ? byName[0]!.id : null;
}

/** A lab file (HPRIM Santé, HPRIM médecin, HL7 ORU): one item per patient report, routed to the prescriber when found. */
export async function registerLabFile(tx: Tx, s: Scope, keyring: Keyring, file: { fileName: string; bytes: Buffer }): Promise<string[]> {
  const outcome = parseLabMessage(file.bytes);
  if (!outcome.ok) {
    throw new AppError('unprocessable', { field: 'file', reason: outcome.error.code, line: outcome.error.line }, { fr: outcome.error.message, en: `Unreadable lab file (${outcome.error.code}, line ${outcome.error.line}).` });
  }
  const ids: string[] = [];
  for (const report of outcome.reports) ids.push(await registerLabReport(tx, s, keyring, report, file));
  return ids;
}

async function registerLabReport(tx: Tx, s: Scope, keyring: Keyring, report: LabReport, file: { fileName: string; bytes: Buffer }): Promise<string> {
  const p = report.patient;
  const proposals = await patientsByIdentity(tx, s.practiceId, { ins: p.ins, birthName: p.birthName, firstName: p.firstName, birthDate: p.birthDate });
  const lab = await tx.selectFrom('correspondents').select('id').where('practice_id', '=', s.practiceId).where('kind', '=', 'lab').where('name_key', '=', nameKey(report.sender)).executeTakeFirst();
  const abnormal = report.results.some((r) => isAbnormal(r));
  return createIncoming(tx, s, keyring, {
    channel: 'lab',
    type: 'result',
    subject: `Résultats ${report.sender || 'laboratoire'}${report.reportedAt ? ` du ${report.reportedAt.slice(0, 10).split('-').reverse().join('/')}` : ''}`,
    senderId: lab?.id ?? null,
    senderLabel: report.sender || null,
    proposals,
    readerId: await prescriberOf(tx, s.practiceId, report),
    abnormal,
    files: [
      { kind: 'body', fileName: 'resultats.txt', mimeType: 'text/plain; charset=utf-8', bytes: Buffer.from(renderText(report), 'utf8') },
      { kind: 'lab_source', fileName: sanitiseFileName(file.fileName, 'resultats.hpr'), mimeType: 'application/octet-stream', bytes: file.bytes },
    ],
  });
}

/** An e-mail or MSSanté message: the sender from the address book by address, the INS of the metadata as evidence. */
export interface IncomingMessage {
  channel: 'email' | 'mssante';
  simulated?: boolean;
  from: string;
  fromName?: string | null;
  subject: string;
  text: string;
  messageId?: string | null;
  ins?: { value: string; oid: string } | null;
  attachments: { fileName: string; mimeType: string; bytes: Buffer }[];
}

export async function registerMessage(tx: Tx, s: Scope, keyring: Keyring, m: IncomingMessage): Promise<string> {
  const sender = await correspondentByAddress(tx, s.practiceId, m.from);
  const files: NewFile[] = [];
  const dropped: string[] = [];
  for (const a of m.attachments) {
    const name = sanitiseFileName(a.fileName, 'piece-jointe');
    const check = await checkDocumentContent(a.bytes, { fileName: name, mimeType: a.mimeType });
    if (check.ok) files.push({ kind: 'attachment', fileName: withExtension(name, extensionsOf(check.mimeType)), mimeType: check.mimeType, bytes: a.bytes });
    else dropped.push(name);
  }
  const note = dropped.length ? `\n\n[Pièces jointes non conservées (format non accepté) : ${dropped.join(', ')}]` : '';
  const body = `${m.text.trim()}${note}`.trim();
  if (body) files.unshift({ kind: 'body', fileName: 'message.txt', mimeType: 'text/plain; charset=utf-8', bytes: Buffer.from(body, 'utf8') });
  let proposals = m.ins ? await patientsByIdentity(tx, s.practiceId, { ins: m.ins }) : [];
  let candidateIds: string[] = [];
  const firstPage = files.find((f) => f.kind === 'attachment');
  if (!proposals.length && firstPage) {
    const ocr = await proposePatients(s.practiceId, firstPage, tx);
    ({ proposals, candidateIds } = ocr);
    files.push(...readTextFile(ocr.readText));
  }
  return createIncoming(tx, s, keyring, {
    channel: m.channel,
    simulated: m.simulated ?? false,
    type: sender?.kind === 'hospital' ? 'hospital_report' : sender?.kind === 'lab' ? 'result' : 'letter',
    subject: m.subject || '(sans objet)',
    senderId: sender?.id ?? null,
    senderLabel: m.fromName ? `${m.fromName} <${m.from}>` : m.from,
    proposals,
    candidateIds,
    externalId: m.messageId ?? null,
    files,
  });
}
