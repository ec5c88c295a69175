// Incident log API (src/server/incidents/routes.ts).
import { request } from '../api/client';

export const KINDS = ['aggressive_behaviour', 'verbal_threat', 'physical_threat', 'physical_assault', 'theft', 'vandalism', 'other'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const FOLLOW_UPS = ['police_called', 'complaint_filed', 'main_courante', 'ordre_informed', 'insurer_informed', 'patient_letter', 'care_stopped', 'other'] as const;
export type Kind = (typeof KINDS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type FollowUp = (typeof FOLLOW_UPS)[number];
interface Person { id: string; name: string }

export interface Incident {
  id: string;
  kind: Kind;
  occurredAt: string;
  place: string;
  description: string;
  severity: Severity;
  staff: Person[];
  patient: { id: string; name: string; birthDate: string } | null;
  others: string | null;
  followUp: FollowUp[];
  followUpNote: string | null;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedBy: Person | null;
  declaredBy: Person;
  createdAt: string;
  updatedAt: string;
}

export interface NewIncident {
  kind: Kind; occurredAt: string; place: string; description: string; severity: Severity;
  staffIds: string[]; patientId: string | null; others: string | null; followUp: FollowUp[]; followUpNote: string | null;
}

const enc = encodeURIComponent;
export const incidentApi = {
  list: (status: 'open' | 'closed' | 'all') => request<{ incidents: Incident[]; seesAll: boolean }>('GET', `/api/incidents?status=${status}`),
  create: (body: NewIncident) => request<{ incident: Incident }>('POST', '/api/incidents', { body }),
  update: (id: string, body: { severity?: Severity; followUp?: FollowUp[]; followUpNote?: string | null; status?: 'open' | 'closed' }) =>
    request<{ incident: Incident }>('PATCH', `/api/incidents/${enc(id)}`, { body }),
  staff: () => request<{ staff: (Person & { practitioner: boolean })[] }>('GET', '/api/phone-log/staff'),
};
