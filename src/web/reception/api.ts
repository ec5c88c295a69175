// Reception desk API (src/server/reception/routes.ts): types and calls used by the desk, the board and the settings.
import { request } from '../api/client';
import type { Amc, Amo, PatientContact as Contact, PatientGp } from '../api/types';
import type {
  Board, ChecklistOut, DayViewOut, DeskPatientView, DeskRowView, ItemKey, ReceptionSettings, RowState, VisitView, VitaleBeneficiaryOut, VitaleRead,
} from '../../server/reception/contract';

// The answers' shapes are the server contract's zod types, imported as types only (no server code in the bundle).
// Where the contract declares a field loosely (a row's `state`, the checklist's contact, AMO, AMC and GP), the screens
// read it as the type of what the server puts there (the contract's vocabularies, the patients contract's shapes).
export type { BoardDisplay, Board, Delay, ItemKey, PractitionerDay, ReceptionSettings, RowState, VitaleRead } from '../../server/reception/contract';
export type { Amo, PatientContact as Contact, PatientPhone as Phone } from '../api/types';
export type DeskPatient = DeskPatientView;
export type DeskRow = Omit<DeskRowView, 'state'> & { state: RowState };
export type DayView = Omit<DayViewOut, 'rows'> & { rows: DeskRow[] };
export type ChecklistItem = ChecklistOut['items'][number];
export type Checklist = Omit<ChecklistOut, 'patient'> & {
  patient: Omit<ChecklistOut['patient'], 'contact' | 'amo' | 'amc' | 'gp'> & { contact: Contact; amo: Amo | null; amc: Amc | null; gp: PatientGp | null };
};
export type Visit = VisitView;
export type VitaleBeneficiary = VitaleBeneficiaryOut;

const enc = encodeURIComponent;
export const DESK_EVENTS_URL = '/api/reception/events';
export const boardEventsUrl = (token: string) => `/api/reception/board/${enc(token)}/events`;

export const receptionApi = {
  today: () => request<DayView>('GET', '/api/reception/today'),
  settings: () => request<ReceptionSettings>('GET', '/api/reception/settings'),
  saveSettings: (body: Omit<ReceptionSettings, 'boardLinkActive' | 'boardLinkCreatedAt'>) => request<ReceptionSettings>('PUT', '/api/reception/settings', { body }),
  createBoardLink: () => request<{ token: string; path: string }>('POST', '/api/reception/board-link'),
  revokeBoardLink: () => request<void>('DELETE', '/api/reception/board-link'),
  appointmentChecklist: (id: string) => request<Checklist>('GET', `/api/reception/appointments/${enc(id)}/checklist`),
  visitChecklist: (id: string) => request<Checklist>('GET', `/api/reception/visits/${enc(id)}/checklist`),
  tick: (visitId: string, item: ItemKey, ticked: boolean) => request<Checklist>('PUT', `/api/reception/visits/${enc(visitId)}/checklist/${item}`, { body: { ticked } }),
  checkIn: (body: { appointmentId: string; ticks: ItemKey[]; urgent?: boolean; urgentReason?: string | null }) => request<Visit>('POST', '/api/reception/check-in', { body }),
  noShow: (appointmentId: string) => request<{ status: string }>('POST', `/api/reception/appointments/${enc(appointmentId)}/no-show`),
  walkIn: (body: { patientId?: string; patient?: { birthName: string; firstName: string; birthDate: string; sex: 'F' | 'M' | 'U'; phone?: string }; confirmNotDuplicate?: boolean; practitionerId: string | null; urgent: boolean; urgentReason?: string | null }) =>
    request<{ visit: Visit; patientCreated: boolean }>('POST', '/api/reception/walk-ins', { body }),
  urgent: (visitId: string, urgent: boolean, reason?: string | null) => request<Visit>('POST', `/api/reception/visits/${enc(visitId)}/urgent`, { body: { urgent, reason: reason || null } }),
  call: (visitId: string, body: { practitionerId?: string; calledTo?: string | null }) => request<Visit>('POST', `/api/reception/visits/${enc(visitId)}/call`, { body }),
  start: (visitId: string) => request<Visit>('POST', `/api/reception/visits/${enc(visitId)}/start`),
  end: (visitId: string) => request<Visit>('POST', `/api/reception/visits/${enc(visitId)}/end`),
  left: (visitId: string) => request<Visit>('POST', `/api/reception/visits/${enc(visitId)}/left`),
  callNext: (practitionerId: string, calledTo?: string | null) => request<{ visit: Visit | null }>('POST', `/api/reception/practitioners/${enc(practitionerId)}/call-next`, { body: { calledTo: calledTo || null } }),
  declareDelay: (practitionerId: string, minutes: number | null) => request<void>('PUT', `/api/reception/practitioners/${enc(practitionerId)}/delay`, { body: { minutes } }),
  notifyDelay: (practitionerId: string, count: number, minutes?: number) =>
    request<{ minutes: number; messages: number; patients: { appointmentId: string; channels: ('sms' | 'email')[] }[] }>('POST', `/api/reception/practitioners/${enc(practitionerId)}/delay/notify`, { body: { count, ...(minutes ? { minutes } : {}) } }),
  saveContact: (patientId: string, contact: Contact) => request<{ changedSections: string[] }>('PUT', `/api/reception/patients/${enc(patientId)}/contact`, { body: contact }),
  validateIdentity: (patientId: string, body: { documentType: string; documentNumber: string; expiresOn?: string | null; traitsConfirmed: true }) =>
    request<{ identityStatus: string; statusChange: { from: string; to: string } | null }>('POST', `/api/reception/patients/${enc(patientId)}/identity-validation`, { body }),
  vitaleReader: () => request<{ reader: string; simulated: boolean; scenarios: { id: string; fr: string; en: string }[] }>('GET', '/api/reception/vitale'),
  vitaleRead: (body: { patientId?: string; support: 'card' | 'apcv'; scenario?: string }) => request<VitaleRead>('POST', '/api/reception/vitale/read', { body }),
  vitaleApply: (patientId: string, body: { source: 'card' | 'apcv' | 'manual'; amo?: Amo | null; nir?: string; birthPlaceCode?: string }) => request<{ updated: string[] }>('POST', `/api/reception/patients/${enc(patientId)}/vitale/apply`, { body }),
  deskBoard: () => request<Board>('GET', '/api/reception/board'),
  board: (token: string) => request<Board>('GET', `/api/reception/board/${enc(token)}`, { quiet: true }),
};
