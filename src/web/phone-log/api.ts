// Phone log API (src/server/phone-log/routes.ts): types and calls used by the phone log and messages pages.
import { request } from '../api/client';
import type { PatientSummary } from '../api/types';

export const REASONS = ['appointment', 'prescription', 'results', 'medical_question', 'administrative', 'practical_info', 'health_professional', 'other'] as const;
export const OUTCOMES = ['booked', 'message', 'advised_15', 'info_given', 'callback', 'other'] as const;
export type Reason = (typeof REASONS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export interface Person { id: string; name: string }

export interface Call {
  id: string;
  direction: 'in' | 'out';
  occurredAt: string;
  callerName: string | null;
  callerPhone: string | null;
  patient: { id: string; name: string; birthDate: string } | null;
  reason: Reason;
  outcome: Outcome;
  note: string | null;
  messageTo: Person | null;
  messageReadAt: string | null;
  callback: { dueAt: string; assignee: Person | null; doneAt: string | null; doneBy: Person | null; overdue: boolean } | null;
  takenBy: Person;
  createdAt: string;
}

export interface NewCall {
  direction: 'in' | 'out';
  callerName?: string | null;
  callerPhone?: string | null;
  patientId?: string | null;
  reason: Reason;
  outcome: Outcome;
  note?: string | null;
  messageToId?: string | null;
  callbackDueAt?: string | null;
  callbackAssigneeId?: string | null;
}

const enc = encodeURIComponent;
export const phoneApi = {
  calls: (from?: string, to?: string) =>
    request<{ calls: Call[] }>('GET', `/api/phone-log/calls${from ? `?from=${enc(from)}&to=${enc(to ?? from)}` : ''}`),
  create: (body: NewCall) => request<{ call: Call }>('POST', '/api/phone-log/calls', { body }),
  callbacks: (status: 'todo' | 'done' | 'all') => request<{ callbacks: Call[]; overdue: number }>('GET', `/api/phone-log/callbacks?status=${status}`),
  setCallbackDone: (id: string, done: boolean) => request<{ call: Call }>('POST', `/api/phone-log/calls/${enc(id)}/callback`, { body: { done } }),
  messages: (status: 'unread' | 'read' | 'all') => request<{ messages: Call[]; unread: number }>('GET', `/api/phone-log/messages?status=${status}`),
  setRead: (id: string, read: boolean) => request<{ message: Call }>('POST', `/api/phone-log/messages/${enc(id)}/read`, { body: { read } }),
  staff: () => request<{ staff: (Person & { practitioner: boolean })[] }>('GET', '/api/phone-log/staff'),
  searchPatients: (q: string) => request<{ patients: PatientSummary[] }>('GET', `/api/patients?q=${enc(q)}&limit=8`),
};
