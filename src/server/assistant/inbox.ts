import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import type { Urgency } from '../triage/index.js';
import { activeMemberRoles } from '../staff/index.js';
import type { RequestStatus } from './schema.js';
import { clock } from '../platform/clock.js';
import { identityNameOrNull } from '../platform/identity-display.js';
import { requestAlerts } from './alerts.service.js';
import { requestTasks } from './tasks.service.js';
import { ASSISTANT_MESSAGES as M } from './error-messages.js';

/**
 * The secretary's inbox: queries and actions on requests, always inside `ctx.practiceId`. Converting a request:
 * conversions.ts; alerts: alerts.service.ts; tasks: tasks.service.ts.
 */

export interface InboxFilters {
  status?: RequestStatus | 'open' | undefined;
  urgency?: Urgency | undefined;
  category?: string | undefined;
  /** An account id, `me`, or `none` (unassigned). */
  assignee?: string | undefined;
  patientId?: string | undefined;
  limit: number;
}

const patientName = identityNameOrNull;

function baseQuery(tx: Tx, practiceId: string) {
  return tx
    .selectFrom('inbox_requests as r')
    .innerJoin('conversations as c', (j) => j.onRef('c.practice_id', '=', 'r.practice_id').onRef('c.id', '=', 'r.conversation_id'))
    .leftJoin('patients as p', (j) => j.onRef('p.practice_id', '=', 'r.practice_id').onRef('p.id', '=', 'r.patient_id'))
    .leftJoin('accounts as a', 'a.id', 'r.assignee_id')
    .leftJoin('accounts as h', 'h.id', 'r.handled_by')
    .where('r.practice_id', '=', practiceId)
    .select([
      'r.id',
      'r.category',
      'r.urgency',
      'r.status',
      'r.summary',
      'r.reasons',
      'r.details',
      'r.outcome',
      'r.match_status',
      'r.match_method',
      'r.match_candidates',
      'r.patient_id',
      'r.assignee_id',
      'r.due_at',
      'r.created_at',
      'r.updated_at',
      'r.handled_at',
      'r.handled_by',
      'r.conversation_id',
      'c.channel',
      'p.birth_name',
      'p.used_name',
      'p.first_name',
      'p.birth_date',
      'a.display_name as assignee_name',
      'h.display_name as handled_by_name',
      sql<boolean>`EXISTS (SELECT 1 FROM assistant_alerts al WHERE al.practice_id = r.practice_id AND al.request_id = r.id AND al.acknowledged_at IS NULL)`.as('pending_alert'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export function toSummary(r: Row, now = clock.now()) {
  return {
    id: r.id,
    category: r.category,
    urgency: r.urgency,
    status: r.status,
    summary: r.summary,
    reasons: r.reasons as { code: string; label: string; evidence: string }[],
    channel: r.channel,
    conversationId: r.conversation_id,
    patient: r.patient_id ? { id: r.patient_id, name: patientName(r.birth_name, r.used_name, r.first_name) ?? '', birthDate: r.birth_date ?? '' } : null,
    matchStatus: r.match_status,
    matchMethod: r.match_method,
    candidateCount: (r.match_candidates as unknown[]).length,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    dueAt: new Date(r.due_at).toISOString(),
    overdue: r.status !== 'done' && new Date(r.due_at).getTime() < now.getTime(),
    pendingAlert: Boolean(r.pending_alert),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    handledAt: r.handled_at ? new Date(r.handled_at).toISOString() : null,
    handledBy: r.handled_by ? { id: r.handled_by, name: r.handled_by_name ?? '' } : null,
  };
}
export type RequestSummary = ReturnType<typeof toSummary>;

/** Open vital first, then open same-day, open routine, then handled; inside each, by due time. */
export async function listRequests(tx: Tx, ctx: Pick<RequestContext, 'practiceId' | 'accountId'>, f: InboxFilters): Promise<RequestSummary[]> {
  let q = baseQuery(tx, ctx.practiceId);
  if (f.status === 'open') q = q.where('r.status', '!=', 'done');
  else if (f.status) q = q.where('r.status', '=', f.status);
  if (f.urgency) q = q.where('r.urgency', '=', f.urgency);
  if (f.category) q = q.where('r.category', '=', f.category);
  if (f.assignee === 'me') q = q.where('r.assignee_id', '=', ctx.accountId);
  else if (f.assignee === 'none') q = q.where('r.assignee_id', 'is', null);
  else if (f.assignee) q = q.where('r.assignee_id', '=', f.assignee);
  if (f.patientId) q = q.where('r.patient_id', '=', f.patientId);
  const rows = await q.orderBy('r.rank').orderBy('r.due_at').orderBy('r.created_at').limit(f.limit).execute();
  const now = clock.now();
  return rows.map((r) => toSummary(r, now));
}

/** Counts of the open requests (numbers only, no patient data): the inbox header and the navigation badge. */
export async function inboxCounts(tx: Tx, practiceId: string) {
  return tx
    .selectFrom('inbox_requests')
    .where('practice_id', '=', practiceId)
    .where('status', '!=', 'done')
    .select([
      sql<number>`count(*)::int`.as('open'),
      sql<number>`count(*) FILTER (WHERE status = 'new')::int`.as('new'),
      sql<number>`count(*) FILTER (WHERE urgency = 'vital')::int`.as('vital'),
      sql<number>`count(*) FILTER (WHERE urgency = 'same_day')::int`.as('sameDay'),
      sql<number>`count(*) FILTER (WHERE match_status = 'to_match')::int`.as('toMatch'),
      sql<number>`count(*) FILTER (WHERE due_at < pivot_now())::int`.as('overdue'),
    ])
    .executeTakeFirstOrThrow();
}

/** The navigation badge, polled quietly: the inbox counts plus the unacknowledged vital alerts. */
export async function badgeCounts(tx: Tx, practiceId: string) {
  const counts = await inboxCounts(tx, practiceId);
  const alerts = await tx
    .selectFrom('assistant_alerts')
    .where('practice_id', '=', practiceId)
    .where('acknowledged_at', 'is', null)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return { open: counts.open, new: counts.new, vital: counts.vital, sameDay: counts.sameDay, pendingAlerts: alerts.n };
}

async function requestRow(tx: Tx, practiceId: string, id: string): Promise<Row> {
  const row = await baseQuery(tx, practiceId).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

export async function requestSummary(tx: Tx, practiceId: string, id: string): Promise<RequestSummary> {
  return toSummary(await requestRow(tx, practiceId, id));
}

export async function requestDetail(tx: Tx, practiceId: string, id: string) {
  const row = await requestRow(tx, practiceId, id);
  const conversation = await tx
    .selectFrom('conversations')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', row.conversation_id)
    .executeTakeFirstOrThrow();
  const messages = await tx
    .selectFrom('conversation_messages')
    .select(['id', 'direction', 'body', 'at', 'triage'])
    .where('practice_id', '=', practiceId)
    .where('conversation_id', '=', row.conversation_id)
    .orderBy('at')
    .orderBy('created_at')
    .limit(500)
    .execute();
  const alerts = await requestAlerts(tx, practiceId, id);
  const tasks = await requestTasks(tx, practiceId, id);
  return {
    request: {
      ...toSummary(row),
      details: row.details as Record<string, unknown>,
      candidates: row.match_candidates as { id: string; name: string; birthDate: string; via: string }[],
      outcome: (row.outcome ?? null) as Record<string, unknown> | null,
    },
    conversation: {
      id: conversation.id,
      channel: conversation.channel,
      address: conversation.external_address,
      language: conversation.language,
      patientId: conversation.patient_id,
      startedAt: new Date(conversation.started_at).toISOString(),
      lastActivityAt: new Date(conversation.last_activity_at).toISOString(),
      messages: messages.map((m) => {
        const t = m.triage as { intent?: string; urgency?: string; lang?: string; reasons?: unknown[] } | null;
        return {
          id: m.id,
          direction: m.direction,
          text: m.body,
          at: new Date(m.at).toISOString(),
          triage: t ? { intent: String(t.intent), urgency: String(t.urgency), lang: String(t.lang), reasons: (t.reasons ?? []) as { code: string; label: string; evidence: string }[] } : null,
        };
      }),
    },
    alerts,
    tasks,
  };
}

export async function ensureMember(tx: Tx, practiceId: string, accountId: string, roles?: readonly string[]): Promise<void> {
  const held = await activeMemberRoles(tx, practiceId, accountId);
  if (!held || (roles && !held.some((r) => roles.includes(r)))) {
    throw new AppError('unprocessable', [{ field: 'assigneeId', message: roles ? M.notAnActivePractitioner : M.notAnActiveMember }]);
  }
}

export async function lockRequest(tx: Tx, practiceId: string, id: string) {
  const row = await tx.selectFrom('inbox_requests').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

export async function assignRequest(tx: Tx, ctx: RequestContext, id: string, assigneeId: string | null): Promise<RequestSummary> {
  const before = await lockRequest(tx, ctx.practiceId, id);
  if (assigneeId) await ensureMember(tx, ctx.practiceId, assigneeId);
  await tx
    .updateTable('inbox_requests')
    .set({ assignee_id: assigneeId, status: before.status === 'new' && assigneeId ? 'in_progress' : before.status, updated_at: clock.now() })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .execute();
  ctx.audit({ action: 'assistant.request.assigned', resourceType: 'inbox_request', resourceId: id, details: { from: before.assignee_id, to: assigneeId } });
  return requestSummary(tx, ctx.practiceId, id);
}

export async function setRequestStatus(tx: Tx, ctx: RequestContext, id: string, status: RequestStatus): Promise<RequestSummary> {
  const before = await lockRequest(tx, ctx.practiceId, id);
  const done = status === 'done';
  await tx
    .updateTable('inbox_requests')
    .set({ status, handled_at: done ? clock.now() : null, handled_by: done ? ctx.accountId : null, updated_at: clock.now() })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .execute();
  if (done && before.status !== 'done') {
    // The request leaves the conversation: a new message will open a new request.
    await tx
      .updateTable('conversations')
      .set({ state: sql`state - 'openRequestId' - 'asked'` as unknown as string })
      .where('practice_id', '=', ctx.practiceId)
      .where('id', '=', before.conversation_id)
      .where(sql<boolean>`state->>'openRequestId' = ${id}`)
      .execute();
  }
  ctx.audit({ action: 'assistant.request.status_changed', resourceType: 'inbox_request', resourceId: id, details: { from: before.status, to: status } });
  return requestSummary(tx, ctx.practiceId, id);
}

export async function matchRequestPatient(tx: Tx, ctx: RequestContext, id: string, patientId: string | null): Promise<RequestSummary> {
  const before = await lockRequest(tx, ctx.practiceId, id);
  if (patientId) {
    const p = await tx.selectFrom('patients').select(['id', 'merged_into_id']).where('practice_id', '=', ctx.practiceId).where('id', '=', patientId).executeTakeFirst();
    if (!p) throw new AppError('not_found');
    if (p.merged_into_id) throw new AppError('unprocessable', [{ field: 'patientId', message: M.mergedRecord }]);
  }
  await tx
    .updateTable('inbox_requests')
    .set({ patient_id: patientId, match_status: patientId ? 'matched' : 'to_match', match_method: patientId ? 'manual' : null, updated_at: clock.now() })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .execute();
  ctx.audit({ action: 'assistant.request.patient_matched', resourceType: 'inbox_request', resourceId: id, details: { from: before.patient_id, to: patientId } });
  return requestSummary(tx, ctx.practiceId, id);
}
