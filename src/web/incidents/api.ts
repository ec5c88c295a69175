// Incident log API (src/server/incidents/routes.ts, shapes in src/server/incidents/contract.ts).
import { request } from '../api/client';
import type { FollowUpAction, IncidentKind, IncidentSeverity, IncidentUpdate, IncidentView, NewIncidentRequest } from '../../server/incidents/contract';

export const KINDS = ['aggressive_behaviour', 'verbal_threat', 'physical_threat', 'physical_assault', 'theft', 'vandalism', 'other'] as const satisfies readonly IncidentKind[];
export const SEVERITIES = ['low', 'medium', 'high'] as const satisfies readonly IncidentSeverity[];
export const FOLLOW_UPS = ['police_called', 'complaint_filed', 'main_courante', 'ordre_informed', 'insurer_informed', 'patient_letter', 'care_stopped', 'other'] as const satisfies readonly FollowUpAction[];
// The API's shapes are the server contract's zod types, imported as types only (no server code in the bundle); the
// lists above are the screens' order of the contract's vocabularies (`satisfies` keeps them within it).
export type Kind = IncidentKind;
export type Severity = IncidentSeverity;
export type FollowUp = FollowUpAction;
export type Incident = IncidentView;
export type NewIncident = NewIncidentRequest;
type Person = Incident['declaredBy'];

const enc = encodeURIComponent;
export const incidentApi = {
  list: (status: 'open' | 'closed' | 'all') => request<{ incidents: Incident[]; seesAll: boolean }>('GET', `/api/incidents?status=${status}`),
  create: (body: NewIncident) => request<{ incident: Incident }>('POST', '/api/incidents', { body }),
  update: (id: string, body: IncidentUpdate) =>
    request<{ incident: Incident }>('PATCH', `/api/incidents/${enc(id)}`, { body }),
  staff: () => request<{ staff: (Person & { practitioner: boolean })[] }>('GET', '/api/phone-log/staff'),
};
