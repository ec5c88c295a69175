import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';

/** Kysely table types of the incident log; the SQL in ./migrations is the source of truth. */
export const INCIDENT_KINDS = ['aggressive_behaviour', 'verbal_threat', 'physical_threat', 'physical_assault', 'theft', 'vandalism', 'other'] as const;
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high'] as const;
export const FOLLOW_UP_ACTIONS = [
  'police_called', 'complaint_filed', 'main_courante', 'ordre_informed', 'insurer_informed', 'patient_letter', 'care_stopped', 'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
export type FollowUpAction = (typeof FOLLOW_UP_ACTIONS)[number];

export interface IncidentsTable {
  id: Generated<string>;
  practice_id: string;
  kind: IncidentKind;
  occurred_at: Timestamp;
  place: string;
  description: string;
  severity: IncidentSeverity;
  patient_id: string | null;
  others: string | null;
  follow_up: ColumnType<FollowUpAction[], FollowUpAction[] | undefined, FollowUpAction[]>;
  follow_up_note: string | null;
  status: Generated<'open' | 'closed'>;
  closed_at: Timestamp | null;
  closed_by: string | null;
  declared_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface IncidentStaffTable {
  practice_id: string;
  incident_id: string;
  account_id: string;
}

declare module '../platform/db/schema.js' {
  interface DB {
    incidents: IncidentsTable;
    incident_staff: IncidentStaffTable;
  }
}
