// Agenda API (src/server/agenda/routes/): types and calls used by the agenda pages.
import { request } from '../api/client';
import type { PatientSummary } from '../api/types';

export type AppointmentStatus =
  | 'booked' | 'confirmed' | 'arrived' | 'in_consultation' | 'done' | 'no_show' | 'cancelled_by_patient' | 'cancelled_by_practice';
export type Sector = '1' | '2' | 'optam' | 'non_conventionne';
export type WeekParity = 'all' | 'even' | 'odd';

export interface Practitioner {
  id: string; accountId: string | null; displayName: string; rpps: string | null; specialty: string; sector: Sector; colour: string; active: boolean;
}
export interface Motif {
  id: string; practitionerId: string | null; name: string; durationMinutes: number; bufferMinutes: number; colour: string;
  newPatientsAllowed: boolean; onlineBookable: boolean; teleconsultation: boolean; preparationInstructions: string | null;
  documentsToBring: string | null; requiredResourceId: string | null; capacity: number; active: boolean;
}
export interface WeeklyRange { weekday: number; start: string; end: string; validFrom?: string; validUntil?: string | null; weekParity: WeekParity }
export interface UrgentRange { weekday: number; start: string; end: string }
export interface AgendaException { id: string; kind: 'opening' | 'absence'; reason: string | null; start: string; end: string }
export interface Hours { weekly: WeeklyRange[]; urgent: UrgentRange[]; exceptions: AgendaException[] }
export interface AgendaSettings { timeZone: string; holidayRegion: string; urgentReleaseMinutes: number }

export interface Appointment {
  id: string; practitionerId: string; practitionerName: string; patientId: string; patientName: string; patientBirthDate: string; patientPhone?: string | null;
  /** Parts of the name: written by ui/format.ts in the reader's language (patientName is the server's French). */
  patientIdentity?: { birthName: string; usedName: string | null; firstName: string };
  motifId: string | null; motifName: string | null; colour: string | null; resourceId: string | null; seriesId: string | null;
  start: string; end: string; busyUntil: string; seat: number | null; status: AppointmentStatus; channel: string;
  teleconsultation: boolean; note: string | null; overrideReason: string | null; cancellationReason: string | null;
  cancelledAt: string | null; statusChangedAt: string; createdAt: string; updatedAt: string; version: number;
}
export interface HistoryEntry {
  at: string; kind: string; by: string | null; accountId: string | null; channel: string; fromStatus: string | null;
  toStatus: string | null; fromStart: string | null; toStart: string | null; reason: string | null;
}
export interface FreeSlot { practitionerId: string; start: string; end: string; urgent: boolean; remainingCapacity: number; slotId: string }
/** A 409 answer's details: the next free slots. */
export interface Proposal { practitionerId: string; start: string; end: string; slotId?: string; message?: string }

const enc = encodeURIComponent;
function qs(params: [string, string | number | undefined | null][]): string {
  const s = new URLSearchParams();
  for (const [k, v] of params) if (v !== undefined && v !== null && v !== '') s.append(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
}

export type JobStatus = 'failed' | 'queued' | 'running' | 'done' | 'cancelled';
export interface QueuedJob {
  id: string; kind: string; event: string | null; messageKind: string | null; channel: string | null; status: JobStatus;
  attempts: number; maxAttempts: number; runAt: string; lastError: string | null; createdAt: string; finishedAt: string | null;
}
export interface OutboxMessage {
  id: string; kind: string; channel: 'email' | 'sms'; recipient: string; subject: string | null; body: string; status: string;
  provider: string | null; attempts: number; error: string | null; createdAt: string; sentAt: string | null;
}

export interface NoShowStats {
  from: string; to: string; policy: { warnAfter: number; blockOnlineAfter: number };
  rows: { practitionerId: string; practitionerName: string; motifId: string | null; motifName: string | null; due: number; noShows: number; rate: number }[];
  total: { due: number; noShows: number; rate: number };
}

export const agendaApi = {
  settings: () => request<AgendaSettings>('GET', '/api/agenda/settings'),
  updateSettings: (body: { holidayRegion: string; urgentReleaseMinutes: number }) => request<AgendaSettings>('PUT', '/api/agenda/settings', { body }),
  practitioners: (includeInactive = false) =>
    request<{ practitioners: Practitioner[] }>('GET', `/api/agenda/practitioners${includeInactive ? '?includeInactive=true' : ''}`),
  createPractitioner: (body: Partial<Omit<Practitioner, 'id' | 'active'>> & { displayName: string }) =>
    request<{ practitioner: Practitioner }>('POST', '/api/agenda/practitioners', { body }),
  updatePractitioner: (id: string, body: Partial<Omit<Practitioner, 'id'>>) =>
    request<{ practitioner: Practitioner }>('PATCH', `/api/agenda/practitioners/${enc(id)}`, { body }),
  hours: (id: string) => request<Hours>('GET', `/api/agenda/practitioners/${enc(id)}/hours`),
  saveHours: (id: string, body: { weekly: WeeklyRange[]; urgent: UrgentRange[] }) =>
    request<{ weekly: number; urgent: number }>('PUT', `/api/agenda/practitioners/${enc(id)}/hours`, { body }),
  addException: (id: string, body: { kind: 'absence' | 'opening'; start: string; end: string; reason?: string }) =>
    request<{ exception: AgendaException }>('POST', `/api/agenda/practitioners/${enc(id)}/exceptions`, { body }),
  removeException: (id: string) => request<void>('DELETE', `/api/agenda/exceptions/${enc(id)}`),
  motifs: (practitionerId?: string) => request<{ motifs: Motif[] }>('GET', `/api/agenda/motifs${qs([['practitionerId', practitionerId]])}`),
  createMotif: (body: Partial<Omit<Motif, 'id' | 'active'>> & { name: string; durationMinutes: number }) =>
    request<{ motif: Motif }>('POST', '/api/agenda/motifs', { body }),
  updateMotif: (id: string, body: Partial<Omit<Motif, 'id'>>) => request<{ motif: Motif }>('PATCH', `/api/agenda/motifs/${enc(id)}`, { body }),
  staff: () => request<{ members: { accountId: string; displayName: string; email: string; roles: string[]; active: boolean }[] }>('GET', '/api/staff'),

  appointments: (from: string, to: string, practitionerIds?: string[]) =>
    request<{ from: string; to: string; appointments: Appointment[] }>(
      'GET', `/api/agenda/appointments${qs([['from', from], ['to', to], ...(practitionerIds ?? []).map((id): [string, string] => ['practitionerId', id])])}`,
    ),
  appointment: (id: string) => request<{ appointment: Appointment; history: HistoryEntry[] }>('GET', `/api/agenda/appointments/${enc(id)}`),
  book: (body: { practitionerId: string; patientId: string; motifId?: string | null; start: string; overrideReason?: string; note?: string | null }) =>
    request<{ appointment: Appointment }>('POST', '/api/agenda/appointments', { body }),
  move: (id: string, body: { start: string; practitionerId?: string; version?: number; overrideReason?: string }) =>
    request<{ appointment: Appointment }>('POST', `/api/agenda/appointments/${enc(id)}/move`, { body }),
  cancel: (id: string, body: { by: 'patient' | 'practice'; reason: string; version?: number }) =>
    request<{ appointment: Appointment }>('POST', `/api/agenda/appointments/${enc(id)}/cancel`, { body }),
  setStatus: (id: string, body: { status: AppointmentStatus; reason?: string; version?: number }) =>
    request<{ appointment: Appointment }>('POST', `/api/agenda/appointments/${enc(id)}/status`, { body }),
  freeSlots: (p: { practitionerId: string; motifId?: string | null; from?: string; limit?: number }) =>
    request<{ slots: FreeSlot[] }>('GET', `/api/agenda/free-slots${qs([['practitionerId', p.practitionerId], ['motifId', p.motifId], ['from', p.from], ['limit', p.limit ?? 8]])}`),
  holidays: (from: string, to: string) => request<{ region: string; holidays: { date: string; name: string }[] }>('GET', `/api/agenda/holidays${qs([['from', from], ['to', to]])}`),
  noShowStats: () => request<NoShowStats>('GET', '/api/agenda/no-show-stats'),
  outbox: (limit = 50) => request<{ simulatedEmail: boolean; messages: OutboxMessage[] }>('GET', `/api/agenda/outbox${qs([['limit', limit]])}`),
  jobs: (status: JobStatus) => request<{ jobs: QueuedJob[] }>('GET', `/api/agenda/jobs${qs([['status', status]])}`),
  retryJob: (id: string) => request<void>('POST', `/api/agenda/jobs/${enc(id)}/retry`),
  cancelJob: (id: string) => request<void>('POST', `/api/agenda/jobs/${enc(id)}/cancel`),
  /** Creates the patient (duplicate check: 409 with details.possibleDuplicates) and books, in one transaction. */
  bookNewPatient: (body: { patient: { birthName: string; givenNames: string; birthDate: string; sex: 'F' | 'M' | 'U'; phone?: string; confirmNotDuplicate?: boolean }; practitionerId: string; motifId?: string | null; start: string; overrideReason?: string; note?: string | null }) =>
    request<{ patientId: string; appointmentId: string }>('POST', '/api/agenda/appointments/new-patient', { body }),
  searchPatients: (q: string) => request<{ patients: PatientSummary[] }>('GET', `/api/patients${qs([['q', q], ['limit', 8]])}`),
};

export const EVENTS_URL = '/api/agenda/events';
