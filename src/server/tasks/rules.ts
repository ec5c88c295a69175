/**
 * Pure rules of messages and tasks: what a live notification may show, and the order of a to-do list.
 *
 * A notification preview can appear on a screen the patient sees (the desk, a consulting room): it carries the
 * sender's name and a fixed, patient-free phrase — never a message body, a task title or a patient.
 */
export type InboxKind = 'message' | 'task' | 'phone' | 'read';

export interface LiveEvent {
  kind: InboxKind;
  id: string;
  senderName?: unknown;
  recipientId?: unknown;
  recipientRole?: unknown;
  op?: unknown;
}

export interface Preview {
  kind: 'message' | 'task' | 'phone';
  id: string;
  from: string;
  /** A key of the web's messages (fixed text), never user input. */
  summaryKey: 'tasks.preview.message' | 'tasks.preview.task' | 'tasks.preview.phone';
  summary: { fr: string; en: string };
}

const SUMMARIES = {
  message: { fr: 'Nouveau message', en: 'New message' },
  task: { fr: 'Nouvelle tâche', en: 'New task' },
  phone: { fr: 'Nouveau message téléphonique', en: 'New phone message' },
} as const;

/** Does this event concern the reader (their own id, or a role they hold for a message to a role)? */
export function concerns(event: LiveEvent, reader: { accountId: string; roles: readonly string[] }): boolean {
  if (event.recipientId === reader.accountId) return true;
  return event.kind === 'message' && typeof event.recipientRole === 'string' && reader.roles.includes(event.recipientRole);
}

/**
 * The preview of a new item for its reader, or null (a read mark, a task update, someone else's item). Built from
 * a whitelist: whatever else the event carries is dropped.
 */
export function previewOf(event: LiveEvent, reader: { accountId: string; roles: readonly string[] }): Preview | null {
  if (event.kind === 'read' || event.op !== 'insert' || !concerns(event, reader)) return null;
  const from = typeof event.senderName === 'string' ? event.senderName.slice(0, 120) : '';
  return { kind: event.kind, id: event.id, from, summaryKey: `tasks.preview.${event.kind}`, summary: SUMMARIES[event.kind] };
}

export interface TaskOrderKey {
  status: 'open' | 'done' | 'cancelled';
  dueAt: Date | null;
  createdAt: Date;
}

/** Open tasks first, the most urgent due first (no due time after those with one), then the oldest. */
export function compareTasks(a: TaskOrderKey, b: TaskOrderKey): number {
  const open = Number(b.status === 'open') - Number(a.status === 'open');
  if (open !== 0) return open;
  const ad = a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bd = b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ad !== bd) return ad < bd ? -1 : 1;
  return a.createdAt.getTime() - b.createdAt.getTime();
}

export function isOverdue(t: { status: string; dueAt: Date | null }, now: Date): boolean {
  return t.status === 'open' && t.dueAt !== null && t.dueAt.getTime() < now.getTime();
}
