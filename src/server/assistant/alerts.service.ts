import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { clock } from '../platform/clock.js';
import { identityNameOrNull } from '../platform/identity-display.js';

/** The assistant's alerts (vital messages): the list the desk watches and their acknowledgement. */

const patientName = identityNameOrNull;

function alertRows(tx: Tx, practiceId: string) {
  return tx
    .selectFrom('assistant_alerts as al')
    .innerJoin('inbox_requests as r', (j) => j.onRef('r.practice_id', '=', 'al.practice_id').onRef('r.id', '=', 'al.request_id'))
    .innerJoin('conversations as c', (j) => j.onRef('c.practice_id', '=', 'al.practice_id').onRef('c.id', '=', 'al.conversation_id'))
    .leftJoin('accounts as k', 'k.id', 'al.acknowledged_by')
    .leftJoin('patients as p', (j) => j.onRef('p.practice_id', '=', 'r.practice_id').onRef('p.id', '=', 'r.patient_id'))
    .where('al.practice_id', '=', practiceId)
    .select([
      'al.id',
      'al.request_id',
      'al.conversation_id',
      'al.reasons',
      'al.summary',
      'al.raised_at',
      'al.acknowledged_at',
      'al.acknowledged_by',
      'k.display_name as ack_name',
      'c.channel',
      'c.external_address',
      'r.status as request_status',
      'r.patient_id',
      'p.birth_name',
      'p.used_name',
      'p.first_name',
    ]);
}
type AlertRow = Awaited<ReturnType<ReturnType<typeof alertRows>['executeTakeFirstOrThrow']>>;

export function toAlert(a: AlertRow) {
  return {
    id: a.id,
    level: 'vital' as const,
    requestId: a.request_id,
    conversationId: a.conversation_id,
    channel: a.channel,
    contact: a.external_address,
    summary: a.summary,
    reasons: a.reasons as { code: string; label: string; evidence: string }[],
    raisedAt: new Date(a.raised_at).toISOString(),
    acknowledgedAt: a.acknowledged_at ? new Date(a.acknowledged_at).toISOString() : null,
    acknowledgedBy: a.acknowledged_by ? { id: a.acknowledged_by, name: a.ack_name ?? '' } : null,
    requestStatus: a.request_status,
    patient: a.patient_id ? { id: a.patient_id, name: patientName(a.birth_name, a.used_name, a.first_name) ?? '' } : null,
  };
}

export async function listAlerts(tx: Tx, practiceId: string, opts: { since?: Date | undefined; pending?: boolean | undefined; limit: number }) {
  let q = alertRows(tx, practiceId);
  if (opts.since) q = q.where('al.raised_at', '>', opts.since);
  if (opts.pending === true) q = q.where('al.acknowledged_at', 'is', null);
  if (opts.pending === false) q = q.where('al.acknowledged_at', 'is not', null);
  return (await q.orderBy('al.raised_at', 'desc').limit(opts.limit).execute()).map(toAlert);
}

export async function acknowledgeAlert(tx: Tx, ctx: RequestContext, id: string) {
  const row = await tx.selectFrom('assistant_alerts').select(['id', 'acknowledged_at']).where('practice_id', '=', ctx.practiceId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('not_found');
  if (!row.acknowledged_at) {
    await tx
      .updateTable('assistant_alerts')
      .set({ acknowledged_at: clock.now(), acknowledged_by: ctx.accountId })
      .where('practice_id', '=', ctx.practiceId)
      .where('id', '=', id)
      .execute();
  }
  return toAlert(await alertRows(tx, ctx.practiceId).where('al.id', '=', id).executeTakeFirstOrThrow());
}

/** A request's alerts, newest first (the request's detail). */
export async function requestAlerts(tx: Tx, practiceId: string, requestId: string) {
  return (await alertRows(tx, practiceId).where('al.request_id', '=', requestId).orderBy('al.raised_at', 'desc').execute()).map(toAlert);
}
