-- Agenda: practitioners, resources, hours, absences, motifs, urgent ranges, appointments and their history.
-- Every practice-owned row carries practice_id, and every reference between agenda rows goes through a
-- composite foreign key (practice_id, id): no row can point into another practice.

-- RPPS numbers (11 digits) end with a Luhn check digit.
CREATE OR REPLACE FUNCTION pivot_luhn_ok(digits text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT digits ~ '^[0-9]+$' AND (
      SELECT sum(CASE WHEN (length(digits) - i) % 2 = 1
                      THEN (CASE WHEN d * 2 > 9 THEN d * 2 - 9 ELSE d * 2 END)
                      ELSE d END) % 10 = 0
      FROM (SELECT i, substr(digits, i, 1)::int AS d FROM generate_series(1, length(digits)) AS i) AS x
    )
  $$;

-- Agenda settings of a practice (time zone: practices.timezone).
CREATE TABLE agenda_settings (
  practice_id uuid PRIMARY KEY REFERENCES practices(id),
  -- Public holidays (date-holidays): metropole, Alsace-Moselle (57, 67, 68), overseas (GP, MQ, GF, RE, YT, MF, BL, NC, PF, PM, WF).
  holiday_region text NOT NULL DEFAULT 'metropole' CHECK (holiday_region IN (
    'metropole', '57', '67', '68', 'GP', 'MQ', 'GF', 'RE', 'YT', 'MF', 'BL', 'NC', 'PF', 'PM', 'WF')),
  -- Urgent ranges are released to every channel this many minutes before they start (default rule).
  urgent_release_minutes integer NOT NULL DEFAULT 120 CHECK (urgent_release_minutes BETWEEN 0 AND 10080),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE practitioners (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  account_id uuid,
  display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
  rpps text CHECK (rpps IS NULL OR (rpps ~ '^[0-9]{11}$' AND pivot_luhn_ok(rpps))),
  specialty text NOT NULL DEFAULT 'Médecine générale' CHECK (length(btrim(specialty)) BETWEEN 1 AND 200),
  sector text NOT NULL DEFAULT '1' CHECK (sector IN ('1', '2', 'optam', 'non_conventionne')),
  colour text NOT NULL DEFAULT '#2563eb' CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, id),
  -- The linked staff account must be a member of the same practice.
  FOREIGN KEY (practice_id, account_id) REFERENCES memberships (practice_id, account_id)
);
CREATE UNIQUE INDEX practitioners_rpps_key ON practitioners (practice_id, rpps) WHERE rpps IS NOT NULL;
CREATE UNIQUE INDEX practitioners_account_key ON practitioners (practice_id, account_id) WHERE account_id IS NOT NULL;

CREATE TABLE rooms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  active boolean NOT NULL DEFAULT true,
  UNIQUE (practice_id, id)
);

-- Bookable resources (ultrasound machine, dental chair): never two active appointments on one at a time.
CREATE TABLE resources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  kind text NOT NULL DEFAULT 'equipment' CHECK (kind IN ('equipment', 'room', 'chair', 'other')),
  room_id uuid,
  active boolean NOT NULL DEFAULT true,
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, room_id) REFERENCES rooms (practice_id, id)
);

-- Weekly opening hours: one row per interval (a break is the gap between two rows of a day).
-- week_parity: every week, or ISO-even / ISO-odd weeks only (alternate weeks).
CREATE TABLE opening_hours (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: 1 = Monday
  start_time time NOT NULL,
  end_time time NOT NULL CHECK (end_time > start_time),
  valid_from date NOT NULL DEFAULT DATE '2000-01-01',
  valid_until date CHECK (valid_until IS NULL OR valid_until >= valid_from),
  week_parity text NOT NULL DEFAULT 'all' CHECK (week_parity IN ('all', 'even', 'odd')),
  room_id uuid,
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id) ON DELETE CASCADE,
  FOREIGN KEY (practice_id, room_id) REFERENCES rooms (practice_id, id)
);
CREATE INDEX opening_hours_practitioner_idx ON opening_hours (practice_id, practitioner_id);

-- Exceptional openings (a Saturday covering for a colleague) and absences (leave, training, sickness).
CREATE TABLE agenda_exceptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('opening', 'absence')),
  reason text CHECK (reason IS NULL OR length(reason) <= 200),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id) ON DELETE CASCADE
);
CREATE INDEX agenda_exceptions_idx ON agenda_exceptions USING gist (practitioner_id, tstzrange(starts_at, ends_at));

-- Appointment types (motifs). practitioner_id NULL: offered by every practitioner of the practice.
CREATE TABLE appointment_types (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  practitioner_id uuid,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  buffer_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 120),
  colour text NOT NULL DEFAULT '#64748b' CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
  new_patients_allowed boolean NOT NULL DEFAULT true,
  online_bookable boolean NOT NULL DEFAULT false, -- false: desk only
  teleconsultation boolean NOT NULL DEFAULT false,
  preparation_instructions text CHECK (preparation_instructions IS NULL OR length(preparation_instructions) <= 2000),
  documents_to_bring text CHECK (documents_to_bring IS NULL OR length(documents_to_bring) <= 2000),
  required_resource_id uuid,
  -- Places at the same time (group sessions, controlled overbooking); 1 = exclusive.
  capacity integer NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 50),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id),
  FOREIGN KEY (practice_id, required_resource_id) REFERENCES resources (practice_id, id)
);

-- Weekly ranges kept for same-day needs (opening time too); released to online and assistant bookings
-- agenda_settings.urgent_release_minutes before they start. The desk can always book them.
CREATE TABLE urgent_ranges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time time NOT NULL,
  end_time time NOT NULL CHECK (end_time > start_time),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id) ON DELETE CASCADE
);

-- A recurring series (e.g. 10 physiotherapy sessions), booked all or nothing.
CREATE TABLE appointment_series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  patient_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  occurrences integer NOT NULL CHECK (occurrences BETWEEN 2 AND 60),
  interval_days integer NOT NULL CHECK (interval_days BETWEEN 1 AND 90),
  created_by uuid REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);

CREATE TABLE appointments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  practitioner_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  appointment_type_id uuid,
  resource_id uuid,
  series_id uuid,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '12 hours'),
  -- End of the time kept busy: ends_at plus the motif's buffer (cleaning, notes).
  busy_until timestamptz NOT NULL CHECK (busy_until >= ends_at),
  -- Capacity: an exclusive appointment holds every seat [1,∞); a place in a capacity-N motif holds one seat
  -- [k,k+1) with 1 ≤ k ≤ capacity. The exclusion constraints below then allow at most N overlapping places.
  capacity integer NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 50),
  seats int4range NOT NULL DEFAULT int4range(1, NULL),
  status text NOT NULL DEFAULT 'booked' CHECK (status IN (
    'booked', 'confirmed', 'arrived', 'in_consultation', 'done', 'no_show', 'cancelled_by_patient', 'cancelled_by_practice')),
  channel text NOT NULL CHECK (channel IN ('desk', 'online', 'assistant', 'api')),
  teleconsultation boolean NOT NULL DEFAULT false,
  note text CHECK (note IS NULL OR length(note) <= 2000),
  override_reason text CHECK (override_reason IS NULL OR length(btrim(override_reason)) BETWEEN 3 AND 500),
  cancellation_reason text CHECK (cancellation_reason IS NULL OR length(cancellation_reason) <= 500),
  cancelled_at timestamptz,
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (
    (capacity = 1 AND seats = int4range(1, NULL))
    OR (capacity > 1 AND NOT upper_inf(seats) AND upper(seats) - lower(seats) = 1 AND lower(seats) BETWEEN 1 AND capacity)
  ),
  CHECK ((status LIKE 'cancelled_%') = (cancelled_at IS NOT NULL)),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, appointment_type_id) REFERENCES appointment_types (practice_id, id),
  FOREIGN KEY (practice_id, resource_id) REFERENCES resources (practice_id, id),
  FOREIGN KEY (practice_id, series_id) REFERENCES appointment_series (practice_id, id),
  -- No double booking, enforced by the database: active appointments (not cancelled, not no-show) of one
  -- practitioner, or on one resource, never overlap on a common seat. Back-to-back ranges do not overlap.
  CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
    practitioner_id WITH =, seats WITH &&, tstzrange(starts_at, busy_until) WITH &&
  ) WHERE (status IN ('booked', 'confirmed', 'arrived', 'in_consultation', 'done')),
  CONSTRAINT appointments_resource_no_overlap EXCLUDE USING gist (
    resource_id WITH =, seats WITH &&, tstzrange(starts_at, busy_until) WITH &&
  ) WHERE (resource_id IS NOT NULL AND status IN ('booked', 'confirmed', 'arrived', 'in_consultation', 'done'))
);
CREATE INDEX appointments_practice_time_idx ON appointments (practice_id, starts_at);
CREATE INDEX appointments_patient_idx ON appointments (practice_id, patient_id, starts_at);
CREATE INDEX appointments_series_idx ON appointments (series_id) WHERE series_id IS NOT NULL;

-- Who did what and when, per appointment: creation, moves, every status change, cancellation.
CREATE TABLE appointment_events (
  id bigserial PRIMARY KEY,
  practice_id uuid NOT NULL,
  appointment_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  account_id uuid REFERENCES accounts(id),
  channel text NOT NULL CHECK (channel IN ('desk', 'online', 'assistant', 'api', 'system')),
  kind text NOT NULL CHECK (kind IN ('created', 'moved', 'status', 'updated')),
  from_status text,
  to_status text,
  from_starts_at timestamptz,
  to_starts_at timestamptz,
  reason text CHECK (reason IS NULL OR length(reason) <= 500),
  FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id)
);
CREATE INDEX appointment_events_appointment_idx ON appointment_events (appointment_id, id);
