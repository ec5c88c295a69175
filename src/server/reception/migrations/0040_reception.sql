-- Reception desk: visits (one per arrival at the practice, with or without an appointment), their
-- checklist ticks, per-practice reception settings, ticket counters, declared delays and delay notices.
-- Every reference goes through a composite foreign key (practice_id, id): no row points into another practice.

CREATE TABLE reception_settings (
  practice_id uuid PRIMARY KEY REFERENCES practices(id),
  -- A patient not arrived this many minutes after the start is « en retard »…
  late_grace_minutes integer NOT NULL DEFAULT 10 CHECK (late_grace_minutes BETWEEN 0 AND 120),
  -- …and after this many minutes the desk is invited to record a no-show (never automatic).
  no_show_grace_minutes integer NOT NULL DEFAULT 30 CHECK (no_show_grace_minutes BETWEEN 1 AND 480),
  -- Medical secrecy on the waiting-room board: ticket numbers (default) or initials, never full names.
  board_display text NOT NULL DEFAULT 'ticket' CHECK (board_display IN ('ticket', 'initials')),
  board_show_average_wait boolean NOT NULL DEFAULT false,
  -- SHA-256 of the secret of the board's kiosk link; NULL: no board link.
  board_token_hash bytea CHECK (board_token_hash IS NULL OR length(board_token_hash) = 32),
  board_token_created_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (no_show_grace_minutes > late_grace_minutes),
  CHECK ((board_token_hash IS NULL) = (board_token_created_at IS NULL))
);
CREATE UNIQUE INDEX reception_settings_board_token_key ON reception_settings (board_token_hash) WHERE board_token_hash IS NOT NULL;

-- Ticket numbers restart each (practice-local) day; the counter makes concurrent check-ins never collide.
CREATE TABLE reception_ticket_counters (
  practice_id uuid NOT NULL REFERENCES practices(id),
  service_date date NOT NULL,
  last_number integer NOT NULL CHECK (last_number >= 1),
  PRIMARY KEY (practice_id, service_date)
);

CREATE TABLE reception_visits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  appointment_id uuid,
  patient_id uuid NOT NULL,
  -- NULL: a walk-in waiting for the first free practitioner.
  practitioner_id uuid,
  kind text NOT NULL CHECK (kind IN ('appointment', 'walk_in')),
  urgent boolean NOT NULL DEFAULT false,
  urgent_reason text CHECK (urgent_reason IS NULL OR length(btrim(urgent_reason)) BETWEEN 1 AND 300),
  ticket_number integer NOT NULL CHECK (ticket_number BETWEEN 1 AND 9999),
  -- The practice's local date of the arrival (practices.timezone).
  service_date date NOT NULL,
  -- Several waiting rooms are not modelled yet: one per practice.
  waiting_room_id uuid,
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'called', 'in_consultation', 'done', 'left')),
  arrived_at timestamptz NOT NULL DEFAULT now(),
  called_at timestamptz,
  -- Where the patient is called to, as shown on the board (« Cabinet 2 »): a place, never a patient detail.
  called_to text CHECK (called_to IS NULL OR length(btrim(called_to)) BETWEEN 1 AND 60),
  call_count integer NOT NULL DEFAULT 0 CHECK (call_count >= 0),
  started_at timestamptz,
  ended_at timestamptz,
  left_at timestamptz,
  note text CHECK (note IS NULL OR length(note) <= 500),
  created_by uuid REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, id),
  UNIQUE (appointment_id),
  UNIQUE (practice_id, service_date, ticket_number),
  FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id),
  -- An appointment visit has its appointment; a walk-in has none.
  CHECK ((kind = 'appointment') = (appointment_id IS NOT NULL)),
  CHECK (urgent OR urgent_reason IS NULL),
  -- Status and timestamps tell the same story.
  CHECK (CASE status
    WHEN 'waiting' THEN called_at IS NULL AND started_at IS NULL AND ended_at IS NULL AND left_at IS NULL
    WHEN 'called' THEN called_at IS NOT NULL AND started_at IS NULL AND ended_at IS NULL AND left_at IS NULL
    WHEN 'in_consultation' THEN started_at IS NOT NULL AND ended_at IS NULL AND left_at IS NULL
    WHEN 'done' THEN started_at IS NOT NULL AND ended_at IS NOT NULL AND left_at IS NULL
    WHEN 'left' THEN started_at IS NULL AND ended_at IS NULL AND left_at IS NOT NULL
  END),
  CHECK (called_at IS NULL OR called_at >= arrived_at),
  CHECK (started_at IS NULL OR started_at >= arrived_at),
  CHECK (ended_at IS NULL OR ended_at >= started_at),
  CHECK (left_at IS NULL OR left_at >= arrived_at),
  -- Who is consulting must be known once the consultation starts.
  CHECK (started_at IS NULL OR practitioner_id IS NOT NULL),
  CHECK ((called_to IS NULL) = (called_at IS NULL))
);
CREATE INDEX reception_visits_day_idx ON reception_visits (practice_id, service_date, status);
CREATE INDEX reception_visits_patient_idx ON reception_visits (practice_id, patient_id);

-- Checklist items the desk ticked for a visit (carte Vitale read, documents seen…). The list itself is
-- computed from the patient's file and the motif (src/server/reception/rules/checklist.ts).
CREATE TABLE reception_checklist_ticks (
  practice_id uuid NOT NULL,
  visit_id uuid NOT NULL,
  item text NOT NULL CHECK (item IN ('vitale', 'amo_rights', 'mutuelle', 'id_document', 'motif_documents', 'gp', 'contact')),
  ticked_by uuid REFERENCES accounts(id),
  ticked_at timestamptz NOT NULL DEFAULT now(),
  note text CHECK (note IS NULL OR length(note) <= 300),
  PRIMARY KEY (visit_id, item),
  FOREIGN KEY (practice_id, visit_id) REFERENCES reception_visits (practice_id, id) ON DELETE CASCADE
);

-- A delay declared by the desk for a practitioner on a day (« le Dr Martin a 30 min de retard »).
CREATE TABLE reception_declared_delays (
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  service_date date NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 0 AND 480),
  declared_by uuid REFERENCES accounts(id),
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, practitioner_id, service_date),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);

-- One « prévenir les prochains patients » action: who, for which practitioner, how late, how many messages.
CREATE TABLE reception_delay_notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  service_date date NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 480),
  appointment_ids uuid[] NOT NULL,
  messages integer NOT NULL CHECK (messages >= 0),
  created_by uuid REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);

-- Live desk and board: every change of a visit, tick or delay NOTIFYs `pivot_reception` with identifiers only.
CREATE FUNCTION reception_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  PERFORM pg_notify('pivot_reception', json_build_object(
    'practiceId', r.practice_id,
    'table', TG_TABLE_NAME,
    'op', lower(TG_OP)
  )::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER reception_visits_notify AFTER INSERT OR UPDATE OR DELETE ON reception_visits
  FOR EACH ROW EXECUTE FUNCTION reception_notify_change();
CREATE TRIGGER reception_checklist_ticks_notify AFTER INSERT OR UPDATE OR DELETE ON reception_checklist_ticks
  FOR EACH ROW EXECUTE FUNCTION reception_notify_change();
CREATE TRIGGER reception_declared_delays_notify AFTER INSERT OR UPDATE OR DELETE ON reception_declared_delays
  FOR EACH ROW EXECUTE FUNCTION reception_notify_change();
CREATE TRIGGER reception_settings_notify AFTER INSERT OR UPDATE ON reception_settings
  FOR EACH ROW EXECUTE FUNCTION reception_notify_change();
