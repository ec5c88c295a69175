import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';

/** Kysely table types of the agenda; the SQL in ./migrations is the source of truth. */
export type AppointmentStatus =
  | 'booked'
  | 'confirmed'
  | 'arrived'
  | 'in_consultation'
  | 'done'
  | 'no_show'
  | 'cancelled_by_patient'
  | 'cancelled_by_practice';
export type BookingChannel = 'desk' | 'online' | 'assistant' | 'api';
export type Sector = '1' | '2' | 'optam' | 'non_conventionne';

export interface AgendaSettingsTable {
  practice_id: string;
  holiday_region: Generated<string>;
  urgent_release_minutes: Generated<number>;
  updated_at: Timestamp;
}

export interface PractitionersTable {
  id: Generated<string>;
  practice_id: string;
  account_id: string | null;
  display_name: string;
  rpps: string | null;
  specialty: Generated<string>;
  sector: Generated<Sector>;
  colour: Generated<string>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RoomsTable {
  id: Generated<string>;
  practice_id: string;
  name: string;
  active: Generated<boolean>;
}

export interface ResourcesTable {
  id: Generated<string>;
  practice_id: string;
  name: string;
  kind: Generated<'equipment' | 'room' | 'chair' | 'other'>;
  room_id: string | null;
  active: Generated<boolean>;
}

export interface OpeningHoursTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  valid_from: Generated<string>;
  valid_until: string | null;
  week_parity: Generated<'all' | 'even' | 'odd'>;
  room_id: string | null;
}

export interface AgendaExceptionsTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  kind: 'opening' | 'absence';
  reason: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_at: CreatedAt;
}

export interface AppointmentTypesTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string | null;
  name: string;
  duration_minutes: number;
  buffer_minutes: Generated<number>;
  colour: Generated<string>;
  new_patients_allowed: Generated<boolean>;
  online_bookable: Generated<boolean>;
  teleconsultation: Generated<boolean>;
  preparation_instructions: string | null;
  documents_to_bring: string | null;
  required_resource_id: string | null;
  capacity: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UrgentRangesTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
}

export interface AppointmentSeriesTable {
  id: Generated<string>;
  practice_id: string;
  patient_id: string;
  practitioner_id: string;
  occurrences: number;
  interval_days: number;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface AppointmentsTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  patient_id: string;
  appointment_type_id: string | null;
  resource_id: string | null;
  series_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  busy_until: Timestamp;
  capacity: Generated<number>;
  /** int4range as text, e.g. '[1,)' (exclusive) or '[2,3)' (seat 2). */
  seats: ColumnType<string, string | undefined, string>;
  status: Generated<AppointmentStatus>;
  channel: BookingChannel;
  teleconsultation: Generated<boolean>;
  note: string | null;
  override_reason: string | null;
  cancellation_reason: string | null;
  cancelled_at: Timestamp | null;
  status_changed_at: Generated<Date>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
  /** Bumped by the database on every move: manage links of an older generation are superseded (0103). */
  manage_link_generation: Generated<number>;
}

export interface AppointmentEventsTable {
  id: Generated<string>;
  practice_id: string;
  appointment_id: string;
  at: Generated<Date>;
  account_id: string | null;
  channel: BookingChannel | 'system';
  kind: 'created' | 'moved' | 'status' | 'updated';
  from_status: AppointmentStatus | null;
  to_status: AppointmentStatus | null;
  from_starts_at: Timestamp | null;
  to_starts_at: Timestamp | null;
  reason: string | null;
}

declare module '../platform/db/schema.js' {
  interface DB {
    agenda_settings: AgendaSettingsTable;
    practitioners: PractitionersTable;
    rooms: RoomsTable;
    resources: ResourcesTable;
    opening_hours: OpeningHoursTable;
    agenda_exceptions: AgendaExceptionsTable;
    appointment_types: AppointmentTypesTable;
    urgent_ranges: UrgentRangesTable;
    appointment_series: AppointmentSeriesTable;
    appointments: AppointmentsTable;
    appointment_events: AppointmentEventsTable;
  }
}
