import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from '../platform/http/errors.js';
import { DOCUMENT_MESSAGES, atMostFiles, sendAtMostFiles } from './messages.js';

const M = { ...DOCUMENT_MESSAGES, atMostFiles, sendAtMostFiles };

// Parsed with the rest of the configuration; re-exported for the documents' own use.
export { DEFAULT_DOCUMENT_MAX_MB, documentMaxBytes } from '../platform/config.js';

export const formatMegabytes = (bytes: number) => {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(2).replace(/\.?0+$/, '');
};

export interface Upload {
  fields: Record<string, string>;
  file: UploadedFile | undefined;
  /** Every file of the form, in order (several only when the caller allows it: the pages of a scanned letter). */
  files: UploadedFile[];
}
export interface UploadedFile {
  fieldName: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', { field: 'file', maxBytes }, {
    fr: `Ce fichier dépasse la taille maximale de ${formatMegabytes(maxBytes)} Mo. Réduisez sa taille (numérisation en 150 ou 200 dpi, en niveaux de gris) ou découpez-le, puis réessayez.`,
    en: `This file exceeds the maximum size of ${formatMegabytes(maxBytes)} MB. Reduce its size (scan at 150 or 200 dpi, in greyscale) or split it, then retry.`,
  });

/** Uploads are `multipart/form-data`: anything else is a 415 that says what to send. */
export function assertMultipart(req: FastifyRequest): void {
  if (!req.isMultipart()) {
    throw new AppError('unsupported_media_type', { expected: 'multipart/form-data' }, {
      fr: 'Envoyez le fichier dans un formulaire multipart/form-data (champ « file », avec les champs « type » et « title »).',
      en: 'Send the file as multipart/form-data (field "file", with the fields "type" and "title").',
    });
  }
}

/**
 * Reads a `multipart/form-data` upload (one file, a few short fields) into memory, after the caller
 * was authenticated and authorised. Every malformed or oversized form is a clear 4xx.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number, maxFiles = 1): Promise<Upload> {
  assertMultipart(req);
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: maxFiles, fields: 10, fieldSize: 4096, parts: 11 + maxFiles } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        files.push({ fieldName: part.fieldname, fileName: part.filename ?? '', mimeType: part.mimetype ?? '', bytes });
      } else {
        if (part.valueTruncated || part.fieldnameTruncated) {
          throw new AppError('validation_failed', [{ in: 'body', field: part.fieldname, message: M.valueTooLong }]);
        }
        if (Object.hasOwn(fields, part.fieldname)) {
          throw new AppError('validation_failed', [{ in: 'body', field: part.fieldname, message: M.fieldTwice }]);
        }
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
      }
    }
  } catch (err) {
    throw uploadError(err, maxBytes, maxFiles);
  }
  if (files.length > maxFiles) throw uploadError({ code: 'FST_FILES_LIMIT' }, maxBytes, maxFiles);
  return { fields, file: files[0], files };
}

function uploadError(err: unknown, maxBytes: number, maxFiles = 1): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxBytes);
    case 'FST_FILES_LIMIT':
      if (maxFiles > 1) {
        return new AppError('validation_failed', [{ in: 'body', field: 'file', message: M.atMostFiles(maxFiles) }], M.sendAtMostFiles(maxFiles));
      }
      return new AppError('validation_failed', [{ in: 'body', field: 'file', message: M.oneFilePerUpload }], M.sendOneFile);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('validation_failed', [{ in: 'body', field: null, message: M.tooManyFields }]);
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new AppError('validation_failed', [{ in: 'body', field: null, message: M.invalidField }]);
  }
  // Busboy: missing boundary, malformed headers, truncated body.
  return new AppError('bad_request', undefined, M.unreadableForm);
}
