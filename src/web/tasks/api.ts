// Messages and tasks API (src/server/tasks/contract.ts): the one list, tasks, counts.
import { request } from '../api/client';

export type Role = 'admin' | 'practitioner' | 'secretary';
export interface Person { id: string; name: string }
export interface InboxItem {
  kind: 'message' | 'phone';
  id: string;
  from: Person;
  to: Person | null;
  toRole: Role | null;
  caller: string | null;
  body: string;
  patient: Person | null;
  createdAt: string;
  mine: boolean;
  read: boolean;
}
export interface Task {
  id: string;
  title: string;
  details: string | null;
  assignee: Person;
  dueAt: string | null;
  patient: Person | null;
  status: 'open' | 'done' | 'cancelled';
  overdue: boolean;
  seen: boolean;
  createdBy: Person;
  createdAt: string;
}
/** The assistant's patient requests (not in `total`: the assistant's own navigation entry has its badge). */
export interface RequestCounts { open: number; new: number; urgent: number; overdue: number; mine: number; myTasks: number }
export interface Counts { unreadMessages: number; newTasks: number; total: number; requests: RequestCounts }
export interface PatientRequest {
  id: string; category: string; urgency: 'vital' | 'same_day' | 'routine'; status: string; patient: Person | null;
  assignedToMe: boolean; dueAt: string; overdue: boolean; pendingAlert: boolean;
}
/** A live notification's preview: who, and a fixed phrase — never the text or the patient. */
export interface Preview { kind: 'message' | 'task' | 'phone'; id: string; from: string; summaryKey: string }

export const tasksApi = {
  inbox: (status: 'unread' | 'all') => request<{ items: InboxItem[]; counts: Counts }>('GET', `/api/tasks/inbox?status=${status}`),
  counts: () => request<Counts>('GET', '/api/tasks/counts'),
  send: (body: { recipientId?: string | null; recipientRole?: Role | null; body: string; patientId?: string | null }) => request<{ id: string }>('POST', '/api/tasks/messages', { body }),
  setRead: (item: InboxItem, read: boolean) => request<{ counts: Counts }>('POST', `/api/tasks/messages/${item.id}/read`, { body: { read, kind: item.kind } }),
  tasks: (scope: 'mine' | 'given' | 'all', status: 'open' | 'any') => request<{ tasks: Task[] }>('GET', `/api/tasks/tasks?scope=${scope}&status=${status}`),
  createTask: (body: { title: string; details?: string | null; assigneeId: string; dueAt?: string | null; patientId?: string | null }) => request<{ task: Task }>('POST', '/api/tasks/tasks', { body }),
  updateTask: (id: string, body: { status?: Task['status']; seen?: boolean }) => request<{ task: Task }>('PATCH', `/api/tasks/tasks/${id}`, { body }),
  patientRequests: () => request<{ requests: PatientRequest[]; counts: RequestCounts }>('GET', '/api/tasks/patient-requests'),
  recipients: () => request<{ members: (Person & { roles: Role[] })[]; roles: Role[] }>('GET', '/api/tasks/recipients'),
};
