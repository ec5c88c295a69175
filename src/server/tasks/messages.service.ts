import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import type { InboxItem, NewMessage } from './contract.js';
import { TASKS_MESSAGES as M } from './messages.js';
import { auditNewItem, patientNames, requireMember, requirePatient } from './lookups.js';

/** Internal messages between staff: to one member or to everyone holding a role; read marks per reader. */
type Reader = Pick<RequestContext, 'practiceId' | 'accountId' | 'roles'>;

export async function sendMessage(tx: Tx, ctx: RequestContext, input: NewMessage): Promise<string> {
  const toId = input.recipientId ?? null;
  const toRole = input.recipientRole ?? null;
  if ((toId === null) === (toRole === null)) throw new AppError('unprocessable', [{ field: 'recipientId', message: M.oneRecipient }], M.oneRecipient);
  if (toId === ctx.accountId) throw new AppError('unprocessable', [{ field: 'recipientId', message: M.notToSelf }], M.notToSelf);
  if (toId) await requireMember(tx, ctx.practiceId, toId, 'recipientId', M.recipientNotMember);
  await requirePatient(tx, ctx.practiceId, input.patientId);
  const row = await tx
    .insertInto('staff_messages')
    .values({ practice_id: ctx.practiceId, sender_id: ctx.accountId, recipient_id: toId, recipient_role: toRole, body: input.body, patient_id: input.patientId ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  auditNewItem(ctx, { action: 'staff_message.sent', itemType: 'staff_message', itemId: row.id, patientId: input.patientId, details: { messageId: row.id, ...(toRole ? { toRole } : { toId }) } });
  return row.id;
}

function visibleTo(tx: Tx, r: Reader) {
  return tx
    .selectFrom('staff_messages as m')
    .innerJoin('accounts as s', 's.id', 'm.sender_id')
    .leftJoin('accounts as t', 't.id', 'm.recipient_id')
    .leftJoin('staff_message_reads as rd', (j) => j.onRef('rd.message_id', '=', 'm.id').on('rd.account_id', '=', r.accountId))
    .where('m.practice_id', '=', r.practiceId)
    .where((eb) =>
      eb.or([
        eb('m.recipient_id', '=', r.accountId),
        eb('m.sender_id', '=', r.accountId),
        ...(r.roles.length ? [eb.and([eb('m.recipient_role', 'in', r.roles), eb('m.sender_id', '<>', r.accountId)])] : []),
      ]),
    );
}

/** Messages I received or sent, latest first. */
export async function listMessages(tx: Tx, r: Reader, limit: number): Promise<InboxItem[]> {
  const rows = await visibleTo(tx, r)
    .select(['m.id', 'm.sender_id', 's.display_name as sender_name', 'm.recipient_id', 't.display_name as recipient_name', 'm.recipient_role', 'm.body', 'm.patient_id', 'm.created_at', 'rd.read_at'])
    .orderBy('m.created_at', 'desc')
    .limit(limit)
    .execute();
  const names = await patientNames(tx, r.practiceId, rows.map((m) => m.patient_id));
  return rows.map((m) => ({
    kind: 'message' as const,
    id: m.id,
    from: { id: m.sender_id, name: m.sender_name },
    to: m.recipient_id ? { id: m.recipient_id, name: m.recipient_name ?? '' } : null,
    toRole: m.recipient_role,
    caller: null,
    body: m.body,
    patient: m.patient_id ? { id: m.patient_id, name: names.get(m.patient_id) ?? '' } : null,
    createdAt: new Date(m.created_at).toISOString(),
    mine: m.sender_id === r.accountId,
    read: m.sender_id === r.accountId || m.read_at !== null,
  }));
}

export async function unreadMessages(tx: Tx, r: Reader): Promise<number> {
  const row = await visibleTo(tx, r)
    .where('m.sender_id', '<>', r.accountId)
    .where('rd.read_at', 'is', null)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks a message addressed to me (or to one of my roles) read or unread, for me only. */
export async function setMessageRead(tx: Tx, ctx: RequestContext, id: string, read: boolean): Promise<void> {
  const m = await visibleTo(tx, ctx).where('m.id', '=', id).where('m.sender_id', '<>', ctx.accountId).select(['m.id', 'm.patient_id']).executeTakeFirst();
  if (!m) throw new AppError('not_found');
  if (read) {
    await tx.insertInto('staff_message_reads').values({ practice_id: ctx.practiceId, message_id: id, account_id: ctx.accountId }).onConflict((oc) => oc.doNothing()).execute();
  } else {
    await tx.deleteFrom('staff_message_reads').where('message_id', '=', id).where('account_id', '=', ctx.accountId).execute();
  }
  if (m.patient_id) ctx.audit({ action: read ? 'staff_message.read' : 'staff_message.unread', resourceType: 'patient', resourceId: m.patient_id, details: { messageId: id } });
}
