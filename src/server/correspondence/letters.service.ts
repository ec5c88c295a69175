import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import type { Keyring } from '../platform/security/keyring.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { clock } from '../platform/clock.js';
import { renderPdf } from '../platform/pdf/pdf.js';
import type { SendChannel } from './contract.js';
import { correspondentName } from './correspondents.service.js';
import { mergeFieldValues } from './fields.service.js';
import { fileContents } from './filing.service.js';
import { readFiles, storeFiles } from './files.service.js';
import { moveTo, visibleItem, type ItemRow } from './register.service.js';
import { addressLines, renderTemplate } from './rules.js';
import { practitionerOf, refused, type Scope } from './scope.js';
import { queueLetterByEmail, type MssanteAdapter } from './send.js';
import { templateById } from './templates.js';

/** Outgoing letters: a template + merge fields → a PDF on the practice's letterhead → e-mail, MSSanté or post. */
export interface LetterDeps {
  keyring: Keyring;
  mailer: Mailer;
  mssante: MssanteAdapter;
}

export interface NewLetter {
  templateId: string;
  patientId: string;
  recipientId: string;
  authorId: string;
  freeText: string;
}

export async function createLetter(tx: Tx, ctx: RequestContext, keyring: Keyring, n: NewLetter): Promise<string> {
  const template = templateById(n.templateId);
  if (!template) throw refused('Modèle de courrier inconnu.', 'Unknown letter template.', 'templateId');
  // A practitioner writes in their own name; the desk types for any practitioner of the practice.
  const own = await practitionerOf(tx, ctx);
  if (!ctx.roles.includes('secretary') && own !== n.authorId) throw refused('Un praticien signe ses propres courriers.', 'A practitioner signs their own letters.', 'authorId');
  const { practice, patient, author, recipient: found, fields: values } = await mergeFieldValues(tx, ctx, n);
  const recipient = found!;
  const now = clock.now();
  const fields: Record<string, string> = { ...values, texte: n.freeText.trim() };
  const subject = renderTemplate(template.subject, fields);
  const body = renderTemplate(template.body, fields);
  const unknown = [...subject.unknown, ...body.unknown];
  if (unknown.length) throw refused(`Champs de fusion inconnus : ${unknown.join(', ')}.`, `Unknown merge fields: ${unknown.join(', ')}.`, 'templateId');
  const address = recipient.addresses[0];
  const pdf = await renderPdf(
    { title: subject.text, author: author.display_name, createdAt: now, footer: `${author.display_name}${author.rpps ? ` — RPPS ${author.rpps}` : ''} — ${practice.name}` },
    (page) => {
      page.letterhead(practice.name, [author.display_name, author.specialty, ...(author.rpps ? [`RPPS ${author.rpps}`] : [])]);
      page.addressBlock(address ? addressLines(correspondentName(recipient), address) : [correspondentName(recipient)]);
      page.paragraph(`Le ${fields['date.jour']}`, { align: 'right' });
      page.doc.moveDown(1);
      page.paragraph(`Objet : ${subject.text}`, { bold: true });
      page.doc.moveDown(1);
      for (const para of body.text.split(/\n{2,}/)) {
        page.paragraph(para);
        page.doc.moveDown(0.6);
      }
      page.doc.moveDown(1);
      page.paragraph(author.display_name, { align: 'right', bold: true });
    },
  );
  const row = await tx
    .insertInto('correspondence_items')
    .values({
      practice_id: ctx.practiceId,
      direction: 'out',
      channel: 'post',
      type: template.id === 'referral' ? 'referral' : template.id === 'administrative' ? 'administrative' : 'letter',
      status: 'draft',
      subject: subject.text.slice(0, 300),
      recipient_id: recipient.id,
      patient_id: patient.id,
      // Who wrote the letter chose its patient: that is the confirmation.
      patient_confirmed_by: ctx.accountId,
      patient_confirmed_at: now,
      author_id: author.id,
      template_id: template.id,
      created_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await storeFiles(tx, keyring, ctx.practiceId, row.id, [{ kind: 'letter', fileName: `${template.id}.pdf`, mimeType: 'application/pdf', bytes: pdf }]);
  ctx.audit({ action: 'correspondence.letter_created', resourceType: 'correspondence_item', resourceId: row.id, details: { patientId: patient.id, templateId: template.id, recipientId: recipient.id } });
  return row.id;
}

/**
 * Sends a draft and files it in the patient's documents, in the request's transaction. An e-mail is queued in that
 * transaction and tried right after the commit: it leaves only if the letter is recorded, once; « sent » in the
 * register means handed to the outbox, whose screen shows the delivery (retried, then failed if the server refuses).
 * A failed MSSanté send rolls everything back (the letter stays a draft, nothing is filed).
 */
export async function sendLetter(tx: Tx, ctx: RequestContext, deps: LetterDeps, id: string, channel: SendChannel): Promise<void> {
  const r = await visibleItem(tx, ctx, id, true);
  if (r.direction !== 'out' || r.status !== 'draft') throw refused('Ce courrier est déjà parti.', 'This letter has already gone.');
  await deliver(tx, ctx, deps, r, channel, null);
}

/** A PDF made elsewhere (a validated report) sent as a letter: in the register, sent, linked to the documents already filed. */
export interface PreparedLetter {
  patientId: string;
  authorId: string;
  recipientId: string;
  type: 'letter' | 'referral';
  subject: string;
  pdf: Buffer;
  fileName: string;
  channel: SendChannel;
  /** The patient's documents that already hold this PDF (filed once, not once per correspondent). */
  documentIds: string[];
}

export async function sendPreparedLetter(tx: Tx, ctx: RequestContext, deps: LetterDeps, l: PreparedLetter): Promise<string> {
  const row = await tx
    .insertInto('correspondence_items')
    .values({
      practice_id: ctx.practiceId, direction: 'out', channel: 'post', type: l.type, status: 'draft', subject: l.subject.slice(0, 300),
      recipient_id: l.recipientId, patient_id: l.patientId, patient_confirmed_by: ctx.accountId, patient_confirmed_at: clock.now(),
      author_id: l.authorId, template_id: 'report', created_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await storeFiles(tx, deps.keyring, ctx.practiceId, row.id, [{ kind: 'letter', fileName: l.fileName, mimeType: 'application/pdf', bytes: l.pdf }]);
  const r = await tx.selectFrom('correspondence_items').selectAll().where('practice_id', '=', ctx.practiceId).where('id', '=', row.id).executeTakeFirstOrThrow();
  await deliver(tx, ctx, deps, r, l.channel, l.documentIds);
  return row.id;
}

async function deliver(tx: Tx, ctx: RequestContext, deps: LetterDeps, r: ItemRow, channel: SendChannel, documentIds: string[] | null): Promise<void> {
  const id = r.id;
  const recipient = await tx.selectFrom('correspondents').selectAll().where('practice_id', '=', ctx.practiceId).where('id', '=', r.recipient_id!).executeTakeFirstOrThrow();
  const [pdf] = (await readFiles(tx, deps.keyring, ctx.practiceId, id)).filter((f) => f.kind === 'letter');
  if (!pdf) throw new Error('letter without its PDF');
  let address: string | null = null;
  let simulated = false;
  let externalId: string | null = null;
  const text = `Veuillez trouver ci-joint notre courrier : ${r.subject}.\n\nCe message vous est adressé par un cabinet médical via Pivot.`;
  if (channel === 'email') {
    if (!recipient.email) throw refused('Ce correspondant n’a pas d’adresse e-mail dans le carnet d’adresses.', 'This correspondent has no e-mail address.', 'channel');
    if (!deps.mailer.smtpConfigured) throw refused('Aucun serveur d’envoi d’e-mails n’est configuré (SMTP_URL) : le courrier n’est pas parti.', 'No outgoing mail server is configured (SMTP_URL): the letter was not sent.', 'channel');
    address = recipient.email;
    const deliver = await queueLetterByEmail(deps.mailer, tx, { practiceId: ctx.practiceId, to: address, subject: r.subject, text, pdf: pdf.bytes, fileName: pdf.fileName, accountId: ctx.accountId });
    ctx.afterCommit(async () => deliver());
  } else if (channel === 'mssante') {
    if (!recipient.mssante) throw refused('Ce correspondant n’a pas d’adresse MSSanté dans le carnet d’adresses.', 'This correspondent has no MSSanté address.', 'channel');
    address = recipient.mssante;
    const patient = await tx.selectFrom('patients').select(['ins_matricule', 'ins_oid']).where('practice_id', '=', ctx.practiceId).where('id', '=', r.patient_id!).executeTakeFirstOrThrow();
    const sent = await deps.mssante.send({
      from: ctx.email,
      to: address,
      subject: r.subject,
      text,
      ins: patient.ins_matricule && patient.ins_oid ? { value: patient.ins_matricule, oid: patient.ins_oid } : null,
      attachments: [{ fileName: pdf.fileName, mimeType: 'application/pdf', bytes: pdf.bytes }],
    });
    simulated = deps.mssante.simulated;
    externalId = sent.messageId;
  }
  // Filed at once: what left the practice is in the patient's file.
  if (documentIds) {
    for (const documentId of documentIds) await tx.insertInto('correspondence_item_documents').values({ practice_id: ctx.practiceId, item_id: id, document_id: documentId }).execute();
  } else {
    await fileContents(tx, ctx, deps.keyring, { ...r, patient_id: r.patient_id });
  }
  await moveTo(tx, r, channel === 'post' ? 'posted' : 'sent', { channel, recipient_address: address, simulated, external_id: externalId, sent_by: ctx.accountId, sent_at: clock.now() });
  ctx.audit({ action: 'correspondence.letter_sent', resourceType: 'correspondence_item', resourceId: id, details: { patientId: r.patient_id, channel, simulated } });
}
