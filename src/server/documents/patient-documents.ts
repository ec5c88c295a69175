import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { listDocuments, type DocumentView } from './service.js';

/** A patient's current documents (not archived), for the patient file (issue 12, item 5); the read is audited. */
export async function patientDocuments(tx: Tx, ctx: RequestContext, patientId: string): Promise<DocumentView[]> {
  const documents = await listDocuments(tx, ctx, patientId, false);
  ctx.audit({ action: 'document.listed', resourceType: 'patient', resourceId: patientId, details: { results: documents.length } });
  return documents;
}
