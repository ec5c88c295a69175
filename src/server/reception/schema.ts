import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';
import type { BoardDisplay, ItemKey, VisitStatus } from './contract.js';

/** Kysely table types of the reception desk; the SQL in ./migrations is the source of truth. */
export type { BoardDisplay, VisitStatus } from './contract.js';
export type ChecklistItemKey = ItemKey;
export type VisitKind = 'appointment' | 'walk_in';

type DateColumn = ColumnType<string, string, string>;

export interface ReceptionSettingsTable {
  practice_id: string;
  late_grace_minutes: Generated<number>;
  no_show_grace_minutes: Generated<number>;
  board_display: Generated<BoardDisplay>;
  board_show_average_wait: Generated<boolean>;
  board_token_hash: Buffer | null;
  board_token_created_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ReceptionTicketCountersTable {
  practice_id: string;
  service_date: DateColumn;
  last_number: number;
}

export interface ReceptionVisitsTable {
  id: Generated<string>;
  practice_id: string;
  appointment_id: string | null;
  patient_id: string;
  practitioner_id: string | null;
  kind: VisitKind;
  urgent: Generated<boolean>;
  urgent_reason: string | null;
  ticket_number: number;
  service_date: DateColumn;
  waiting_room_id: string | null;
  status: Generated<VisitStatus>;
  arrived_at: Timestamp;
  called_at: Timestamp | null;
  called_to: string | null;
  call_count: Generated<number>;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  left_at: Timestamp | null;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReceptionChecklistTicksTable {
  practice_id: string;
  visit_id: string;
  item: ChecklistItemKey;
  ticked_by: string | null;
  ticked_at: Generated<Date>;
  note: string | null;
}

export interface ReceptionDeclaredDelaysTable {
  practice_id: string;
  practitioner_id: string;
  service_date: DateColumn;
  minutes: number;
  declared_by: string | null;
  declared_at: Timestamp;
}

export interface ReceptionDelayNoticesTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  service_date: DateColumn;
  minutes: number;
  appointment_ids: string[];
  messages: number;
  created_by: string | null;
  created_at: CreatedAt;
}

declare module '../platform/db/schema.js' {
  interface DB {
    reception_settings: ReceptionSettingsTable;
    reception_ticket_counters: ReceptionTicketCountersTable;
    reception_visits: ReceptionVisitsTable;
    reception_checklist_ticks: ReceptionChecklistTicksTable;
    reception_declared_delays: ReceptionDeclaredDelaysTable;
    reception_delay_notices: ReceptionDelayNoticesTable;
  }
}
