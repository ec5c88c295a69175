import { z } from 'zod';
import { route, PRACTITIONERS, PRACTITIONERS_AND_SECRETARIES, SECRETARIES, idParams, patientRecordAudit, type RouteDef } from '../platform/http/route.js';
import { AppError, errorMessage, type Localized } from '../platform/http/errors.js';
import type { Keyring } from '../platform/security/keyring.js';
import { contentDisposition, readUpload } from '../documents/index.js';
import { ITEM_TYPES, itemView } from './contract.js';
import { fileItem } from './filing.service.js';
import { readFiles } from './files.service.js';
import { registerLabFile, registerMessage, registerScan } from './intake.service.js';
import { CORRESPONDENCE_MESSAGES as M } from './messages.js';
import { REGISTER_FILTERS, confirmPatient, itemView as viewOf, listItems, markRead, routeItem, unmatch, visibleItem } from './register.service.js';

const one = z.object({ item: itemView });
const seen = patientRecordAudit('correspondence_item', (r: { item: { patient: { id: string } | null } }) => r.item.patient?.id ?? null);

export interface RegisterDeps {
  keyring: Keyring;
  maxBytes: number;
}

/** The register: the desk registers, matches, routes and files; a practitioner reads what was routed to them. */
export function registerRoutes(deps: RegisterDeps): RouteDef[] {
  const uploadFields = z.object({
    type: z.enum(ITEM_TYPES).default('letter'),
    subject: z.string().trim().min(1).max(300),
    // The web form's « Expéditeur inconnu » option posts senderId="": no sender, not an invalid one.
    senderId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()),
    senderLabel: z.string().trim().max(300).optional(),
  });
  // Each invalid field gets its own sentence (details, as everywhere: { in, field, message: {fr, en} }); the
  // answer's message says all of them, since the form shows that one.
  const FIELD_MESSAGES: Record<keyof typeof uploadFields.shape, Localized> = {
    type: M.scanType, subject: M.scanSubject, senderId: M.scanSenderId, senderLabel: M.scanSenderLabel,
  };
  const badFields = (issues: z.core.$ZodIssue[]) => {
    const fields = [...new Set(issues.map((i) => String(i.path[0] ?? '')))];
    const details = fields.map((field) => ({ in: 'body', field: field || null, message: FIELD_MESSAGES[field as keyof typeof FIELD_MESSAGES] ?? { fr: errorMessage('validation_failed', 'fr'), en: errorMessage('validation_failed', 'en') } }));
    return new AppError('validation_failed', details, { fr: details.map((d) => d.message.fr).join(' '), en: details.map((d) => d.message.en).join(' ') });
  };
  return [
    route({
      method: 'GET',
      url: '/api/correspondence/items',
      summary: 'Registre du courrier, entrant et sortant (filtres : à rapprocher, à lire, les miens, envoyés)',
      tags: ['correspondence'],
      access: PRACTITIONERS_AND_SECRETARIES,
      query: z.object({ filter: z.enum(REGISTER_FILTERS).default('all'), limit: z.coerce.number().int().min(1).max(200).default(100) }),
      response: z.object({ items: z.array(itemView) }),
      audit: 'none', // listItems records correspondence.listed
      async handler({ ctx, tx, query }) {
        return { items: await listItems(tx, ctx, query.filter, query.limit) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/correspondence/items/:id',
      summary: 'Un courrier du registre, avec son texte (message, feuille de résultats)',
      tags: ['correspondence'],
      access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams,
      response: one,
      audit: seen('correspondence.item_read'),
      async handler({ ctx, tx, params }) {
        return { item: await viewOf(tx, ctx, deps.keyring, params.id) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/correspondence/items/:id/files/:fileId',
      summary: 'Une page ou pièce jointe d’un courrier, déchiffrée et vérifiée',
      tags: ['correspondence'],
      access: PRACTITIONERS_AND_SECRETARIES,
      params: z.object({ id: z.uuid(), fileId: z.uuid() }),
      raw: true,
      audit: 'none', // the handler records the read before the bytes leave
      async handler({ ctx, tx, params, reply }) {
        const item = await visibleItem(tx, ctx, params.id);
        const [file] = await readFiles(tx, deps.keyring, ctx.practiceId, params.id, params.fileId);
        if (!file) throw new AppError('not_found');
        ctx.audit({ action: 'correspondence.file_read', resourceType: 'correspondence_item', resourceId: params.id, details: { fileId: file.id, patientId: item.patient_id } });
        const inlinePdf = file.mimeType === 'application/pdf';
        ctx.afterCommit(async () => {
          reply
            .code(200)
            .headers({
              'cache-control': 'no-store',
              'x-content-type-options': 'nosniff',
              'cross-origin-resource-policy': 'same-origin',
              'referrer-policy': 'no-referrer',
              'content-type': file.mimeType.startsWith('text/') ? 'text/plain; charset=utf-8' : file.mimeType,
              'content-disposition': contentDisposition(file.kind === 'lab_source' ? 'attachment' : 'inline', file.fileName),
              'content-security-policy': `default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'${inlinePdf ? '' : '; sandbox'}`,
            })
            .send(file.bytes);
        });
        return undefined;
      },
    }),
    route({
      method: 'POST',
      url: '/api/correspondence/scans',
      summary: 'Enregistrer du courrier papier numérisé (multipart : un PDF de plusieurs pages ou plusieurs images ; subject, type, senderId)',
      tags: ['correspondence'],
      access: PRACTITIONERS_AND_SECRETARIES,
      status: 201,
      response: one,
      audit: 'none', // the service records correspondence.received
      async handler({ ctx, tx, req }) {
        const upload = await readUpload(req, deps.maxBytes, 20);
        const fields = uploadFields.safeParse(upload.fields);
        if (!fields.success) throw badFields(fields.error.issues);
        if (!upload.files.length || upload.files.some((f) => f.bytes.length === 0)) {
          throw new AppError('validation_failed', [{ in: 'body', field: 'file', message: { fr: 'Fichier manquant ou vide.', en: 'Missing or empty file.' } }], { fr: 'Joignez la numérisation (un PDF ou une image par page).', en: 'Attach the scan (a PDF, or one image per page).' });
        }
        const id = await registerScan(tx, ctx, deps.keyring, { type: fields.data.type, subject: fields.data.subject, senderId: fields.data.senderId ?? null, senderLabel: fields.data.senderLabel ?? null, files: upload.files });
        return { item: await viewOf(tx, ctx, deps.keyring, id) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/correspondence/lab-results',
      summary: 'Importer un fichier de résultats (HPRIM Santé, HPRIM médecin, HL7 ORU) : un courrier par patient, orienté vers le prescripteur',
      tags: ['correspondence'],
      access: SECRETARIES,
      status: 201,
      response: z.object({ items: z.array(itemView) }),
      audit: 'none', // the service records correspondence.received per report
      async handler({ ctx, tx, req }) {
        const upload = await readUpload(req, Math.min(deps.maxBytes, 5 * 1024 * 1024));
        if (!upload.file || upload.file.bytes.length === 0) {
          throw new AppError('validation_failed', [{ in: 'body', field: 'file', message: { fr: 'Fichier manquant.', en: 'Missing file.' } }], { fr: 'Joignez le fichier de résultats.', en: 'Attach the result file.' });
        }
        const ids = await registerLabFile(tx, ctx, deps.keyring, { fileName: upload.file.fileName, bytes: upload.file.bytes });
        return { items: await Promise.all(ids.map((id) => viewOf(tx, ctx, deps.keyring, id))) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/correspondence/mssante-simulator/incoming',
      summary: 'Simulateur MSSanté : déposer un message reçu (aucune messagerie réelle n’est reliée)',
      tags: ['correspondence'],
      access: SECRETARIES,
      status: 201,
      body: z.object({
        from: z.email().max(200),
        subject: z.string().trim().min(1).max(300),
        text: z.string().max(20000).default(''),
        ins: z.object({ value: z.string().regex(/^[0-9AB]{15}$/), oid: z.string().max(40) }).nullable().default(null),
      }),
      response: one,
      audit: 'none', // the service records correspondence.received (simulated: true)
      async handler({ ctx, tx, body }) {
        const id = await registerMessage(tx, ctx, deps.keyring, { channel: 'mssante', simulated: true, from: body.from, subject: body.subject, text: body.text, ins: body.ins, attachments: [] });
        return { item: await viewOf(tx, ctx, deps.keyring, id) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/correspondence/items/:id/patient',
      summary: 'Confirmer le patient d’un courrier (rien n’est classé sans cette confirmation) ou le remettre à rapprocher',
      tags: ['correspondence'],
      access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams,
      body: z.object({ patientId: z.uuid().nullable() }),
      response: one,
      audit: 'none', // the service records patient_confirmed / patient_unmatched
      async handler({ ctx, tx, params, body }) {
        if (body.patientId) await confirmPatient(tx, ctx, params.id, body.patientId);
        else await unmatch(tx, ctx, params.id);
        return { item: await viewOf(tx, ctx, deps.keyring, params.id) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/correspondence/items/:id/route',
      summary: 'Orienter un courrier vers le praticien qui doit le lire',
      tags: ['correspondence'],
      access: SECRETARIES,
      params: idParams,
      body: z.object({ practitionerId: z.uuid() }),
      response: one,
      audit: 'none', // the service records correspondence.routed
      async handler({ ctx, tx, params, body }) {
        await routeItem(tx, ctx, params.id, body.practitionerId);
        return { item: await viewOf(tx, ctx, deps.keyring, params.id) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/correspondence/items/:id/read',
      summary: 'Le praticien destinataire marque le courrier lu (ou non lu)',
      tags: ['correspondence'],
      access: PRACTITIONERS,
      params: idParams,
      body: z.object({ read: z.boolean() }),
      response: one,
      audit: 'none', // the service records correspondence.read / unread
      async handler({ ctx, tx, params, body }) {
        await markRead(tx, ctx, params.id, body.read);
        return { item: await viewOf(tx, ctx, deps.keyring, params.id) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/correspondence/items/:id/file',
      summary: 'Classer un courrier lu dans les documents du patient',
      tags: ['correspondence'],
      access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams,
      response: one,
      audit: 'none', // the service records correspondence.filed
      async handler({ ctx, tx, params }) {
        await fileItem(tx, ctx, deps.keyring, params.id);
        return { item: await viewOf(tx, ctx, deps.keyring, params.id) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/correspondence/practitioners',
      summary: 'Praticiens du cabinet vers qui orienter un courrier',
      tags: ['correspondence'],
      access: PRACTITIONERS_AND_SECRETARIES,
      response: z.object({ practitioners: z.array(z.object({ id: z.uuid(), name: z.string(), specialty: z.string(), own: z.boolean() })) }),
      audit: 'none', // staff names only
      async handler({ ctx, tx }) {
        const rows = await tx.selectFrom('practitioners').select(['id', 'display_name', 'specialty', 'account_id']).where('practice_id', '=', ctx.practiceId).where('active', '=', true).orderBy('display_name').execute();
        return { practitioners: rows.map((r) => ({ id: r.id, name: r.display_name, specialty: r.specialty, own: r.account_id === ctx.accountId })) };
      },
    }),
  ];
}
