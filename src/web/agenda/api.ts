// Agenda API (src/server/agenda/routes/): types and calls used by the agenda pages.
import { request } from '../api/client';
import type { PatientSummary } from '../api/types';

// The API's shapes are the server contract's zod types (src/server/agenda/contract.ts), imported as types only (no
// server code in the bundle); a 409's proposals are error details, not a route answer, hence written here.
import type {
  AgendaSettings, AgendaSettingsBody, Appointment, AppointmentDetail, AppointmentList, AppointmentStatus, CancelBody, ExceptionBody, FreeSlot,
  AgendaException, Holidays, Hours, HoursBody, JobStatus, Motif, MotifBody, MotifPatch, MoveBody, NewPatientBooked, NewPatientBookingBody,
  NoShowStats, Practitioner, PractitionerBody, PractitionerPatch, QueuedJob as QueuedJobContract, Sector, StatusBody, BookBody, UrgentRange, WeeklyRange,
} from '../../server/agenda/contract';
import type { PracticeOutbox } from '../../server/messaging/contract';
import type { StaffMember } from '../../server/staff/contract';

export type {
  AgendaException, AgendaSettings, Appointment, AppointmentStatus, FreeSlot, HistoryEntry, Hours, JobStatus, Motif, NoShowStats, Practitioner, Sector,
  UrgentRange, WeeklyRange,
} from '../../server/agenda/contract';
export type WeekParity = WeeklyRange['weekParity'];
/** A job's status: the contract declares it a string (the answer must not change); the server puts a JobStatus there. */
export type QueuedJob = Omit<QueuedJobContract, 'status'> & { status: JobStatus };
export type OutboxMessage = PracticeOutbox['messages'][number];

/** A 409 answer's details: the next free slots. */
export interface Proposal { practitionerId: string; start: string; end: string; slotId?: string; message?: string }

const enc = encodeURIComponent;
function qs(params: [string, string | number | undefined | null][]): string {
  const s = new URLSearchParams();
  for (const [k, v] of params) if (v !== undefined && v !== null && v !== '') s.append(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
}

export const agendaApi = {
  settings: () => request<AgendaSettings>('GET', '/api/agenda/settings'),
  updateSettings: (body: AgendaSettingsBody) => request<AgendaSettings>('PUT', '/api/agenda/settings', { body }),
  practitioners: (includeInactive = false) =>
    request<{ practitioners: Practitioner[] }>('GET', `/api/agenda/practitioners${includeInactive ? '?includeInactive=true' : ''}`),
  createPractitioner: (body: PractitionerBody) =>
    request<{ practitioner: Practitioner }>('POST', '/api/agenda/practitioners', { body }),
  updatePractitioner: (id: string, body: PractitionerPatch) =>
    request<{ practitioner: Practitioner }>('PATCH', `/api/agenda/practitioners/${enc(id)}`, { body }),
  hours: (id: string) => request<Hours>('GET', `/api/agenda/practitioners/${enc(id)}/hours`),
  saveHours: (id: string, body: HoursBody) =>
    request<{ weekly: number; urgent: number }>('PUT', `/api/agenda/practitioners/${enc(id)}/hours`, { body }),
  addException: (id: string, body: ExceptionBody) =>
    request<{ exception: AgendaException }>('POST', `/api/agenda/practitioners/${enc(id)}/exceptions`, { body }),
  removeException: (id: string) => request<void>('DELETE', `/api/agenda/exceptions/${enc(id)}`),
  motifs: (practitionerId?: string) => request<{ motifs: Motif[] }>('GET', `/api/agenda/motifs${qs([['practitionerId', practitionerId]])}`),
  createMotif: (body: MotifBody) =>
    request<{ motif: Motif }>('POST', '/api/agenda/motifs', { body }),
  updateMotif: (id: string, body: MotifPatch) => request<{ motif: Motif }>('PATCH', `/api/agenda/motifs/${enc(id)}`, { body }),
  staff: () => request<{ members: StaffMember[] }>('GET', '/api/staff'),

  appointments: (from: string, to: string, practitionerIds?: string[]) =>
    request<AppointmentList>(
      'GET', `/api/agenda/appointments${qs([['from', from], ['to', to], ...(practitionerIds ?? []).map((id): [string, string] => ['practitionerId', id])])}`,
    ),
  appointment: (id: string) => request<AppointmentDetail>('GET', `/api/agenda/appointments/${enc(id)}`),
  book: (body: BookBody) =>
    request<{ appointment: Appointment }>('POST', '/api/agenda/appointments', { body }),
  move: (id: string, body: MoveBody) =>
    request<{ appointment: Appointment }>('POST', `/api/agenda/appointments/${enc(id)}/move`, { body }),
  cancel: (id: string, body: CancelBody) =>
    request<{ appointment: Appointment }>('POST', `/api/agenda/appointments/${enc(id)}/cancel`, { body }),
  setStatus: (id: string, body: StatusBody) =>
    request<{ appointment: Appointment }>('POST', `/api/agenda/appointments/${enc(id)}/status`, { body }),
  freeSlots: (p: { practitionerId: string; motifId?: string | null; from?: string; limit?: number }) =>
    request<{ slots: FreeSlot[] }>('GET', `/api/agenda/free-slots${qs([['practitionerId', p.practitionerId], ['motifId', p.motifId], ['from', p.from], ['limit', p.limit ?? 8]])}`),
  holidays: (from: string, to: string) => request<Holidays>('GET', `/api/agenda/holidays${qs([['from', from], ['to', to]])}`),
  noShowStats: () => request<NoShowStats>('GET', '/api/agenda/no-show-stats'),
  outbox: (limit = 50) => request<PracticeOutbox>('GET', `/api/agenda/outbox${qs([['limit', limit]])}`),
  jobs: (status: JobStatus) => request<{ jobs: QueuedJob[] }>('GET', `/api/agenda/jobs${qs([['status', status]])}`),
  retryJob: (id: string) => request<void>('POST', `/api/agenda/jobs/${enc(id)}/retry`),
  cancelJob: (id: string) => request<void>('POST', `/api/agenda/jobs/${enc(id)}/cancel`),
  /** Creates the patient (duplicate check: 409 with details.possibleDuplicates) and books, in one transaction. */
  bookNewPatient: (body: NewPatientBookingBody) =>
    request<NewPatientBooked>('POST', '/api/agenda/appointments/new-patient', { body }),
  searchPatients: (q: string) => request<{ patients: PatientSummary[] }>('GET', `/api/patients${qs([['q', q], ['limit', 8]])}`),
};

export const EVENTS_URL = '/api/agenda/events';
