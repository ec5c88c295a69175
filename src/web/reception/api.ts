// Reception desk API (src/server/reception/routes.ts): types and calls used by the desk, the board and the settings.
import { request } from '../api/client';

export type RowState = 'expected' | 'late' | 'no_show_suggested' | 'no_show' | 'waiting' | 'called' | 'in_consultation' | 'done' | 'left';
export type ItemKey = 'vitale' | 'amo_rights' | 'mutuelle' | 'id_document' | 'motif_documents' | 'gp' | 'contact';
export type BoardDisplay = 'ticket' | 'initials';

export interface DeskPatient {
  id: string; name: string; birthName: string; usedName: string | null; firstName: string; birthDate: string; sex: 'M' | 'F' | 'U'; identityStatus: string;
  accessibilityNeeds: string[]; accessibilityNotes: string | null; interpreterLanguage: string | null; preferredLanguage: string;
}
export interface DeskRow {
  key: string; visitId: string | null; appointmentId: string | null; appointmentStatus: string | null; kind: 'appointment' | 'walk_in';
  patient: DeskPatient; practitionerId: string | null; practitionerName: string | null; motifName: string | null;
  scheduledStart: string | null; scheduledEnd: string | null; state: RowState; urgent: boolean; urgentReason: string | null;
  ticketNumber: number | null; arrivedAt: string | null; calledAt: string | null; calledTo: string | null; startedAt: string | null;
  endedAt: string | null; leftAt: string | null; waitingMinutes: number | null; missing: ItemKey[]; queueRank: number | null;
}
export interface Delay { minutes: number; source: 'declared' | 'computed' | 'none' }
export interface PractitionerDay { id: string; name: string; accountId: string | null; delay: Delay; waiting: number; inConsultation: boolean }
export interface ReceptionSettings {
  lateGraceMinutes: number; noShowGraceMinutes: number; boardDisplay: BoardDisplay; boardShowAverageWait: boolean;
  boardLinkActive: boolean; boardLinkCreatedAt: string | null;
}
export interface DayView { date: string; timeZone: string; now: string; settings: ReceptionSettings; practitioners: PractitionerDay[]; rows: DeskRow[] }
export interface ChecklistItem { key: ItemKey; state: 'ok' | 'todo' | 'warning' | 'done'; reason: string; params: Record<string, string>; ticked: { at: string; by: string | null } | null }
export interface Amo { regime: string; caisse: string; insuredNir: string | null; rightsFrom: string | null; rightsUntil: string | null; ald: { label: string; until: string | null }[]; exemptions: unknown[] }
export interface Phone { number: string; kind: 'mobile' | 'home' | 'work' | 'other'; label?: string }
export interface Contact { phones: Phone[]; email: string | null; address: { lines: string[]; postalCode: string; city: string; country: string } | null; smsConsent: boolean; emailConsent: boolean; preferredLanguage: string }
export interface Checklist {
  visitId: string | null; appointmentId: string | null; motifName: string | null;
  patient: DeskPatient & { contact: Contact; amo: Amo | null; amc: { organisme: string; validUntil: string | null; tiersPayant: boolean } | null; gp: { name: string } | null; nir: string | null };
  items: ChecklistItem[]; missing: ItemKey[];
}
export interface Visit {
  id: string; appointmentId: string | null; patientId: string; practitionerId: string | null; kind: 'appointment' | 'walk_in'; urgent: boolean;
  urgentReason: string | null; ticketNumber: number; serviceDate: string; status: string; arrivedAt: string; calledAt: string | null; calledTo: string | null;
}
export interface VitaleBeneficiary { rank: number; quality: 'assure' | 'ayant_droit'; nir: string | null; birthName: string; usedName: string | null; firstName: string; birthDate: string; amo: Amo; gpName: string | null }
export interface VitaleRead {
  simulated: boolean; ok: boolean; error: { code: string; fr: string; en: string } | null;
  card: { support: 'card' | 'apcv'; serial: string; holderNir: string; readAt: string; simulated: boolean; beneficiaries: VitaleBeneficiary[] } | null;
  matchedRank: number | null;
  proposal: { amo: Amo | null; amoChanges: string[]; nir: string | null; birthPlace: { code: string; name: string } | null; rightsExpired: boolean; traitDifferences: { field: string; file: string; card: string }[] } | null;
}
export interface Board {
  practiceName: string; display: BoardDisplay; averageWaitMinutes: number | null; waiting: { label: string }[];
  calls: { id: string; label: string; to: string; at: string; count: number }[]; now: string;
}

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
