import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { staffRequestCounts, staffRequests } from '../assistant/index.js';
import { listPhoneMessages, type CallView } from '../phone-log/index.js';
import type { Counts, InboxItem } from './contract.js';
import { listMessages, unreadMessages } from './messages.service.js';
import { newTasks } from './work-tasks.service.js';

/**
 * The one list of a member's messages: staff messages and the phone log's messages for a practitioner (kept in
 * phone_calls, read through the phone log's door, so that its own API keeps working), latest first.
 */
function fromCall(c: CallView): InboxItem {
  return {
    kind: 'phone',
    id: c.id,
    from: c.takenBy,
    to: c.messageTo,
    toRole: null,
    caller: c.callerName ?? c.callerPhone ?? c.patient?.name ?? null,
    body: c.note ?? '',
    patient: c.patient ? { id: c.patient.id, name: c.patient.name } : null,
    createdAt: c.occurredAt,
    mine: false,
    read: c.messageReadAt !== null,
  };
}

export async function inbox(tx: Tx, ctx: RequestContext, f: { status: 'unread' | 'all'; limit: number }): Promise<{ items: InboxItem[]; counts: Counts }> {
  const staff = await listMessages(tx, ctx, f.limit);
  const phone = ctx.roles.includes('practitioner') ? (await listPhoneMessages(tx, ctx, 'all')).messages.map(fromCall) : [];
  let items = [...staff, ...phone].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (f.status === 'unread') items = items.filter((i) => !i.read);
  items = items.slice(0, f.limit);
  const patients = [...new Set(items.flatMap((i) => (i.patient ? [i.patient.id] : [])))];
  // Reading the list shows patients' names next to messages: audited, without the texts.
  if (patients.length) ctx.audit({ action: 'staff_inbox.read', resourceType: 'patient', details: { patients: patients.length, items: items.length, patientIds: patients.slice(0, 50) } });
  return { items, counts: await counts(tx, ctx) };
}

export async function counts(tx: Tx, ctx: RequestContext): Promise<Counts> {
  const staff = await unreadMessages(tx, ctx);
  const phone = ctx.roles.includes('practitioner') ? (await listPhoneMessages(tx, ctx, 'unread')).unread : 0;
  const tasks = await newTasks(tx, ctx);
  return { unreadMessages: staff + phone, newTasks: tasks, total: staff + phone + tasks, requests: await staffRequestCounts(tx, ctx) };
}

/** The assistant's patient requests for me (assigned to me, then unassigned urgent ones); audited when it names patients. */
export async function patientRequestsForMe(tx: Tx, ctx: RequestContext, limit: number) {
  const requests = await staffRequests(tx, ctx, limit);
  const patients = [...new Set(requests.flatMap((r) => (r.patient ? [r.patient.id] : [])))];
  if (patients.length) ctx.audit({ action: 'staff_inbox.requests_read', resourceType: 'patient', details: { patients: patients.length, requests: requests.length, patientIds: patients.slice(0, 50) } });
  return { requests, counts: await staffRequestCounts(tx, ctx) };
}
