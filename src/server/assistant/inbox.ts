import { sql } from 'kysely';
import { z } from 'zod';
import { bookAppointment } from '../agenda/index.js';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import type { Urgency } from '../triage/index.js';
import type { RequestStatus } from './schema.js';
import { clock } from '../platform/clock.js';
import { identityNameOrNull } from '../platform/identity-display.js';

/** The secretary's inbox: queries and actions on requests, alerts and tasks, always inside `ctx.practiceId`. */

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
  const alerts = await alertRows(tx, practiceId).where('al.request_id', '=', id).orderBy('al.raised_at', 'desc').execute();
  const tasks = await taskRows(tx, practiceId).where('t.request_id', '=', id).orderBy('t.created_at').execute();
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
    alerts: alerts.map(toAlert),
    tasks: tasks.map(toTask),
  };
}

async function ensureMember(tx: Tx, practiceId: string, accountId: string, roles?: readonly string[]): Promise<void> {
  const m = await tx
    .selectFrom('memberships')
    .select(['roles'])
    .where('practice_id', '=', practiceId)
    .where('account_id', '=', accountId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!m || (roles && !m.roles.some((r) => roles.includes(r)))) {
    throw new AppError('unprocessable', [{ field: 'assigneeId', message: roles ? 'Ce compte n’est pas un praticien actif du cabinet.' : 'Ce compte n’est pas un membre actif du cabinet.' }]);
  }
}

async function lockRequest(tx: Tx, practiceId: string, id: string) {
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
    if (p.merged_into_id) throw new AppError('unprocessable', [{ field: 'patientId', message: 'Ce dossier a été fusionné : choisissez le dossier conservé.' }]);
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

/**
 * Turning a request into something actionable. `task` and `practitioner_message` exist now; `appointment` is the
 * extension point for the agenda: register a converter with `registerConversion('appointment', …)`.
 */
export type ConversionKind = 'task' | 'practitioner_message' | 'appointment';
export interface ConversionInput {
  kind: ConversionKind;
  assigneeId?: string | undefined;
  text?: string | undefined;
  dueAt?: Date | undefined;
  /** Free payload for converters added later (e.g. the appointment slot). */
  payload?: Record<string, unknown> | undefined;
}
export type Converter = (
  tx: Tx,
  ctx: RequestContext,
  request: { id: string; patient_id: string | null; summary: string; due_at: Date },
  input: ConversionInput,
) => Promise<{ kind: ConversionKind; id: string }>;

const converters = new Map<ConversionKind, Converter>();
export function registerConversion(kind: ConversionKind, fn: Converter): void {
  converters.set(kind, fn);
}

/** What the desk's booking dialog sends with `kind: 'appointment'` (the slot it picked, or a typed time). */
export const appointmentPayload = z.object({
  practitionerId: z.uuid(),
  start: z.iso.datetime({ offset: true }),
  motifId: z.uuid().nullable().optional(),
  /** When the request is not matched yet: the patient chosen in the dialog (the request is matched to it too). */
  patientId: z.uuid().optional(),
  overrideReason: z.string().trim().min(1).max(300).optional(),
});

/** One click from the inbox: books through the agenda (channel desk, same checks and database guard as the agenda). */
const appointmentConverter: Converter = async (tx, ctx, request, input) => {
  const parsed = appointmentPayload.safeParse(input.payload ?? {});
  if (!parsed.success) {
    throw new AppError('validation_failed', parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'payload', message: 'Choisissez un praticien et un créneau.' })));
  }
  const p = parsed.data;
  const patientId = p.patientId ?? request.patient_id;
  if (!patientId) throw new AppError('unprocessable', [{ field: 'patientId', message: 'Rattachez d’abord la demande à un patient (ou choisissez-le).' }]);
  if (p.patientId && p.patientId !== request.patient_id) {
    const found = await tx.selectFrom('patients').select(['id', 'merged_into_id']).where('practice_id', '=', ctx.practiceId).where('id', '=', p.patientId).executeTakeFirst();
    if (!found) throw new AppError('not_found');
    if (found.merged_into_id) throw new AppError('unprocessable', [{ field: 'patientId', message: 'Ce dossier a été fusionné : choisissez le dossier conservé.' }]);
    await tx.updateTable('inbox_requests').set({ patient_id: p.patientId, match_status: 'matched', match_method: 'manual', updated_at: clock.now() }).where('practice_id', '=', ctx.practiceId).where('id', '=', request.id).execute();
  }
  const appt = await bookAppointment(tx, ctx, {
    practitionerId: p.practitionerId,
    patientId,
    motifId: p.motifId ?? null,
    start: new Date(p.start),
    channel: 'desk',
    overrideReason: p.overrideReason ?? null,
    note: `Demande reçue par l’assistant : ${request.summary}`.slice(0, 500),
  });
  return { kind: 'appointment', id: appt.id };
};

const taskConverter: Converter = async (tx, ctx, request, input) => {
  if (!input.assigneeId) throw new AppError('validation_failed', [{ field: 'assigneeId', message: 'Choisissez la personne destinataire.' }]);
  await ensureMember(tx, ctx.practiceId, input.assigneeId, input.kind === 'practitioner_message' ? ['practitioner'] : undefined);
  const task = await tx
    .insertInto('tasks')
    .values({
      practice_id: ctx.practiceId,
      kind: input.kind === 'practitioner_message' ? 'practitioner_message' : 'task',
      assignee_id: input.assigneeId,
      text: (input.text?.trim() || request.summary).slice(0, 4000),
      due_at: input.dueAt ?? request.due_at,
      request_id: request.id,
      patient_id: request.patient_id,
      created_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { kind: input.kind, id: task.id };
};
registerConversion('task', taskConverter);
registerConversion('practitioner_message', taskConverter);
registerConversion('appointment', appointmentConverter);

export async function convertRequest(tx: Tx, ctx: RequestContext, id: string, input: ConversionInput) {
  const request = await lockRequest(tx, ctx.practiceId, id);
  const converter = converters.get(input.kind);
  if (!converter) {
    throw new AppError('unprocessable', [{ field: 'kind', message: 'La prise de rendez-vous depuis la boîte de réception arrivera avec l’agenda.' }], {
      fr: 'La conversion en rendez-vous sera disponible avec l’agenda.',
      en: 'Turning a request into an appointment will be available with the agenda.',
    });
  }
  const result = await converter(tx, ctx, { id: request.id, patient_id: request.patient_id, summary: request.summary, due_at: new Date(request.due_at) }, input);
  const now = clock.now();
  await tx
    .updateTable('inbox_requests')
    .set({ status: 'done', handled_at: now, handled_by: ctx.accountId, outcome: JSON.stringify({ kind: result.kind, id: result.id }), updated_at: now })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .execute();
  await tx
    .updateTable('conversations')
    .set({ state: sql`state - 'openRequestId' - 'asked'` as unknown as string })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', request.conversation_id)
    .where(sql<boolean>`state->>'openRequestId' = ${id}`)
    .execute();
  ctx.audit({ action: 'assistant.request.converted', resourceType: 'inbox_request', resourceId: id, details: { kind: result.kind, id: result.id } });
  const task = result.kind === 'appointment' ? null : toTask(await taskRows(tx, ctx.practiceId).where('t.id', '=', result.id).executeTakeFirstOrThrow());
  return { request: await requestSummary(tx, ctx.practiceId, id), outcome: result, task };
}

// Alerts

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

// Tasks

function taskRows(tx: Tx, practiceId: string) {
  return tx
    .selectFrom('tasks as t')
    .innerJoin('accounts as a', 'a.id', 't.assignee_id')
    .where('t.practice_id', '=', practiceId)
    .select(['t.id', 't.kind', 't.assignee_id', 'a.display_name as assignee_name', 't.text', 't.due_at', 't.request_id', 't.patient_id', 't.done', 't.done_at', 't.created_by', 't.created_at']);
}
type TaskRow = Awaited<ReturnType<ReturnType<typeof taskRows>['executeTakeFirstOrThrow']>>;

export function toTask(t: TaskRow) {
  return {
    id: t.id,
    kind: t.kind,
    assignee: { id: t.assignee_id, name: t.assignee_name },
    text: t.text,
    dueAt: t.due_at ? new Date(t.due_at).toISOString() : null,
    requestId: t.request_id,
    patientId: t.patient_id,
    done: t.done,
    doneAt: t.done_at ? new Date(t.done_at).toISOString() : null,
    createdBy: t.created_by,
    createdAt: new Date(t.created_at).toISOString(),
  };
}

export async function listTasks(tx: Tx, ctx: Pick<RequestContext, 'practiceId' | 'accountId'>, f: { assignee?: string | undefined; done?: boolean | undefined; limit: number }) {
  let q = taskRows(tx, ctx.practiceId);
  if (f.assignee === 'me') q = q.where('t.assignee_id', '=', ctx.accountId);
  else if (f.assignee) q = q.where('t.assignee_id', '=', f.assignee);
  if (f.done !== undefined) q = q.where('t.done', '=', f.done);
  return (await q.orderBy('t.done').orderBy('t.due_at').orderBy('t.created_at').limit(f.limit).execute()).map(toTask);
}

export async function setTaskDone(tx: Tx, ctx: RequestContext, id: string, done: boolean) {
  const row = await tx.selectFrom('tasks').select(['id', 'done']).where('practice_id', '=', ctx.practiceId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('not_found');
  await tx.updateTable('tasks').set({ done, done_at: done ? clock.now() : null }).where('practice_id', '=', ctx.practiceId).where('id', '=', id).execute();
  ctx.audit({ action: 'assistant.task.updated', resourceType: 'task', resourceId: id, details: { done } });
  return toTask(await taskRows(tx, ctx.practiceId).where('t.id', '=', id).executeTakeFirstOrThrow());
}
