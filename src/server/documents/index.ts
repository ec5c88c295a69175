export { documentRoutes, type DocumentDeps } from './routes.js';
export { documentMaxBytes, readUpload, assertMultipart, type UploadedFile } from './upload.js';
// The storage other capabilities file into (the correspondence register): one encryption, one content check.
export { storeDocument, readContent, assertPatient, type DocumentView, type NewDocument } from './service.js';
export { sealContent, openContent, sha256Hex, type SealedContent } from './sealing.js';
export { checkDocumentContent, extensionsOf } from './content-type.js';
export { sanitiseFileName, withExtension, titleFromFileName, contentDisposition } from './file-name.js';
export { DOCUMENT_TYPES, DOCUMENT_MIME_TYPES, type DocumentType, type DocumentMimeType } from './schema.js';
export { patientDocuments } from './patient-documents.js';

import type { Capability } from '../platform/capability.js';
import { documentRoutes } from './routes.js';

export const documentsCapability: Capability = {
  name: 'documents',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => ({ routes: documentRoutes({ keyring: d.keyring, maxBytes: d.config.documentMaxBytes }) }),
};
