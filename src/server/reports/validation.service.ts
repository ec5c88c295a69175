import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { clock } from '../platform/clock.js';
import { bornWord, identityName } from '../platform/identity-display.js';
import { readContent, storeDocument } from '../documents/index.js';
import { addressLines, correspondentName, sendPreparedLetter, type LetterDeps } from '../correspondence/index.js';
import { conflict, refused, visibleReport, type ReportRow } from './access.js';
import { allowedActions, versionHash } from './rules.js';
import { renderReportPdf } from './pdf.js';
import { blocksOf, paragraphTexts } from './richtext.js';
import { REPORT_TEMPLATES, templateDoc } from './templates.js';
import { stateOf } from './reports.service.js';
import { copySources, refuseUnsourced } from './from-draft.service.js';

/**
 * Validation by the practitioner: bound to the version they read (its hash), recorded with who and when, then the
 * PDF is filed in the patient's documents and sent to the chosen correspondents through the register — all in one
 * transaction: a refused send (no SMTP, no MSSanté address) leaves the report unvalidated and nothing filed.
 */
const KIND_LABEL: Record<ReportRow['kind'], string> = {
  consultation_report: 'Compte rendu de consultation',
  referral_letter: 'Lettre d’adressage',
  ultrasound_report: 'Compte rendu d’échographie',
  operative_report: 'Compte rendu opératoire',
  dental_plan_letter: 'Plan de traitement dentaire',
};

async function pdfOf(tx: Tx, ctx: RequestContext, row: ReportRow, validation: { by: string; at: Date } | null): Promise<Buffer> {
  const practice = await tx.selectFrom('practices').select(['name', 'timezone']).where('id', '=', ctx.practiceId).executeTakeFirstOrThrow();
  const author = await tx.selectFrom('practitioners').select(['display_name', 'specialty', 'rpps']).where('practice_id', '=', ctx.practiceId).where('id', '=', row.author_id).executeTakeFirstOrThrow();
  const patient = await tx.selectFrom('patients').select(['birth_name', 'used_name', 'first_name', 'sex', sql<string>`to_char(birth_date, 'DD/MM/YYYY')`.as('birth')]).where('practice_id', '=', ctx.practiceId).where('id', '=', row.patient_id).executeTakeFirstOrThrow();
  const recipients = await tx
    .selectFrom('report_recipients as rr')
    .innerJoin('correspondents as c', (j) => j.onRef('c.id', '=', 'rr.correspondent_id').onRef('c.practice_id', '=', 'rr.practice_id'))
    .select(['c.title', 'c.name', 'c.first_name', 'c.addresses'])
    .where('rr.practice_id', '=', ctx.practiceId)
    .where('rr.report_id', '=', row.id)
    .orderBy('rr.position')
    .execute();
  const names = [...new Set(recipients.map((r) => correspondentName(r)))];
  const first = recipients[0];
  const when = (d: Date, f: string) => DateTime.fromJSDate(d).setZone(practice.timezone).setLocale('fr').toFormat(f);
  const amended = row.amends_id ? await tx.selectFrom('reports').select('validated_at').where('id', '=', row.amends_id).executeTakeFirst() : undefined;
  // The template's own paragraphs (the closing under the last heading) do not make a section « written ».
  const template = REPORT_TEMPLATES.find((t) => t.id === row.template_id);
  return renderReportPdf({
    practiceName: practice.name,
    author: { name: author.display_name, specialty: author.specialty, rpps: author.rpps },
    address: first ? (first.addresses[0] ? addressLines(correspondentName(first), first.addresses[0]) : [correspondentName(first)]) : null,
    placeDate: `Le ${row.fields['date.jour'] ?? when(clock.now(), 'd MMMM yyyy')}`,
    title: row.title,
    patientLine: `${KIND_LABEL[row.kind]} — ${identityName({ birthName: patient.birth_name, usedName: patient.used_name, firstName: patient.first_name })}, ${bornWord(patient.sex)} le ${patient.birth}`,
    copies: names.slice(1),
    amends: amended?.validated_at ? `Avenant au compte rendu validé le ${when(amended.validated_at, 'd MMMM yyyy à HH:mm')} : il le remplace.` : null,
    body: row.body_json,
    fields: row.fields,
    templateTexts: template ? paragraphTexts(blocksOf(templateDoc(template), row.fields)) : [],
    validation: validation ? { by: validation.by, at: when(validation.at, 'd MMMM yyyy à HH:mm'), hash: row.content_hash } : null,
    createdAt: validation?.at ?? clock.now(),
  });
}

/** The PDF as it stands: the filed one once validated, a draft (marked so) before. */
export async function reportPdf(tx: Tx, ctx: RequestContext, keyring: LetterDeps['keyring'], id: string): Promise<{ bytes: Buffer; fileName: string; patientId: string }> {
  const { row } = await visibleReport(tx, ctx, id);
  ctx.audit({ action: 'report.pdf_read', resourceType: 'report', resourceId: id, details: { patientId: row.patient_id, validated: row.status === 'validated' } });
  if (row.document_id) {
    const content = await readContent(tx, ctx, keyring, row.document_id);
    if (content.ok) return { bytes: content.bytes, fileName: content.document.fileName, patientId: row.patient_id };
  }
  return { bytes: await pdfOf(tx, ctx, row, null), fileName: 'brouillon.pdf', patientId: row.patient_id };
}

export async function validateReport(tx: Tx, ctx: RequestContext, deps: LetterDeps, id: string, seenHash: string): Promise<void> {
  const { row, actor } = await visibleReport(tx, ctx, id, true);
  if (row.status === 'validated') throw conflict('Ce compte rendu est déjà validé.', 'This report is already validated.');
  if (!allowedActions(actor, stateOf(row)).includes('validate')) throw refused('Seul le praticien auteur valide son compte rendu.', 'Only the authoring practitioner validates the report.');
  if (seenHash !== row.content_hash) throw conflict('Le compte rendu a changé depuis votre lecture : relisez la dernière version avant de la valider.', 'The report changed since you read it: read the latest version before validating.');
  await refuseUnsourced(tx, ctx, row);
  const now = clock.now();
  const me = await tx.selectFrom('accounts').select('display_name').where('id', '=', ctx.accountId).executeTakeFirstOrThrow();
  const pdf = await pdfOf(tx, ctx, row, { by: me.display_name, at: now });
  const day = DateTime.fromJSDate(now).toFormat('yyyy-MM-dd');
  const fileName = `${row.kind === 'referral_letter' ? 'adressage' : 'compte-rendu'}-${day}.pdf`;
  const doc = await storeDocument(tx, ctx, deps.keyring, {
    patientId: row.patient_id, type: row.kind === 'referral_letter' ? 'referral_letter' : 'correspondence', title: `${row.title}${row.amends_id ? ' (avenant)' : ''}`.slice(0, 200), fileName, mimeType: 'application/pdf', bytes: pdf,
  });
  await tx
    .updateTable('reports')
    .set((eb) => ({
      status: 'validated', validated_by: ctx.accountId, validated_at: now, validated_hash: row.content_hash, document_id: doc.id,
      submitted_by: eb.fn.coalesce('submitted_by', eb.val(ctx.accountId)), submitted_at: eb.fn.coalesce('submitted_at', eb.val(now)),
    }))
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .execute();
  const recipients = await tx.selectFrom('report_recipients').selectAll().where('practice_id', '=', ctx.practiceId).where('report_id', '=', id).orderBy('position').execute();
  for (const r of recipients) {
    const itemId = await sendPreparedLetter(tx, ctx, deps, {
      patientId: row.patient_id, authorId: row.author_id, recipientId: r.correspondent_id, type: row.kind === 'referral_letter' ? 'referral' : 'letter',
      subject: row.title, pdf, fileName, channel: r.channel, documentIds: [doc.id],
    });
    await tx.updateTable('report_recipients').set({ correspondence_item_id: itemId }).where('report_id', '=', id).where('correspondent_id', '=', r.correspondent_id).where('channel', '=', r.channel).execute();
  }
  ctx.audit({ action: 'report.validated', resourceType: 'report', resourceId: id, details: { patientId: row.patient_id, hash: row.content_hash, documentId: doc.id, sent: recipients.length } });
}

/** A change to a validated report: a new draft that amends it, with the same patient, author, body and recipients. */
export async function amendReport(tx: Tx, ctx: RequestContext, id: string): Promise<string> {
  const { row, actor } = await visibleReport(tx, ctx, id, true);
  const amendment = await tx.selectFrom('reports').select('id').where('practice_id', '=', ctx.practiceId).where('amends_id', '=', id).executeTakeFirst();
  if (!allowedActions(actor, stateOf(row, amendment?.id ?? null)).includes('amend')) {
    throw conflict(row.status !== 'validated' ? 'Seul un compte rendu validé se corrige par un avenant : modifiez le brouillon.' : 'Ce compte rendu a déjà un avenant : corrigez le dernier.', row.status !== 'validated' ? 'Only a validated report is amended: edit the draft.' : 'This report already has an amendment: amend the latest one.');
  }
  const recipients = await tx.selectFrom('report_recipients').select(['correspondent_id', 'channel', 'position']).where('practice_id', '=', ctx.practiceId).where('report_id', '=', id).orderBy('position').execute();
  const hash = versionHash({ kind: row.kind, title: row.title, html: row.body_html, patientId: row.patient_id, authorId: row.author_id, recipients: recipients.map((r) => ({ correspondentId: r.correspondent_id, channel: r.channel })) });
  const created = await tx
    .insertInto('reports')
    .values({
      practice_id: ctx.practiceId, patient_id: row.patient_id, author_id: row.author_id, kind: row.kind, template_id: row.template_id, title: row.title,
      body_json: JSON.stringify(row.body_json), body_html: row.body_html, body_text: row.body_text, fields: JSON.stringify(row.fields), content_hash: hash,
      amends_id: id, created_by: ctx.accountId, updated_by: ctx.accountId, created_at: clock.now(), updated_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (recipients.length) {
    await tx.insertInto('report_recipients').values(recipients.map((r) => ({ practice_id: ctx.practiceId, report_id: created.id, correspondent_id: r.correspondent_id, channel: r.channel, position: r.position }))).execute();
  }
  await copySources(tx, ctx, id, created.id);
  ctx.audit({ action: 'report.amended', resourceType: 'report', resourceId: created.id, details: { patientId: row.patient_id, amends: id } });
  return created.id;
}
