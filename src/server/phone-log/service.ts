import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { callIssues, compareCallbacks, isOverdue } from './rules.js';
import { PHONE_LOG_MESSAGES as M } from './messages.js';
import type { CallView, NewCall } from './contract.js';
import { clock } from '../platform/clock.js';
import { identityNameOrNull } from '../platform/identity-display.js';
import { activeMemberRoles, activeMembers } from '../staff/index.js';

/** The phone log's queries and actions, always inside `ctx.practiceId`. */

export type { CallView, NewCall, Person } from './contract.js';

const patientName = identityNameOrNull;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const clean = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

function baseQuery(tx: Tx, practiceId: string) {
  return tx
    .selectFrom('phone_calls as c')
    .leftJoin('patients as p', (j) => j.onRef('p.practice_id', '=', 'c.practice_id').onRef('p.id', '=', 'c.patient_id'))
    .leftJoin('accounts as mt', 'mt.id', 'c.message_to')
    .leftJoin('accounts as ca', 'ca.id', 'c.callback_assignee_id')
    .leftJoin('accounts as cd', 'cd.id', 'c.callback_done_by')
    .innerJoin('accounts as tb', 'tb.id', 'c.taken_by')
    .where('c.practice_id', '=', practiceId)
    .select([
      'c.id', 'c.direction', 'c.occurred_at', 'c.caller_name', 'c.caller_phone', 'c.patient_id', 'c.reason', 'c.outcome', 'c.note',
      'c.message_to', 'c.message_read_at', 'c.callback_due_at', 'c.callback_assignee_id', 'c.callback_done_at', 'c.callback_done_by',
      'c.taken_by', 'c.created_at',
      'p.birth_name', 'p.used_name', 'p.first_name', 'p.birth_date',
      'mt.display_name as message_to_name', 'ca.display_name as assignee_name', 'cd.display_name as done_by_name', 'tb.display_name as taken_by_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toView(r: Row, now: Date): CallView {
  const due = r.callback_due_at ? new Date(r.callback_due_at) : null;
  const done = r.callback_done_at ? new Date(r.callback_done_at) : null;
  return {
    id: r.id,
    direction: r.direction,
    occurredAt: iso(r.occurred_at)!,
    callerName: r.caller_name,
    callerPhone: r.caller_phone,
    patient: r.patient_id ? { id: r.patient_id, name: patientName(r.birth_name, r.used_name, r.first_name) ?? '', birthDate: r.birth_date ?? '' } : null,
    reason: r.reason,
    outcome: r.outcome,
    note: r.note,
    messageTo: r.message_to ? { id: r.message_to, name: r.message_to_name ?? '' } : null,
    messageReadAt: iso(r.message_read_at),
    callback: due
      ? {
          dueAt: due.toISOString(),
          assignee: r.callback_assignee_id ? { id: r.callback_assignee_id, name: r.assignee_name ?? '' } : null,
          doneAt: iso(done),
          doneBy: r.callback_done_by ? { id: r.callback_done_by, name: r.done_by_name ?? '' } : null,
          overdue: isOverdue(due, done, now),
        }
      : null,
    takenBy: { id: r.taken_by, name: r.taken_by_name },
    createdAt: iso(r.created_at)!,
  };
}

export async function createCall(tx: Tx, ctx: RequestContext, input: NewCall): Promise<CallView> {
  const issues = callIssues(input);
  if (issues.length) throw new AppError('unprocessable', issues, issues[0]!.message);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : clock.now();
  if (occurredAt.getTime() > clock.nowMs() + 5 * 60_000) {
    throw new AppError('unprocessable', [{ field: 'occurredAt', message: M.callInFuture }], M.callInFuture);
  }
  if (input.patientId) {
    const p = await tx.selectFrom('patients').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', input.patientId).executeTakeFirst();
    if (!p) throw new AppError('unprocessable', [{ field: 'patientId', message: M.unknownPatient }], M.unknownPatient);
  }
  if (input.messageToId) {
    const roles = await activeMemberRoles(tx, ctx.practiceId, input.messageToId);
    if (!roles?.includes('practitioner')) {
      throw new AppError('unprocessable', [{ field: 'messageToId', message: M.addresseeNotPractitioner }], M.addresseeNotPractitioner);
    }
  }
  if (input.callbackAssigneeId) {
    if (!(await activeMemberRoles(tx, ctx.practiceId, input.callbackAssigneeId))) {
      throw new AppError('unprocessable', [{ field: 'callbackAssigneeId', message: M.assigneeNotMember }], M.assigneeNotMember);
    }
  }
  const row = await tx
    .insertInto('phone_calls')
    .values({
      practice_id: ctx.practiceId,
      direction: input.direction,
      occurred_at: occurredAt,
      caller_name: clean(input.callerName),
      caller_phone: clean(input.callerPhone),
      patient_id: input.patientId ?? null,
      reason: input.reason,
      outcome: input.outcome,
      note: clean(input.note),
      message_to: input.outcome === 'message' ? input.messageToId! : null,
      callback_due_at: input.outcome === 'callback' ? new Date(input.callbackDueAt!) : null,
      callback_assignee_id: input.outcome === 'callback' ? (input.callbackAssigneeId ?? null) : null,
      taken_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.audit({
    action: 'phone_call.created',
    resourceType: 'phone_call',
    resourceId: row.id,
    details: { reason: input.reason, outcome: input.outcome, ...(input.patientId ? { patientId: input.patientId } : {}) },
  });
  return getCall(tx, ctx.practiceId, row.id);
}

export async function getCall(tx: Tx, practiceId: string, id: string): Promise<CallView> {
  const row = await baseQuery(tx, practiceId).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return toView(row, clock.now());
}

/** Calls of a period (local days of the practice), latest first. */
export async function listCalls(tx: Tx, practiceId: string, f: { from: Date; to: Date; patientId?: string | undefined; limit: number }): Promise<CallView[]> {
  let q = baseQuery(tx, practiceId).where('c.occurred_at', '>=', f.from).where('c.occurred_at', '<', f.to);
  if (f.patientId) q = q.where('c.patient_id', '=', f.patientId);
  const rows = await q.orderBy('c.occurred_at', 'desc').limit(f.limit).execute();
  const now = clock.now();
  return rows.map((r) => toView(r, now));
}

/** Callbacks: to do (all, overdue first) and, if asked, the ones done in the last 7 days. */
export async function listCallbacks(tx: Tx, practiceId: string, f: { status: 'todo' | 'done' | 'all'; assignee?: string | undefined }): Promise<CallView[]> {
  let q = baseQuery(tx, practiceId).where('c.callback_due_at', 'is not', null);
  if (f.status === 'todo') q = q.where('c.callback_done_at', 'is', null);
  else if (f.status === 'done') q = q.where('c.callback_done_at', '>=', sql<Date>`pivot_now() - interval '7 days'`);
  else q = q.where((eb) => eb.or([eb('c.callback_done_at', 'is', null), eb('c.callback_done_at', '>=', sql<Date>`pivot_now() - interval '7 days'`)]));
  if (f.assignee) q = q.where('c.callback_assignee_id', '=', f.assignee);
  const rows = await q.limit(500).execute();
  const now = clock.now();
  return rows
    .map((r) => toView(r, now))
    .sort((a, b) =>
      compareCallbacks(
        { dueAt: new Date(a.callback!.dueAt), doneAt: a.callback!.doneAt ? new Date(a.callback!.doneAt) : null },
        { dueAt: new Date(b.callback!.dueAt), doneAt: b.callback!.doneAt ? new Date(b.callback!.doneAt) : null },
      ),
    );
}

export async function setCallbackDone(tx: Tx, ctx: RequestContext, id: string, done: boolean): Promise<CallView> {
  const row = await tx
    .updateTable('phone_calls')
    .set(done ? { callback_done_at: sql<Date>`coalesce(callback_done_at, pivot_now())`, callback_done_by: sql<string>`coalesce(callback_done_by, ${ctx.accountId}::uuid)` } : { callback_done_at: null, callback_done_by: null })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .where('callback_due_at', 'is not', null)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('not_found');
  ctx.audit({ action: done ? 'phone_call.callback_done' : 'phone_call.callback_reopened', resourceType: 'phone_call', resourceId: id });
  return getCall(tx, ctx.practiceId, id);
}

/** Messages addressed to the current account (a practitioner), unread first. */
export async function listMessages(tx: Tx, ctx: RequestContext, status: 'unread' | 'read' | 'all'): Promise<{ messages: CallView[]; unread: number }> {
  let q = baseQuery(tx, ctx.practiceId).where('c.message_to', '=', ctx.accountId);
  if (status === 'unread') q = q.where('c.message_read_at', 'is', null);
  else if (status === 'read') q = q.where('c.message_read_at', 'is not', null);
  const rows = await q
    .orderBy(sql`c.message_read_at IS NULL`, 'desc')
    .orderBy('c.occurred_at', 'desc')
    .limit(200)
    .execute();
  const unread = await tx
    .selectFrom('phone_calls')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('practice_id', '=', ctx.practiceId)
    .where('message_to', '=', ctx.accountId)
    .where('message_read_at', 'is', null)
    .executeTakeFirstOrThrow();
  const now = clock.now();
  return { messages: rows.map((r) => toView(r, now)), unread: Number(unread.n) };
}

/** Only the addressee marks a message read or unread. */
export async function setMessageRead(tx: Tx, ctx: RequestContext, id: string, read: boolean): Promise<CallView> {
  const row = await tx
    .updateTable('phone_calls')
    .set({ message_read_at: read ? sql<Date>`coalesce(message_read_at, pivot_now())` : null })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .where('message_to', '=', ctx.accountId)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('not_found');
  ctx.audit({ action: read ? 'phone_message.read' : 'phone_message.unread', resourceType: 'phone_call', resourceId: id });
  return getCall(tx, ctx.practiceId, id);
}

/** Active members: practitioners (addressees of messages) and everyone (who calls back). */
export async function listStaff(tx: Tx, practiceId: string): Promise<{ id: string; name: string; practitioner: boolean }[]> {
  return (await activeMembers(tx, practiceId)).map((m) => ({ id: m.id, name: m.name, practitioner: m.roles.includes('practitioner') }));
}
