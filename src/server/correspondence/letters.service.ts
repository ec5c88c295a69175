import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import type { Keyring } from '../platform/security/keyring.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { clock } from '../platform/clock.js';
import { identityName } from '../platform/identity-display.js';
import { renderPdf } from '../platform/pdf/pdf.js';
import type { SendChannel } from './contract.js';
import { correspondentName } from './correspondents.service.js';
import { fileContents } from './filing.service.js';
import { readFiles, storeFiles } from './files.service.js';
import { moveTo, visibleItem } from './register.service.js';
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

const longDate = (d: Date, zone: string) => DateTime.fromJSDate(d).setZone(zone).setLocale('fr').toFormat('d MMMM yyyy');

async function letterData(tx: Tx, s: Scope, n: NewLetter) {
  const practice = await tx.selectFrom('practices').select(['name', 'timezone']).where('id', '=', s.practiceId).executeTakeFirstOrThrow();
  const patient = await tx
    .selectFrom('patients')
    .select(['id', 'birth_name', 'used_name', 'first_name', 'sex', sql<string>`to_char(birth_date, 'DD/MM/YYYY')`.as('birth')])
    .where('practice_id', '=', s.practiceId)
    .where('id', '=', n.patientId)
    .executeTakeFirst();
  if (!patient) throw refused('Ce patient n’existe pas dans ce cabinet.', 'This patient does not exist in this practice.', 'patientId');
  const author = await tx.selectFrom('practitioners').select(['id', 'display_name', 'specialty', 'rpps']).where('practice_id', '=', s.practiceId).where('id', '=', n.authorId).where('active', '=', true).executeTakeFirst();
  if (!author) throw refused('Ce praticien n’exerce pas dans ce cabinet.', 'This practitioner does not work in this practice.', 'authorId');
  const recipient = await tx.selectFrom('correspondents').selectAll().where('practice_id', '=', s.practiceId).where('id', '=', n.recipientId).executeTakeFirst();
  if (!recipient) throw refused('Ce correspondant n’est pas dans le carnet d’adresses.', 'This correspondent is not in the address book.', 'recipientId');
  return { practice, patient, author, recipient };
}

export async function createLetter(tx: Tx, ctx: RequestContext, keyring: Keyring, n: NewLetter): Promise<string> {
  const template = templateById(n.templateId);
  if (!template) throw refused('Modèle de courrier inconnu.', 'Unknown letter template.', 'templateId');
  // A practitioner writes in their own name; the desk types for any practitioner of the practice.
  const own = await practitionerOf(tx, ctx);
  if (!ctx.roles.includes('secretary') && own !== n.authorId) throw refused('Un praticien signe ses propres courriers.', 'A practitioner signs their own letters.', 'authorId');
  const { practice, patient, author, recipient } = await letterData(tx, ctx, n);
  const now = clock.now();
  const fields: Record<string, string> = {
    'patient.nom': identityName({ birthName: patient.birth_name, usedName: patient.used_name, firstName: patient.first_name }),
    'patient.prenom': patient.first_name,
    'patient.nom_naissance': patient.birth_name.toLocaleUpperCase('fr-FR'),
    'patient.civilite': patient.sex === 'F' ? 'Madame' : patient.sex === 'M' ? 'Monsieur' : 'Madame, Monsieur',
    'patient.date_naissance': patient.birth,
    'praticien.nom': author.display_name,
    'praticien.specialite': author.specialty,
    'praticien.rpps': author.rpps ?? '',
    'correspondant.nom': correspondentName(recipient),
    'correspondant.formule': recipient.kind === 'practitioner' ? 'Cher confrère, chère consœur' : 'Madame, Monsieur',
    'date.jour': longDate(now, practice.timezone),
    'cabinet.nom': practice.name,
    texte: n.freeText.trim(),
  };
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
  await fileContents(tx, ctx, deps.keyring, { ...r, patient_id: r.patient_id });
  await moveTo(tx, r, channel === 'post' ? 'posted' : 'sent', { channel, recipient_address: address, simulated, external_id: externalId, sent_by: ctx.accountId, sent_at: clock.now() });
  ctx.audit({ action: 'correspondence.letter_sent', resourceType: 'correspondence_item', resourceId: id, details: { patientId: r.patient_id, channel, simulated } });
}
