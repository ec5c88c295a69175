import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';
import type { FollowUpAction, IncidentKind, IncidentSeverity } from './contract.js';

/** Kysely table types of the incident log; the SQL in ./migrations is the source of truth. */
export { FOLLOW_UP_ACTIONS, INCIDENT_KINDS, INCIDENT_SEVERITIES, type FollowUpAction, type IncidentKind, type IncidentSeverity } from './contract.js';

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
