import { z } from 'zod';
import { route, fieldRoute, ADMINS_AND_PRACTITIONERS, STAFF, idParams, type RouteDef } from '../platform/http/route.js';
import { AppError, errorBody, pickLanguage } from '../platform/http/errors.js';
import type { Keyring } from '../platform/security/keyring.js';
import { checkDocumentContent, extensionsOf } from './content-type.js';
import { contentDisposition, sanitiseFileName, titleFromFileName, withExtension } from './file-name.js';
import { DOCUMENT_TYPES, documentSchema, uploadFields } from './contract.js';
import { archiveDocument, assertPatient, getDocument, listDocuments, readContent, storeDocument } from './service.js';
import { assertMultipart, documentMaxBytes, formatMegabytes, readUpload } from './upload.js';
import { DOCUMENT_MESSAGES as M } from './messages.js';

/**
 * Patient documents: upload (type checked by content, size limit, SHA-256), list, metadata, preview or
 * download (decrypted, checksum verified), archive with a reason. Every access is audited.
 */
export interface DocumentDeps {
  keyring: Keyring;
  /** Largest accepted file, in bytes (PIVOT_DOCUMENT_MAX_MB, 20 MB by default). */
  maxBytes?: number;
}

const TYPE_LIST_FR = 'id_document (pièce d’identité), health_insurance_card (carte Vitale / attestation), mutuelle_card (carte de mutuelle), referral_letter (lettre d’adressage), result (résultat), prescription (ordonnance), correspondence (courrier), other (autre)';

/** Previews run no script and load nothing. Chrome's PDF viewer does not start in a sandboxed document, hence no `sandbox` for inline PDFs. */
const CSP_SANDBOXED = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";
const CSP_PDF = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'; form-action 'none'; base-uri 'none'";

export function documentRoutes(deps: DocumentDeps): RouteDef[] {
  const maxBytes = deps.maxBytes ?? documentMaxBytes();
  return [
    route({
      method: 'POST',
      url: '/api/patients/:patientId/documents',
      summary: `Déposer un document du patient (multipart/form-data : file, type, title ; PDF, JPEG, PNG, WebP, HEIC/HEIF, TIFF ; ${formatMegabytes(maxBytes)} Mo au plus)`,
      tags: ['documents'],
      access: STAFF,
      status: 201,
      params: z.object({ patientId: z.uuid() }),
      response: z.object({ document: documentSchema }),
      audit: {
        action: 'document.uploaded',
        resourceType: 'document',
        resourceId: (_p, r) => r.document.id,
        details: (_p, r) => ({ patientId: r.document.patientId, type: r.document.type, mimeType: r.document.mimeType, size: r.document.size, sha256: r.document.sha256 }),
      },
      async handler({ ctx, tx, params, req }) {
        assertMultipart(req);
        await assertPatient(tx, ctx, params.patientId);
        const upload = await readUpload(req, maxBytes);

        const parsed = uploadFields.safeParse(upload.fields);
        if (!parsed.success) {
          throw new AppError(
            'validation_failed',
            parsed.error.issues.map((i) => ({ in: 'body', field: i.path.join('.') || null, message: i.message })),
            parsed.error.issues.some((i) => i.path[0] === 'type') ?
              { fr: `Choisissez le type du document : ${TYPE_LIST_FR}.`, en: `Choose the document type: ${DOCUMENT_TYPES.join(', ')}.` }
            : undefined,
          );
        }
        const file = upload.file;
        if (!file || file.fieldName !== 'file') {
          throw new AppError('validation_failed', [{ in: 'body', field: 'file', message: M.missingFile }], M.attachFile);
        }
        if (file.bytes.length === 0) {
          throw new AppError('validation_failed', [{ in: 'body', field: 'file', message: M.emptyFile }], M.emptyFileHint);
        }

        const fileName = sanitiseFileName(file.fileName);
        const check = await checkDocumentContent(file.bytes, { fileName, mimeType: file.mimeType });
        if (!check.ok) {
          const details = { field: 'file', reason: check.reason, declared: check.declared, detected: check.detected };
          throw new AppError(check.status === 415 ? 'unsupported_media_type' : 'unprocessable', details, check.message);
        }
        const named = withExtension(fileName, extensionsOf(check.mimeType));
        const document = await storeDocument(tx, ctx, deps.keyring, {
          patientId: params.patientId,
          type: parsed.data.type,
          title: parsed.data.title ?? titleFromFileName(named),
          fileName: named,
          mimeType: check.mimeType,
          bytes: file.bytes,
        });
        return { document };
      },
    }),
    route({
      method: 'GET',
      url: '/api/patients/:patientId/documents',
      summary: 'Documents du patient, les plus récents d’abord (archivés inclus avec ?archived=1)',
      tags: ['documents'],
      access: STAFF,
      params: z.object({ patientId: z.uuid() }),
      query: z.object({ archived: z.enum(['0', '1']).optional() }),
      response: z.object({ documents: z.array(documentSchema) }),
      audit: {
        action: 'document.listed',
        resourceType: 'patient',
        resourceId: (p) => p.patientId,
        details: (_p, r) => ({ count: r.documents.length }),
      },
      async handler({ ctx, tx, params, query }) {
        return { documents: await listDocuments(tx, ctx, params.patientId, query.archived === '1') };
      },
    }),
    route({
      method: 'GET',
      url: '/api/documents/:id',
      summary: 'Description d’un document (sans son contenu)',
      tags: ['documents'],
      access: STAFF,
      params: idParams,
      response: z.object({ document: documentSchema }),
      audit: { action: 'document.read', resourceType: 'document', resourceId: (p) => p.id, details: (_p, r) => ({ patientId: r.document.patientId }) },
      async handler({ ctx, tx, params }) {
        return { document: await getDocument(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/documents/:id/content',
      summary: 'Contenu du document, déchiffré et vérifié (aperçu dans le navigateur ; téléchargement avec ?download=1)',
      tags: ['documents'],
      access: STAFF,
      params: idParams,
      query: z.object({ download: z.enum(['0', '1']).optional() }),
      raw: true,
      audit: 'none', // the handler records the read, or the failed integrity check, with its outcome
      async handler({ ctx, tx, params, query, req, reply }) {
        const download = query.download === '1';
        const result = await readContent(tx, ctx, deps.keyring, params.id);
        const common = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin', 'referrer-policy': 'no-referrer' };
        if (!result.ok) {
          // Corrupted or tampered content is never served: the failure is recorded and the desk told.
          ctx.audit({ action: 'document.integrity_failed', resourceType: 'document', resourceId: params.id, details: { patientId: result.document.patientId, failure: result.failure } });
          req.log.error({ documentId: params.id, failure: result.failure }, 'document integrity check failed');
          const err = new AppError('internal', { reason: 'integrity_check_failed' }, {
            fr: "Ce document est endommagé : son contenu ne correspond plus à l'empreinte enregistrée au dépôt. Il n'a pas été affiché. Prévenez l'administrateur du cabinet.",
            en: 'This document is damaged: its content no longer matches the fingerprint recorded at upload. It was not shown. Tell the practice administrator.',
          });
          const body = errorBody(err, req.pivotLanguage ?? pickLanguage(undefined, req.headers['accept-language']));
          ctx.afterCommit(async () => {
            reply.code(err.status).headers(common).send(body);
          });
          return undefined;
        }
        const { document, bytes } = result;
        ctx.audit({
          action: 'document.content_read',
          resourceType: 'document',
          resourceId: document.id,
          details: { patientId: document.patientId, disposition: download ? 'attachment' : 'inline' },
        });
        // Sent once the audit entry is committed: no document leaves without its trace.
        ctx.afterCommit(async () => {
          reply
            .code(200)
            .headers({
              ...common,
              'content-type': document.mimeType,
              'content-length': String(bytes.length),
              'content-disposition': contentDisposition(download ? 'attachment' : 'inline', document.fileName),
              'content-security-policy': document.mimeType === 'application/pdf' && !download ? CSP_PDF : CSP_SANDBOXED,
              'x-document-sha256': document.sha256,
            })
            .send(bytes);
        });
        return undefined;
      },
    }),
    fieldRoute({
      url: '/api/documents/:id/archive', summary: 'Archiver un document (jamais supprimé), avec un motif',
      // Secretaries upload and read; taking a document out of the patient's file is a medical or administrative decision.
      tags: ['documents'], access: ADMINS_AND_PRACTITIONERS,
      field: ['reason', z.string().trim().min(3).max(500)], answer: ['document', documentSchema], set: archiveDocument, // records it with the reason
    }),
  ];
}
