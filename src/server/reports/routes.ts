import { z } from 'zod';
import { route, PRACTITIONERS, PRACTITIONERS_AND_SECRETARIES, idParams, patientRecordAudit, type RouteDef } from '../platform/http/route.js';
import { AppError } from '../platform/http/errors.js';
import { contentDisposition, readUpload } from '../documents/index.js';
import type { LetterDeps } from '../correspondence/index.js';
import { REPORT_FIELDS, templateDoc, templatesFor } from './templates.js';
import { REPORT_FILTERS, fromDraftInput, newReportInput, reportSummary, reportTemplate, reportUpdateInput, reportView } from './contract.js';
import { refused, visibleReport } from './access.js';
import { createReport, listReports, reportView as viewOf, submitReport, updateReport } from './reports.service.js';
import { amendReport, reportPdf, validateReport } from './validation.service.js';
import { readAudio, storeAudio } from './audio.service.js';
import { reportFromDraft } from './from-draft.service.js';
import type { SpeechToText } from './speech.js';

export interface ReportDeps extends LetterDeps {
  maxBytes: number;
  /** Optional speech-to-text engine (PIVOT_SPEECH_URL); null: typing from the audio is the path. */
  speech: SpeechToText | null;
}

const one = z.object({ report: reportView });
const seen = patientRecordAudit('report', (r: { report: { patient: { id: string } } }) => r.report.patient.id);

function sendBytes(reply: import('fastify').FastifyReply, bytes: Buffer, mimeType: string, fileName: string) {
  reply
    .code(200)
    .headers({
      'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin', 'referrer-policy': 'no-referrer',
      'content-type': mimeType, 'content-disposition': contentDisposition('inline', fileName),
      'content-security-policy': "default-src 'none'; frame-ancestors 'self'",
    })
    .send(bytes);
}

/** The desk types, the author validates (docs/reports.md). */
export function reportRoutes(deps: ReportDeps): RouteDef[] {
  return [
    route({
      method: 'GET', url: '/api/reports/templates', summary: 'Modèles de comptes rendus par spécialité et champs de fusion', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES,
      query: z.object({ authorId: z.uuid().optional() }),
      response: z.object({
        templates: z.array(reportTemplate),
        fields: z.array(z.string()),
        speech: z.string().nullable(),
      }),
      audit: 'none', // no patient data
      async handler({ ctx, tx, query }) {
        const author = query.authorId ? await tx.selectFrom('practitioners').select('specialty').where('practice_id', '=', ctx.practiceId).where('id', '=', query.authorId).executeTakeFirst() : undefined;
        return { templates: templatesFor(author?.specialty ?? null).map((t) => ({ ...t, body: templateDoc(t) })), fields: [...REPORT_FIELDS], speech: deps.speech?.label ?? null };
      },
    }),
    route({
      method: 'GET', url: '/api/reports', summary: 'Comptes rendus (file « À valider » du praticien, la plus ancienne d’abord ; brouillons ; validés)', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES,
      query: z.object({ filter: z.enum(REPORT_FILTERS).default('all'), patientId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(100) }),
      response: z.object({ reports: z.array(reportSummary) }),
      audit: 'none', // listReports records report.listed
      async handler({ ctx, tx, query }) {
        return { reports: await listReports(tx, ctx, query.filter, query.patientId ?? null, query.limit) };
      },
    }),
    route({
      method: 'POST', url: '/api/reports', summary: 'Nouveau compte rendu à partir d’un modèle (brouillon)', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES, status: 201,
      body: newReportInput, response: one,
      audit: 'none', // the service records report.created
      async handler({ ctx, tx, body }) {
        const id = await createReport(tx, ctx, body);
        return { report: await viewOf(tx, ctx, id) };
      },
    }),
    route({
      method: 'POST', url: '/api/reports/from-draft', summary: 'Compte rendu (brouillon) depuis un brouillon de consultation : chaque phrase garde sa source ; une phrase sans source bloque la validation tant qu’elle n’est pas reformulée', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES, status: 201,
      body: fromDraftInput, response: one, bodyLimit: 512 * 1024,
      audit: 'none', // the service records report.created (from: consultation_draft)
      async handler({ ctx, tx, body }) {
        const id = await reportFromDraft(tx, ctx, body);
        return { report: await viewOf(tx, ctx, id) };
      },
    }),
    route({
      method: 'GET', url: '/api/reports/:id', summary: 'Un compte rendu, son texte et ce que la personne connectée peut en faire', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams, response: one, audit: seen('report.read'),
      async handler({ ctx, tx, params }) {
        return { report: await viewOf(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'PUT', url: '/api/reports/:id', summary: 'Enregistrer la frappe d’un brouillon (titre, texte, destinataires)', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams, body: reportUpdateInput, response: one, bodyLimit: 1024 * 1024,
      audit: 'none', // the service records report.updated
      async handler({ ctx, tx, params, body }) {
        await updateReport(tx, ctx, params.id, body);
        return { report: await viewOf(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'POST', url: '/api/reports/:id/submit', summary: 'Soumettre le compte rendu à la validation de son auteur', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams, response: one, audit: 'none', // the service records report.submitted
      async handler({ ctx, tx, params }) {
        await submitReport(tx, ctx, params.id);
        return { report: await viewOf(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'POST', url: '/api/reports/:id/validate', summary: 'Validation par le praticien auteur de la version lue : PDF classé au dossier et envoyé aux correspondants', tags: ['reports'],
      access: PRACTITIONERS,
      params: idParams, body: z.object({ versionHash: z.string().regex(/^[0-9a-f]{64}$/) }), response: one,
      audit: 'none', // the service records report.validated (and the register its letters)
      async handler({ ctx, tx, params, body }) {
        await validateReport(tx, ctx, deps, params.id, body.versionHash);
        return { report: await viewOf(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'POST', url: '/api/reports/:id/amend', summary: 'Rédiger un avenant à un compte rendu validé (nouveau brouillon, validé à son tour)', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES, status: 201,
      params: idParams, response: one, audit: 'none', // the service records report.amended
      async handler({ ctx, tx, params }) {
        const id = await amendReport(tx, ctx, params.id);
        return { report: await viewOf(tx, ctx, id) };
      },
    }),
    route({
      method: 'GET', url: '/api/reports/:id/pdf', summary: 'Le PDF du compte rendu (celui classé au dossier une fois validé, un brouillon avant)', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams, raw: true, audit: 'none', // the service records report.pdf_read before the bytes leave
      async handler({ ctx, tx, params, reply }) {
        const pdf = await reportPdf(tx, ctx, deps.keyring, params.id);
        ctx.afterCommit(async () => sendBytes(reply, pdf.bytes, 'application/pdf', pdf.fileName));
        return undefined;
      },
    }),
    route({
      method: 'POST', url: '/api/reports/:id/audio', summary: 'Déposer la dictée (multipart, champ « file » : WAV, WebM, Ogg, MP3, M4A)', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams, response: one, audit: 'none', // the service records report.audio_uploaded
      async handler({ ctx, tx, params, req }) {
        await visibleReport(tx, ctx, params.id); // a foreign id is a 404 before the upload is read
        const upload = await readUpload(req, deps.maxBytes);
        if (!upload.file || upload.file.bytes.length === 0) {
          throw new AppError('validation_failed', [{ in: 'body', field: 'file', message: { fr: 'Fichier manquant ou vide.', en: 'Missing or empty file.' } }], { fr: 'Joignez l’enregistrement de la dictée.', en: 'Attach the dictation recording.' });
        }
        await storeAudio(tx, ctx, deps.keyring, params.id, upload.file);
        return { report: await viewOf(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'GET', url: '/api/reports/:id/audio', summary: 'Écouter la dictée', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams, raw: true, audit: 'none', // the service records report.audio_read before the bytes leave
      async handler({ ctx, tx, params, reply }) {
        const audio = await readAudio(tx, ctx, deps.keyring, params.id);
        ctx.afterCommit(async () => sendBytes(reply, audio.bytes, audio.mimeType, audio.fileName));
        return undefined;
      },
    }),
    route({
      method: 'POST', url: '/api/reports/:id/transcribe', summary: 'Transcrire la dictée par le moteur de reconnaissance vocale du cabinet (si configuré)', tags: ['reports'], access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams, response: z.object({ text: z.string() }), audit: 'none', // the handler records report.transcribed
      async handler({ ctx, tx, params }) {
        const { row } = await visibleReport(tx, ctx, params.id); // a foreign id is a 404 whatever the configuration
        if (!deps.speech) throw refused('Aucun moteur de reconnaissance vocale n’est configuré (PIVOT_SPEECH_URL) : saisissez le texte en écoutant la dictée.', 'No speech engine is configured (PIVOT_SPEECH_URL): type the text while listening.');
        const audio = await readAudio(tx, ctx, deps.keyring, params.id);
        let text: string;
        try {
          text = (await deps.speech.transcribe(audio.bytes, audio.mimeType)).text;
        } catch {
          throw new AppError('unprocessable', [{ field: null, message: 'transcription impossible' }], { fr: 'Le moteur de reconnaissance vocale n’a pas répondu : saisissez le texte en écoutant la dictée.', en: 'The speech engine did not answer: type the text while listening.' });
        }
        ctx.audit({ action: 'report.transcribed', resourceType: 'report', resourceId: params.id, details: { patientId: row.patient_id, characters: text.length } });
        return { text };
      },
    }),
  ];
}
