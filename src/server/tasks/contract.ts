import { z } from 'zod';
import { personRef as person } from '../platform/contract.js';

/** Messages and tasks: the zod shapes shared by the routes and the web (src/web/tasks/api.ts imports their types). */
export const ROLE_VALUES = ['admin', 'practitioner', 'secretary'] as const;
export type Role = (typeof ROLE_VALUES)[number];
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type Person = z.infer<typeof person>;
const patientRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

/** One entry of the list: a staff message or a phone message (the phone log's, read through its door). */
export const inboxItem = z.object({
  kind: z.enum(['message', 'phone']),
  id: z.uuid(),
  from: person,
  to: person.nullable(),
  toRole: z.enum(ROLE_VALUES).nullable(),
  /** For a phone message: who called (name or number). */
  caller: z.string().nullable(),
  body: z.string(),
  patient: patientRef,
  createdAt: z.string(),
  /** Sent by me (then `read` says nothing). */
  mine: z.boolean(),
  read: z.boolean(),
});
export type InboxItem = z.infer<typeof inboxItem>;

export const task = z.object({
  id: z.uuid(),
  title: z.string(),
  details: z.string().nullable(),
  assignee: person,
  dueAt: z.string().nullable(),
  patient: patientRef,
  status: z.enum(TASK_STATUSES),
  overdue: z.boolean(),
  seen: z.boolean(),
  createdBy: person,
  createdAt: z.string(),
});
export type TaskView = z.infer<typeof task>;

/**
 * The patient requests the intake assistant sorted (read from the assistant, not copied): open, new, urgent (vital or
 * same day), overdue, assigned to me, and the assistant's open desk tasks assigned to me. Not in `total`: the
 * assistant's navigation entry carries its own badge, and one request should not ring twice.
 */
export const requestCounts = z.object({ open: z.number().int(), new: z.number().int(), urgent: z.number().int(), overdue: z.number().int(), mine: z.number().int(), myTasks: z.number().int() });
export const counts = z.object({ unreadMessages: z.number().int(), newTasks: z.number().int(), total: z.number().int(), requests: requestCounts });
export const patientRequest = z.object({
  id: z.uuid(), category: z.string(), urgency: z.enum(['vital', 'same_day', 'routine']), status: z.string(), patient: patientRef,
  assignedToMe: z.boolean(), dueAt: z.string(), overdue: z.boolean(), pendingAlert: z.boolean(),
});
export type Counts = z.infer<typeof counts>;
export type RequestCounts = z.infer<typeof requestCounts>;
export type PatientRequest = z.infer<typeof patientRequest>;

const text = (max: number) => z.string().trim().min(1).max(max);
export const newMessage = z.object({
  recipientId: z.uuid().nullable().optional(),
  recipientRole: z.enum(ROLE_VALUES).nullable().optional(),
  body: text(4000),
  patientId: z.uuid().nullable().optional(),
});
export type NewMessage = z.infer<typeof newMessage>;

export const newTask = z.object({
  title: text(300),
  details: z.string().trim().max(4000).nullable().optional(),
  assigneeId: z.uuid(),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
  patientId: z.uuid().nullable().optional(),
});
export type NewTask = z.infer<typeof newTask>;
