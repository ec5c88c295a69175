import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { listRequests, type RequestSummary } from './inbox.js';

/** A patient's requests to the assistant's inbox, for the patient file (issue 12, item 5); the read is audited. */
export async function patientRequests(tx: Tx, ctx: Pick<RequestContext, 'practiceId' | 'accountId' | 'audit'>, patientId: string, limit = 30): Promise<RequestSummary[]> {
  const requests = await listRequests(tx, ctx, { patientId, limit });
  ctx.audit({ action: 'assistant.requests.patient_listed', resourceType: 'patient', resourceId: patientId, details: { results: requests.length } });
  return requests;
}
