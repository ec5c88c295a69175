import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { clock } from '../platform/clock.js';
import { listCalls, type CallView } from './service.js';

/** A patient's calls in the phone log, latest first, for the patient file (issue 12, item 5); the read is audited. */
export async function patientCalls(tx: Tx, ctx: Pick<RequestContext, 'practiceId' | 'audit'>, patientId: string, limit = 30): Promise<CallView[]> {
  // Every call ever logged for the patient: the period is the whole log, up to now (calls are never in the future).
  const calls = await listCalls(tx, ctx.practiceId, { from: new Date(0), to: new Date(clock.nowMs() + 60_000), patientId, limit });
  ctx.audit({ action: 'phone_call.patient_listed', resourceType: 'patient', resourceId: patientId, details: { results: calls.length } });
  return calls;
}
