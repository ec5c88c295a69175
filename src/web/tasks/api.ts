// Messages and tasks API (src/server/tasks/contract.ts): the one list, tasks, counts.
// The API's shapes are the server contract's zod types, imported as types only (no server code in the bundle).
import { request } from '../api/client';
import type { Counts, InboxItem, PatientRequest, Person, RequestCounts, Role, TaskView as Task } from '../../server/tasks/contract';

export type { Counts, InboxItem, PatientRequest, Person, RequestCounts, Role, TaskView as Task } from '../../server/tasks/contract';

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
