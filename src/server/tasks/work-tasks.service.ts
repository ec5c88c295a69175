import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { clock } from '../platform/clock.js';
import type { NewTask, TaskView } from './contract.js';
import { TASKS_MESSAGES as M } from './messages.js';
import { auditNewItem, patientNames, requireMember, requirePatient } from './lookups.js';
import { compareTasks, isOverdue } from './rules.js';
import type { TaskStatus } from './schema.js';

/** Tasks: an assignee, an optional due time and patient, a status (open, done, cancelled). */
type Reader = Pick<RequestContext, 'practiceId' | 'accountId'>;

function rows(tx: Tx, practiceId: string) {
  return tx
    .selectFrom('staff_tasks as t')
    .innerJoin('accounts as a', 'a.id', 't.assignee_id')
    .innerJoin('accounts as c', 'c.id', 't.created_by')
    .where('t.practice_id', '=', practiceId)
    .select(['t.id', 't.title', 't.details', 't.assignee_id', 'a.display_name as assignee_name', 't.due_at', 't.patient_id', 't.status', 't.seen_at', 't.created_by', 'c.display_name as creator_name', 't.created_at']);
}
type Row = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

async function views(tx: Tx, practiceId: string, list: Row[]): Promise<TaskView[]> {
  const names = await patientNames(tx, practiceId, list.map((t) => t.patient_id));
  const now = clock.now();
  return list.map((t) => {
    const dueAt = t.due_at ? new Date(t.due_at) : null;
    return {
      id: t.id,
      title: t.title,
      details: t.details,
      assignee: { id: t.assignee_id, name: t.assignee_name },
      dueAt: dueAt?.toISOString() ?? null,
      patient: t.patient_id ? { id: t.patient_id, name: names.get(t.patient_id) ?? '' } : null,
      status: t.status,
      overdue: isOverdue({ status: t.status, dueAt }, now),
      seen: t.seen_at !== null,
      createdBy: { id: t.created_by, name: t.creator_name },
      createdAt: new Date(t.created_at).toISOString(),
    };
  });
}

export async function createTask(tx: Tx, ctx: RequestContext, input: NewTask): Promise<TaskView> {
  await requireMember(tx, ctx.practiceId, input.assigneeId, 'assigneeId', M.assigneeNotMember);
  await requirePatient(tx, ctx.practiceId, input.patientId);
  const dueAt = input.dueAt ? new Date(input.dueAt) : null;
  // A minute of slack: the form's « now » and the server's clock differ a little.
  if (dueAt && dueAt.getTime() < clock.nowMs() - 60_000) throw new AppError('unprocessable', [{ field: 'dueAt', message: M.dueInPast }], M.dueInPast);
  const row = await tx
    .insertInto('staff_tasks')
    .values({
      practice_id: ctx.practiceId,
      title: input.title,
      details: input.details?.trim() ? input.details.trim() : null,
      assignee_id: input.assigneeId,
      due_at: dueAt,
      patient_id: input.patientId ?? null,
      // A task I give myself is seen already.
      seen_at: input.assigneeId === ctx.accountId ? clock.now() : null,
      created_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  auditNewItem(ctx, { action: 'staff_task.created', itemType: 'staff_task', itemId: row.id, patientId: input.patientId, details: { taskId: row.id, assigneeId: input.assigneeId } });
  return taskById(tx, ctx.practiceId, row.id);
}

export async function taskById(tx: Tx, practiceId: string, id: string): Promise<TaskView> {
  const row = await rows(tx, practiceId).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return (await views(tx, practiceId, [row]))[0]!;
}

/** Mine (assigned to me), given (created by me for others) or the practice's; open first, most urgent first. */
export async function listTasks(tx: Tx, r: Reader, f: { scope: 'mine' | 'given' | 'all'; status: TaskStatus | 'any'; limit: number }): Promise<TaskView[]> {
  let q = rows(tx, r.practiceId);
  if (f.scope === 'mine') q = q.where('t.assignee_id', '=', r.accountId);
  else if (f.scope === 'given') q = q.where('t.created_by', '=', r.accountId).where('t.assignee_id', '<>', r.accountId);
  if (f.status !== 'any') q = q.where('t.status', '=', f.status);
  const list = await q.orderBy(sql`t.status = 'open'`, 'desc').orderBy('t.due_at', (ob) => ob.asc().nullsLast()).limit(f.limit).execute();
  const out = await views(tx, r.practiceId, list);
  return out.sort((a, b) =>
    compareTasks(
      { status: a.status, dueAt: a.dueAt ? new Date(a.dueAt) : null, createdAt: new Date(a.createdAt) },
      { status: b.status, dueAt: b.dueAt ? new Date(b.dueAt) : null, createdAt: new Date(b.createdAt) },
    ),
  );
}

export async function newTasks(tx: Tx, r: Reader): Promise<number> {
  const row = await tx.selectFrom('staff_tasks').select((eb) => eb.fn.countAll<string>().as('n')).where('practice_id', '=', r.practiceId).where('assignee_id', '=', r.accountId).where('status', '=', 'open').where('seen_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The assignee or the author changes the status; only the assignee marks it seen. */
export async function updateTask(tx: Tx, ctx: RequestContext, id: string, change: { status?: TaskStatus | undefined; seen?: boolean | undefined }): Promise<TaskView> {
  const t = await tx.selectFrom('staff_tasks').select(['id', 'assignee_id', 'created_by', 'patient_id', 'status']).where('practice_id', '=', ctx.practiceId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!t || (t.assignee_id !== ctx.accountId && t.created_by !== ctx.accountId && !ctx.roles.includes('admin'))) throw new AppError('not_found');
  const now = clock.now();
  if (change.status && change.status !== t.status) {
    const closed = change.status !== 'open';
    await tx.updateTable('staff_tasks').set({ status: change.status, closed_at: closed ? now : null, closed_by: closed ? ctx.accountId : null }).where('id', '=', id).where('practice_id', '=', ctx.practiceId).execute();
  }
  if (change.seen !== undefined && t.assignee_id === ctx.accountId) {
    await tx.updateTable('staff_tasks').set({ seen_at: change.seen ? now : null }).where('id', '=', id).where('practice_id', '=', ctx.practiceId).execute();
  }
  if (change.status && change.status !== t.status) {
    ctx.audit({ action: 'staff_task.status_changed', resourceType: t.patient_id ? 'patient' : 'staff_task', resourceId: t.patient_id ?? id, details: { taskId: id, from: t.status, to: change.status } });
  }
  return taskById(tx, ctx.practiceId, id);
}
