import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { clock } from '../platform/clock.js';
import { identityName } from '../platform/identity-display.js';
import { correspondentName, mergeFieldValues } from '../correspondence/index.js';
import type { ReportFilter, ReportSummary, ReportView } from './contract.js';
import { actorOf, conflict, refused, visibleReport, type ReportRow } from './access.js';
import { fieldsUsed, renderHtml, renderText, type RichDoc } from './richtext.js';
import { allowedActions, mayWriteFor, versionHash } from './rules.js';
import { REPORT_FIELDS, reportTemplateById, templateDoc } from './templates.js';
import { sourcesOf } from './from-draft.service.js';

/** Drafts of reports: created from a template, typed (the desk or the author), submitted to the author's queue. */
export interface Recipient {
  correspondentId: string;
  channel: 'email' | 'mssante' | 'post';
}

async function checkRecipients(tx: Tx, ctx: RequestContext, recipients: readonly Recipient[]): Promise<void> {
  const ids = [...new Set(recipients.map((r) => r.correspondentId))];
  if (!ids.length) return;
  const found = await tx.selectFrom('correspondents').select(['id', 'email', 'mssante']).where('practice_id', '=', ctx.practiceId).where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw refused('Un destinataire n’est pas dans le carnet d’adresses du cabinet.', 'A recipient is not in the practice’s address book.', 'recipients');
  for (const r of recipients) {
    const c = found.find((f) => f.id === r.correspondentId)!;
    if (r.channel === 'email' && !c.email) throw refused('Ce correspondant n’a pas d’adresse e-mail dans le carnet d’adresses.', 'This correspondent has no e-mail address.', 'recipients');
    if (r.channel === 'mssante' && !c.mssante) throw refused('Ce correspondant n’a pas d’adresse MSSanté dans le carnet d’adresses.', 'This correspondent has no MSSanté address.', 'recipients');
  }
}

/** Renders the body with the fields of the patient, the author and the first correspondent, and its version hash. */
async function rendered(tx: Tx, ctx: RequestContext, r: { kind: string; title: string; patientId: string; authorId: string; body: RichDoc; recipients: readonly Recipient[] }) {
  const unknown = fieldsUsed(r.body).filter((f) => !(REPORT_FIELDS as readonly string[]).includes(f));
  if (unknown.length) throw refused(`Champs de fusion inconnus : ${unknown.join(', ')}.`, `Unknown merge fields: ${unknown.join(', ')}.`, 'body');
  const { fields } = await mergeFieldValues(tx, ctx, { patientId: r.patientId, authorId: r.authorId, recipientId: r.recipients[0]?.correspondentId ?? null });
  const html = renderHtml(r.body, fields);
  const text = renderText(r.body, fields);
  return { fields, html, text, hash: versionHash({ kind: r.kind, title: r.title, html, patientId: r.patientId, authorId: r.authorId, recipients: r.recipients }) };
}

async function replaceRecipients(tx: Tx, ctx: RequestContext, reportId: string, recipients: readonly Recipient[]): Promise<void> {
  await tx.deleteFrom('report_recipients').where('practice_id', '=', ctx.practiceId).where('report_id', '=', reportId).execute();
  const unique = recipients.filter((r, i) => recipients.findIndex((o) => o.correspondentId === r.correspondentId && o.channel === r.channel) === i);
  if (unique.length) {
    await tx.insertInto('report_recipients').values(unique.map((r, position) => ({ practice_id: ctx.practiceId, report_id: reportId, correspondent_id: r.correspondentId, channel: r.channel, position }))).execute();
  }
}

/** A new draft from a template; `body`: another starting text than the template's (a consultation draft). */
export async function createReport(tx: Tx, ctx: RequestContext, n: { patientId: string; authorId: string; templateId: string; recipients: Recipient[] }, start?: { body: RichDoc; origin: string }): Promise<string> {
  const template = reportTemplateById(n.templateId);
  if (!template) throw refused('Modèle de compte rendu inconnu.', 'Unknown report template.', 'templateId');
  const actor = await actorOf(tx, ctx);
  if (!mayWriteFor(actor, n.authorId)) throw refused('Un praticien rédige ses propres comptes rendus.', 'A practitioner writes their own reports.', 'authorId');
  await checkRecipients(tx, ctx, n.recipients);
  const body = start?.body ?? templateDoc(template);
  const r = await rendered(tx, ctx, { kind: template.kind, title: template.title, patientId: n.patientId, authorId: n.authorId, body, recipients: n.recipients });
  const row = await tx
    .insertInto('reports')
    .values({
      practice_id: ctx.practiceId, patient_id: n.patientId, author_id: n.authorId, kind: template.kind, template_id: template.id, title: template.title,
      body_json: JSON.stringify(body), body_html: r.html, body_text: r.text, fields: JSON.stringify(r.fields), content_hash: r.hash,
      created_by: ctx.accountId, updated_by: ctx.accountId, created_at: clock.now(), updated_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceRecipients(tx, ctx, row.id, n.recipients);
  ctx.audit({ action: 'report.created', resourceType: 'report', resourceId: row.id, details: { patientId: n.patientId, templateId: template.id, ...(start ? { from: start.origin } : {}) } });
  return row.id;
}

export async function updateReport(tx: Tx, ctx: RequestContext, id: string, u: { title: string; body: RichDoc; recipients: Recipient[]; baseHash: string }): Promise<void> {
  const { row, actor } = await visibleReport(tx, ctx, id, true);
  if (!allowedActions(actor, stateOf(row)).includes('edit')) throw conflict('Ce compte rendu est validé : il ne change plus. Rédigez un avenant.', 'This report is validated: it no longer changes. Write an amendment.');
  if (u.baseHash !== row.content_hash) throw conflict('Ce compte rendu a été modifié entre-temps : rechargez-le avant d’enregistrer.', 'This report was changed in the meantime: reload it before saving.');
  await checkRecipients(tx, ctx, u.recipients);
  const r = await rendered(tx, ctx, { kind: row.kind, title: u.title, patientId: row.patient_id, authorId: row.author_id, body: u.body, recipients: u.recipients });
  await tx
    .updateTable('reports')
    .set({ title: u.title, body_json: JSON.stringify(u.body), body_html: r.html, body_text: r.text, fields: JSON.stringify(r.fields), content_hash: r.hash, updated_by: ctx.accountId, updated_at: clock.now() })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .execute();
  await replaceRecipients(tx, ctx, id, u.recipients);
  ctx.audit({ action: 'report.updated', resourceType: 'report', resourceId: id, details: { patientId: row.patient_id, hash: r.hash } });
}

export async function submitReport(tx: Tx, ctx: RequestContext, id: string): Promise<void> {
  const { row, actor } = await visibleReport(tx, ctx, id, true);
  if (!allowedActions(actor, stateOf(row)).includes('submit')) throw conflict('Ce compte rendu n’est pas un brouillon.', 'This report is not a draft.');
  await tx.updateTable('reports').set({ status: 'to_validate', submitted_by: ctx.accountId, submitted_at: clock.now() }).where('practice_id', '=', ctx.practiceId).where('id', '=', id).execute();
  ctx.audit({ action: 'report.submitted', resourceType: 'report', resourceId: id, details: { patientId: row.patient_id } });
}

export const stateOf = (row: ReportRow, amendedBy: string | null = null) => ({ status: row.status, authorId: row.author_id, amendedBy });

export async function listReports(tx: Tx, ctx: RequestContext, filter: ReportFilter, patientId: string | null, limit: number): Promise<ReportSummary[]> {
  const list = await summaries(tx, ctx, { filter, patientId, id: null, limit });
  ctx.audit({ action: 'report.listed', resourceType: 'report', details: { filter, patientId, count: list.length } });
  return list;
}

async function summaries(tx: Tx, ctx: RequestContext, o: { filter: ReportFilter; patientId: string | null; id: string | null; limit: number }): Promise<ReportSummary[]> {
  const { filter, patientId, id, limit } = o;
  const actor = await actorOf(tx, ctx);
  let q = tx
    .selectFrom('reports as r')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'r.patient_id').onRef('p.practice_id', '=', 'r.practice_id'))
    .innerJoin('practitioners as a', (j) => j.onRef('a.id', '=', 'r.author_id').onRef('a.practice_id', '=', 'r.practice_id'))
    .select(['r.id', 'r.kind', 'r.title', 'r.status', 'r.amends_id', 'r.created_at', 'r.submitted_at', 'r.validated_at', 'r.patient_id', 'p.birth_name', 'p.used_name', 'p.first_name', 'r.author_id', 'a.display_name'])
    .select(sql<string>`to_char(p.birth_date, 'YYYY-MM-DD')`.as('birth'))
    .select((eb) => eb.exists(eb.selectFrom('report_audio as au').select('au.id').whereRef('au.report_id', '=', 'r.id')).as('has_audio'))
    .where('r.practice_id', '=', ctx.practiceId);
  if (!actor.desk) q = q.where('r.author_id', '=', actor.practitionerId ?? '00000000-0000-0000-0000-000000000000');
  if (patientId) q = q.where('r.patient_id', '=', patientId);
  if (id) q = q.where('r.id', '=', id);
  if (filter === 'to_validate') q = q.where('r.status', '=', 'to_validate').orderBy('r.submitted_at', 'asc');
  else {
    if (filter === 'drafts') q = q.where('r.status', '=', 'draft');
    if (filter === 'validated') q = q.where('r.status', '=', 'validated');
    q = q.orderBy('r.created_at', 'desc');
  }
  const rows = await q.orderBy('r.id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, title: r.title, status: r.status, amendsId: r.amends_id, hasAudio: Boolean(r.has_audio),
    patient: { id: r.patient_id, name: identityName({ birthName: r.birth_name, usedName: r.used_name, firstName: r.first_name }, ctx.language), birthDate: r.birth },
    author: { id: r.author_id, name: r.display_name },
    createdAt: r.created_at.toISOString(), submittedAt: r.submitted_at?.toISOString() ?? null, validatedAt: r.validated_at?.toISOString() ?? null,
  }));
}

export async function reportView(tx: Tx, ctx: RequestContext, id: string): Promise<ReportView> {
  const { row, actor } = await visibleReport(tx, ctx, id);
  const [summary] = await summaries(tx, ctx, { filter: 'all', patientId: null, id, limit: 1 });
  const recipients = await tx
    .selectFrom('report_recipients as rr')
    .innerJoin('correspondents as c', (j) => j.onRef('c.id', '=', 'rr.correspondent_id').onRef('c.practice_id', '=', 'rr.practice_id'))
    .select(['rr.correspondent_id', 'rr.channel', 'rr.correspondence_item_id', 'c.title', 'c.name', 'c.first_name', 'c.email', 'c.mssante'])
    .where('rr.practice_id', '=', ctx.practiceId)
    .where('rr.report_id', '=', id)
    .orderBy('rr.position')
    .execute();
  const audio = await tx.selectFrom('report_audio').select(['file_name', 'mime_type', 'size_bytes', 'uploaded_at']).where('practice_id', '=', ctx.practiceId).where('report_id', '=', id).executeTakeFirst();
  const amendment = await tx.selectFrom('reports').select('id').where('practice_id', '=', ctx.practiceId).where('amends_id', '=', id).executeTakeFirst();
  const validator = row.validated_by ? await tx.selectFrom('accounts').select('display_name').where('id', '=', row.validated_by).executeTakeFirst() : undefined;
  return {
    ...summary!,
    templateId: row.template_id,
    body: row.body_json,
    html: row.body_html,
    text: row.body_text,
    fields: row.fields,
    contentHash: row.content_hash,
    recipients: recipients.map((r) => ({
      correspondentId: r.correspondent_id, name: correspondentName(r), channel: r.channel, itemId: r.correspondence_item_id,
      address: r.channel === 'email' ? r.email : r.channel === 'mssante' ? r.mssante : null,
    })),
    audio: audio ? { fileName: audio.file_name, mimeType: audio.mime_type, size: audio.size_bytes, uploadedAt: audio.uploaded_at.toISOString() } : null,
    validation: row.validated_at && row.validated_hash ? { by: validator?.display_name ?? '', at: row.validated_at.toISOString(), hash: row.validated_hash } : null,
    documentId: row.document_id,
    amendedById: amendment?.id ?? null,
    allowed: allowedActions(actor, stateOf(row, amendment?.id ?? null)),
    sources: await sourcesOf(tx, ctx, row),
  };
}
