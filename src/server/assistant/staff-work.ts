import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { inboxCounts, listRequests } from './inbox.js';

/**
 * The assistant's work as « Messages et tâches » shows it (docs/tasks.md): the patient requests it sorted, read in
 * place from the assistant's own tables — never copied into staff tasks, so that a request handled in the inbox is
 * handled here too. Counts are numbers only; the list shows no message text (the patient's name, the category, the
 * urgency) and is audited by the caller.
 */
export interface StaffRequestCounts { open: number; new: number; urgent: number; overdue: number; mine: number; myTasks: number }

export async function staffRequestCounts(tx: Tx, ctx: Pick<RequestContext, 'practiceId' | 'accountId'>): Promise<StaffRequestCounts> {
  const c = await inboxCounts(tx, ctx.practiceId);
  const mine = await tx
    .selectFrom('inbox_requests')
    .where('practice_id', '=', ctx.practiceId)
    .where('status', '!=', 'done')
    .where('assignee_id', '=', ctx.accountId)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const myTasks = await tx
    .selectFrom('tasks')
    .where('practice_id', '=', ctx.practiceId)
    .where('done', '=', false)
    .where('assignee_id', '=', ctx.accountId)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return { open: c.open, new: c.new, urgent: c.vital + c.sameDay, overdue: c.overdue, mine: mine.n, myTasks: myTasks.n };
}

/** The open requests for this member: assigned to them, then the unassigned urgent ones (vital, same day), most urgent first. */
export async function staffRequests(tx: Tx, ctx: Pick<RequestContext, 'practiceId' | 'accountId'>, limit: number) {
  const mine = await listRequests(tx, ctx, { status: 'open', assignee: 'me', limit });
  const unassigned = (await listRequests(tx, ctx, { status: 'open', assignee: 'none', limit })).filter((r) => r.urgency !== 'routine');
  return [...mine, ...unassigned].slice(0, limit).map((r) => ({
    id: r.id, category: r.category, urgency: r.urgency, status: r.status, patient: r.patient ? { id: r.patient.id, name: r.patient.name } : null,
    assignedToMe: r.assignee !== null, dueAt: r.dueAt, overdue: r.overdue, pendingAlert: r.pendingAlert,
  }));
}
