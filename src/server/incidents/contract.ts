/** The incident log's API shapes: zod schemas and their types, shared by the routes, the service and the web (type-only). */
import { z } from 'zod';
import { personRef as person, patientRef } from '../platform/contract.js';

export const INCIDENT_KINDS = ['aggressive_behaviour', 'verbal_threat', 'physical_threat', 'physical_assault', 'theft', 'vandalism', 'other'] as const;
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high'] as const;
export const FOLLOW_UP_ACTIONS = [
  'police_called', 'complaint_filed', 'main_courante', 'ordre_informed', 'insurer_informed', 'patient_letter', 'care_stopped', 'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
export type FollowUpAction = (typeof FOLLOW_UP_ACTIONS)[number];

export const incidentView = z.object({
  id: z.uuid(),
  kind: z.enum(INCIDENT_KINDS),
  occurredAt: z.string(),
  place: z.string(),
  description: z.string(),
  severity: z.enum(INCIDENT_SEVERITIES),
  staff: z.array(person),
  patient: patientRef.nullable(),
  others: z.string().nullable(),
  followUp: z.array(z.enum(FOLLOW_UP_ACTIONS)),
  followUpNote: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  closedBy: person.nullable(),
  declaredBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IncidentView = z.infer<typeof incidentView>;

export const newIncidentInput = z.object({
  kind: z.enum(INCIDENT_KINDS),
  occurredAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().min(1).max(200),
  description: z.string().trim().min(3).max(8000),
  severity: z.enum(INCIDENT_SEVERITIES),
  staffIds: z.array(z.uuid()).max(20).default([]),
  patientId: z.uuid().nullable().optional(),
  others: z.string().trim().max(2000).nullable().optional(),
  followUp: z.array(z.enum(FOLLOW_UP_ACTIONS)).max(FOLLOW_UP_ACTIONS.length).default([]),
  followUpNote: z.string().trim().max(4000).nullable().optional(),
});
/** What the service receives (defaults applied); the web sends `NewIncidentRequest`. */
export type NewIncident = z.output<typeof newIncidentInput>;
export type NewIncidentRequest = z.input<typeof newIncidentInput>;

export const incidentUpdateInput = z.object({
  severity: z.enum(INCIDENT_SEVERITIES).optional(),
  followUp: z.array(z.enum(FOLLOW_UP_ACTIONS)).max(FOLLOW_UP_ACTIONS.length).optional(),
  followUpNote: z.string().trim().max(4000).nullable().optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export type IncidentUpdate = z.output<typeof incidentUpdateInput>;
