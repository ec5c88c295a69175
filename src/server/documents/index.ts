export { documentRoutes, type DocumentDeps } from './routes.js';
export { documentMaxBytes } from './upload.js';
export { patientDocuments } from './patient-documents.js';
