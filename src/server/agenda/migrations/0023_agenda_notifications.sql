-- Agenda notifications, online booking, waiting list, iCalendar feeds.
-- Messages are driven by the job queue (0022_jobs.sql): a trigger on appointments enqueues confirmations,
-- reminders, change and cancellation notices and "slot freed" events IN THE TRANSACTION of the change, so a
-- booking made by any path (desk, online, FHIR, assistant) and its messages commit or roll back together.

CREATE TABLE agenda_notification_settings (
  practice_id uuid PRIMARY KEY REFERENCES practices(id),
  -- Reminders, in minutes before the start (default 48 h and 2 h).
  reminder_offsets_minutes integer[] NOT NULL DEFAULT '{2880,120}'
    CHECK (cardinality(reminder_offsets_minutes) <= 4 AND 0 < ALL (reminder_offsets_minutes) AND 20160 >= ALL (reminder_offsets_minutes)),
  -- The signed link may move/cancel until this many minutes before the start.
  manage_deadline_minutes integer NOT NULL DEFAULT 1440 CHECK (manage_deadline_minutes BETWEEN 0 AND 20160),
  online_booking_enabled boolean NOT NULL DEFAULT true,
  online_min_notice_minutes integer NOT NULL DEFAULT 120 CHECK (online_min_notice_minutes BETWEEN 0 AND 20160),
  waiting_list_enabled boolean NOT NULL DEFAULT true,
  offer_expiry_minutes integer NOT NULL DEFAULT 30 CHECK (offer_expiry_minutes BETWEEN 5 AND 1440),
  -- How many waiting patients are asked at once (first to accept gets it).
  offer_batch_size integer NOT NULL DEFAULT 1 CHECK (offer_batch_size BETWEEN 1 AND 10),
  -- No waiting-list offer is sent between 21:00 and 08:00 (practice time): they wait for the morning.
  offer_quiet_hours boolean NOT NULL DEFAULT true,
  no_show_warn_after integer NOT NULL DEFAULT 2 CHECK (no_show_warn_after BETWEEN 1 AND 100),
  no_show_block_online_after integer NOT NULL DEFAULT 3 CHECK (no_show_block_online_after BETWEEN 1 AND 100),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every message sent about an appointment (or a one-time code, or a waiting-list offer): one row per logical
-- message and channel (dedupe_key), marked `sending` before the driver is called and `sent` in the transaction
-- that completes its job. Without SMTP / SMS provider the row is the outbox (`simulated`, body kept).
CREATE TABLE outgoing_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  dedupe_key text NOT NULL UNIQUE,
  appointment_id uuid,
  kind text NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'changed', 'cancelled', 'otp', 'offer', 'test')),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
  subject text,
  body text NOT NULL DEFAULT '',
  message_id text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'simulated', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  provider text,
  provider_message_id text,
  error text,
  job_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id)
);
CREATE INDEX outgoing_messages_practice_idx ON outgoing_messages (practice_id, created_at DESC);
CREATE INDEX outgoing_messages_appointment_idx ON outgoing_messages (appointment_id);

-- Online booking: identity + contact verified by a one-time code.
CREATE TABLE online_booking_verifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  code_hash bytea NOT NULL,
  identity jsonb NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  destination text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX online_booking_verifications_dest_idx ON online_booking_verifications (practice_id, destination, created_at DESC);

-- Patients created by the online booking page (provisional identity, to be checked at the desk).
CREATE TABLE online_patients (
  practice_id uuid NOT NULL,
  patient_id uuid PRIMARY KEY,
  verification_id uuid REFERENCES online_booking_verifications(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id)
);

-- The HMAC key of signed links (manage, waiting-list offers). Sealed with the platform keyring when available.
CREATE TABLE agenda_link_keys (
  id smallint PRIMARY KEY CHECK (id = 1),
  key_material text NOT NULL,
  sealed boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE waiting_list_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  patient_id uuid NOT NULL,
  practitioner_id uuid,
  motif_id uuid,
  -- The appointment the patient already has and wants earlier (moved on acceptance), if any.
  current_appointment_id uuid,
  earliest date,
  latest date,
  weekdays integer[] NOT NULL DEFAULT '{1,2,3,4,5,6,7}' CHECK (weekdays <@ '{1,2,3,4,5,6,7}'::integer[] AND cardinality(weekdays) >= 1),
  time_of_day text NOT NULL DEFAULT 'any' CHECK (time_of_day IN ('any', 'morning', 'afternoon')),
  note text CHECK (length(note) <= 500),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'satisfied', 'removed')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id),
  FOREIGN KEY (practice_id, motif_id) REFERENCES appointment_types (practice_id, id),
  FOREIGN KEY (practice_id, current_appointment_id) REFERENCES appointments (practice_id, id)
);
CREATE INDEX waiting_list_active_idx ON waiting_list_entries (practice_id, created_at) WHERE status = 'active';

CREATE TABLE waiting_offers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  motif_id uuid,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  slot_key text NOT NULL,
  wave integer NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'expired', 'declined', 'lost')),
  expires_at timestamptz NOT NULL,
  responded_at timestamptz,
  appointment_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entry_id, slot_key),
  FOREIGN KEY (practice_id, entry_id) REFERENCES waiting_list_entries (practice_id, id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);
-- First to accept gets it: at most one accepted offer per freed slot (and the booking's exclusion constraint).
CREATE UNIQUE INDEX waiting_offers_one_winner ON waiting_offers (practice_id, slot_key) WHERE status = 'accepted';
CREATE INDEX waiting_offers_slot_idx ON waiting_offers (practice_id, slot_key);

-- iCalendar feed of a practitioner at a private URL (the token is stored hashed).
CREATE TABLE ical_feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  include_patient_names boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  UNIQUE (practice_id, practitioner_id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);

-- ---------- appointment changes → jobs ----------
CREATE OR REPLACE FUNCTION agenda_enqueue_reminders(a appointments) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  offsets integer[];
  off integer;
BEGIN
  SELECT reminder_offsets_minutes INTO offsets FROM agenda_notification_settings WHERE practice_id = a.practice_id;
  offsets := COALESCE(offsets, '{2880,120}');
  FOREACH off IN ARRAY offsets LOOP
    IF a.starts_at - make_interval(mins => off) > now() THEN
      INSERT INTO jobs (practice_id, kind, payload, run_at, dedupe_key)
      VALUES (a.practice_id, 'agenda.notify',
              jsonb_build_object('event', 'reminder', 'appointmentId', a.id, 'startsAt', a.starts_at, 'offsetMinutes', off),
              a.starts_at - make_interval(mins => off),
              format('notify:reminder:%s:%s:%s', a.id, off, extract(epoch FROM a.starts_at)::bigint))
      ON CONFLICT (dedupe_key) DO NOTHING;
    END IF;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION agenda_slot_freed(a appointments, from_start timestamptz, from_end timestamptz, from_practitioner uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF from_start > now() THEN
    INSERT INTO jobs (practice_id, kind, payload, dedupe_key)
    VALUES (a.practice_id, 'agenda.slot_freed',
            jsonb_build_object('practitionerId', from_practitioner, 'motifId', a.appointment_type_id, 'start', from_start, 'end', from_end, 'freedBy', a.id),
            format('freed:%s:%s:%s', a.id, extract(epoch FROM from_start)::bigint, a.version))
    ON CONFLICT (dedupe_key) DO NOTHING;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION agenda_appointment_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  active_statuses text[] := '{booked,confirmed,arrived,in_consultation,done}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status = ANY (active_statuses) AND NEW.starts_at > now() THEN
      INSERT INTO jobs (practice_id, kind, payload, dedupe_key)
      VALUES (NEW.practice_id, 'agenda.notify', jsonb_build_object('event', 'confirmation', 'appointmentId', NEW.id, 'startsAt', NEW.starts_at),
              CASE WHEN NEW.series_id IS NULL THEN format('notify:confirmation:%s', NEW.id) ELSE format('notify:confirmation:series:%s', NEW.series_id) END)
      ON CONFLICT (dedupe_key) DO NOTHING;
      PERFORM agenda_enqueue_reminders(NEW);
    END IF;
    RETURN NULL;
  END IF;
  -- UPDATE
  IF (OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.practitioner_id IS DISTINCT FROM NEW.practitioner_id)
     AND NEW.status = ANY (active_statuses) THEN
    UPDATE jobs SET status = 'cancelled', finished_at = now(), last_error = 'appointment moved'
      WHERE status = 'queued' AND kind = 'agenda.notify' AND payload ->> 'appointmentId' = NEW.id::text AND payload ->> 'event' = 'reminder';
    IF NEW.starts_at > now() THEN
      INSERT INTO jobs (practice_id, kind, payload, dedupe_key)
      VALUES (NEW.practice_id, 'agenda.notify',
              jsonb_build_object('event', 'changed', 'appointmentId', NEW.id, 'startsAt', NEW.starts_at, 'fromStart', OLD.starts_at),
              format('notify:changed:%s:%s', NEW.id, NEW.version))
      ON CONFLICT (dedupe_key) DO NOTHING;
      PERFORM agenda_enqueue_reminders(NEW);
    END IF;
    PERFORM agenda_slot_freed(NEW, OLD.starts_at, OLD.ends_at, OLD.practitioner_id);
  ELSIF NEW.status IN ('cancelled_by_patient', 'cancelled_by_practice') AND OLD.status <> NEW.status THEN
    UPDATE jobs SET status = 'cancelled', finished_at = now(), last_error = 'appointment cancelled'
      WHERE status = 'queued' AND kind = 'agenda.notify' AND payload ->> 'appointmentId' = NEW.id::text;
    IF NEW.starts_at > now() THEN
      INSERT INTO jobs (practice_id, kind, payload, dedupe_key)
      VALUES (NEW.practice_id, 'agenda.notify', jsonb_build_object('event', 'cancelled', 'appointmentId', NEW.id, 'startsAt', NEW.starts_at),
              format('notify:cancelled:%s', NEW.id))
      ON CONFLICT (dedupe_key) DO NOTHING;
    END IF;
    PERFORM agenda_slot_freed(NEW, OLD.starts_at, OLD.ends_at, OLD.practitioner_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER agenda_appointment_jobs_trg
  AFTER INSERT OR UPDATE OF starts_at, practitioner_id, status ON appointments
  FOR EACH ROW EXECUTE FUNCTION agenda_appointment_jobs();
