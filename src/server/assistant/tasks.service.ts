import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { clock } from '../platform/clock.js';

/** The desk's tasks (call back, practitioner messages…), made from requests or by hand. */

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

/** One task as the inbox shows it. */
export async function taskById(tx: Tx, practiceId: string, id: string) {
  return toTask(await taskRows(tx, practiceId).where('t.id', '=', id).executeTakeFirstOrThrow());
}

/** A request's tasks, oldest first (the request's detail). */
export async function requestTasks(tx: Tx, practiceId: string, requestId: string) {
  return (await taskRows(tx, practiceId).where('t.request_id', '=', requestId).orderBy('t.created_at').execute()).map(toTask);
}
