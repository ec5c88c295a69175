// Phone log API (src/server/phone-log/routes.ts, shapes in contract.ts): types and calls used by the phone log and messages pages.
import { request } from '../api/client';
import type { PatientSummary } from '../api/types';
import type { CallOutcome, CallReason, CallView, NewCallRequest, Person } from '../../server/phone-log/contract';

export const REASONS = ['appointment', 'prescription', 'results', 'medical_question', 'administrative', 'practical_info', 'health_professional', 'other'] as const satisfies readonly CallReason[];
export const OUTCOMES = ['booked', 'message', 'advised_15', 'info_given', 'callback', 'other'] as const satisfies readonly CallOutcome[];
// The API's shapes are the server contract's zod types, imported as types only (no server code in the bundle); the
// lists above are the screens' order of the contract's vocabularies (`satisfies` keeps them within it).
export type Reason = CallReason;
export type Outcome = CallOutcome;
export type { Person } from '../../server/phone-log/contract';
export type Call = CallView;
export type NewCall = NewCallRequest;

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
