-- The current bodies of the booking path's SQL functions (repeatable migration: re-applied, in one transaction,
-- whenever this file changes; see docs/architecture.md « Migrations » and ADR 0012). Edit a function HERE, not in a
-- new numbered migration. A change of signature (arguments, return type) cannot be a CREATE OR REPLACE: drop the old
-- function in a numbered migration first. Bodies read the application's clock (pivot_now(), migration 0101).
--
-- Written as PostgreSQL prints them (pg_get_functiondef) after migrations 0020–0131: re-applying this file leaves
-- every definition identical (src/server/platform/db/repeatable.integration.test.ts checks it).

-- Everything a booking checks, in one round trip (first written in 0024).
CREATE OR REPLACE FUNCTION public.agenda_booking_context(p_practice uuid, p_practitioner uuid, p_patient uuid, p_motif uuid, p_from timestamp with time zone, p_to timestamp with time zone)
 RETURNS json
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
  m appointment_types%ROWTYPE;
  v_busy_to timestamptz;
BEGIN
  IF p_motif IS NOT NULL THEN
    SELECT * INTO m FROM appointment_types WHERE practice_id = p_practice AND id = p_motif;
  END IF;
  v_busy_to := COALESCE(p_to, p_from + make_interval(mins => COALESCE(m.duration_minutes, 15)))
               + make_interval(mins => COALESCE(m.buffer_minutes, 0));
  RETURN (
    SELECT json_build_object(
      'timezone', pr.timezone,
      'holidayRegion', COALESCE(s.holiday_region, 'metropole'),
      'urgentReleaseMinutes', COALESCE(s.urgent_release_minutes, 120),
      'practitioner', (SELECT json_build_object('id', p.id, 'display_name', p.display_name, 'colour', p.colour, 'specialty', p.specialty)
                         FROM practitioners p WHERE p.practice_id = p_practice AND p.id = p_practitioner AND p.active),
      'patient', (SELECT json_build_object('birth_name', pa.birth_name, 'used_name', pa.used_name, 'first_name', pa.first_name, 'birth_date', pa.birth_date,
                                           'known', EXISTS (SELECT 1 FROM appointments a WHERE a.practice_id = p_practice AND a.patient_id = p_patient
                                                              AND a.status NOT IN ('cancelled_by_patient', 'cancelled_by_practice')))
                    FROM patients pa WHERE pa.practice_id = p_practice AND pa.id = p_patient),
      'motif', CASE WHEN m.id IS NULL THEN NULL ELSE row_to_json(m) END,
      'hours', (SELECT json_agg(h) FROM opening_hours h WHERE h.practice_id = p_practice AND h.practitioner_id = p_practitioner),
      'urgent', (SELECT json_agg(u) FROM urgent_ranges u WHERE u.practice_id = p_practice AND u.practitioner_id = p_practitioner),
      'exceptions', (SELECT json_agg(e) FROM agenda_exceptions e
                      WHERE e.practice_id = p_practice AND e.practitioner_id = p_practitioner
                        AND e.starts_at < p_from + interval '1 day' AND e.ends_at > p_from - interval '1 day'),
      'busy', (SELECT json_agg(json_build_object('practitioner_id', b.practitioner_id, 'resource_id', b.resource_id, 'starts_at', b.starts_at,
                                                 'busy_until', b.busy_until, 'seats', b.seats))
                 FROM (SELECT a.practitioner_id, a.resource_id, a.starts_at, a.busy_until, a.seats
                         FROM appointments a
                        WHERE a.practitioner_id = p_practitioner AND a.practice_id = p_practice
                          AND tstzrange(a.starts_at, a.busy_until) && tstzrange(p_from, v_busy_to)
                          AND a.status IN ('booked', 'confirmed', 'arrived', 'in_consultation', 'done')
                       UNION
                       SELECT a.practitioner_id, a.resource_id, a.starts_at, a.busy_until, a.seats
                         FROM appointments a
                        WHERE m.required_resource_id IS NOT NULL AND a.resource_id = m.required_resource_id AND a.practice_id = p_practice
                          AND tstzrange(a.starts_at, a.busy_until) && tstzrange(p_from, v_busy_to)
                          AND a.resource_id IS NOT NULL AND a.status IN ('booked', 'confirmed', 'arrived', 'in_consultation', 'done')) b)
    )
    FROM practices pr LEFT JOIN agenda_settings s ON s.practice_id = pr.id
    WHERE pr.id = p_practice
  );
END $function$;

-- The guarded insert of one appointment with its history row (0024).
CREATE OR REPLACE FUNCTION public.agenda_insert_appointment(p_id uuid, p_practice uuid, p_practitioner uuid, p_patient uuid, p_motif uuid, p_resource uuid, p_series uuid, p_start timestamp with time zone, p_end timestamp with time zone, p_busy_until timestamp with time zone, p_channel text, p_teleconsultation boolean, p_note text, p_override text, p_account uuid, p_capacity integer, p_now timestamp with time zone, p_defer_notify boolean)
 RETURNS SETOF appointments
 LANGUAGE plpgsql
AS $function$
DECLARE
  r appointments%ROWTYPE;
  k integer := 1;
BEGIN
  IF p_defer_notify THEN
    PERFORM set_config('pivot.agenda_notify_deferred', p_id::text, true);
  END IF;
  LOOP
    INSERT INTO appointments (id, practice_id, practitioner_id, patient_id, appointment_type_id, resource_id, series_id,
                              starts_at, ends_at, busy_until, capacity, seats, channel, teleconsultation, note,
                              override_reason, created_by, updated_at)
    VALUES (p_id, p_practice, p_practitioner, p_patient, p_motif, p_resource, p_series,
            p_start, p_end, p_busy_until, GREATEST(p_capacity, 1),
            CASE WHEN p_capacity <= 1 THEN int4range(1, NULL) ELSE int4range(k, k + 1) END,
            p_channel, p_teleconsultation, p_note, p_override, p_account, p_now)
    ON CONFLICT DO NOTHING
    RETURNING * INTO r;
    EXIT WHEN FOUND OR p_capacity <= 1 OR k >= p_capacity;
    k := k + 1;
  END LOOP;
  IF r.id IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO appointment_events (practice_id, appointment_id, account_id, channel, kind, to_status, to_starts_at, reason)
  VALUES (p_practice, r.id, p_account, p_channel, 'created', 'booked', p_start, p_override);
  RETURN NEXT r;
END $function$;

-- The HTTP booking path: read, check, insert and audit in one statement (0024, ADR 0012).
CREATE OR REPLACE FUNCTION public.agenda_book_optimistic(p_id uuid, p_practice uuid, p_practitioner uuid, p_patient uuid, p_motif uuid, p_start timestamp with time zone, p_end timestamp with time zone, p_channel text, p_teleconsultation boolean, p_note text, p_account uuid, p_now timestamp with time zone, p_defer_notify boolean, p_audit jsonb)
 RETURNS json
 LANGUAGE plpgsql
AS $function$
DECLARE
  c json;
  m appointment_types%ROWTYPE;
  v_end timestamptz;
  r appointments%ROWTYPE;
BEGIN
  c := agenda_booking_context(p_practice, p_practitioner, p_patient, p_motif, p_start, p_end);
  IF c IS NULL OR c ->> 'practitioner' IS NULL OR c ->> 'patient' IS NULL THEN
    RETURN json_build_object('context', c);
  END IF;
  IF p_motif IS NOT NULL THEN
    SELECT * INTO m FROM appointment_types WHERE practice_id = p_practice AND id = p_motif;
    IF NOT FOUND OR NOT m.active OR (m.practitioner_id IS NOT NULL AND m.practitioner_id <> p_practitioner) THEN
      RETURN json_build_object('context', c);
    END IF;
  END IF;
  v_end := COALESCE(p_end, p_start + make_interval(mins => COALESCE(m.duration_minutes, 15)));
  IF v_end - p_start < interval '5 minutes' OR v_end - p_start > interval '8 hours' THEN
    RETURN json_build_object('context', c);
  END IF;
  SELECT * INTO r FROM agenda_insert_appointment(
    p_id, p_practice, p_practitioner, p_patient, m.id, m.required_resource_id, NULL, p_start, v_end,
    v_end + make_interval(mins => COALESCE(m.buffer_minutes, 0)), p_channel, COALESCE(p_teleconsultation, m.teleconsultation, false),
    p_note, NULL, p_account, COALESCE(m.capacity, 1), p_now, p_defer_notify);
  IF r.id IS NOT NULL AND p_audit IS NOT NULL THEN
    INSERT INTO audit_log (occurred_at, account_id, practice_id, action, resource_type, resource_id, ip, reason, details)
    VALUES (p_now, p_account, p_practice, 'appointment.booked', 'appointment', r.id::text, p_audit ->> 'ip', NULL, p_audit -> 'details');
  END IF;
  RETURN json_build_object('context', c, 'appointment', CASE WHEN r.id IS NULL THEN NULL ELSE row_to_json(r) END);
END $function$;

-- NOTIFY on pivot_agenda, except for a booking that the app notifies after commit (0021, then 0024).
CREATE OR REPLACE FUNCTION public.agenda_notify_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  r appointments%ROWTYPE;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_OP = 'INSERT' AND current_setting('pivot.agenda_notify_deferred', true) = NEW.id::text THEN
    RETURN NULL; -- the app notifies after commit (same payload)
  END IF;
  PERFORM pg_notify('pivot_agenda', json_build_object(
    'practiceId', r.practice_id,
    'appointmentId', r.id,
    'practitionerId', r.practitioner_id,
    'start', r.starts_at,
    'op', lower(TG_OP),
    'previousPractitionerId', CASE WHEN TG_OP = 'UPDATE' AND OLD.practitioner_id IS DISTINCT FROM NEW.practitioner_id THEN OLD.practitioner_id END,
    'previousStart', CASE WHEN TG_OP = 'UPDATE' AND OLD.starts_at IS DISTINCT FROM NEW.starts_at THEN OLD.starts_at END
  )::text);
  RETURN NULL;
END;
$function$;

-- Reminder jobs of an appointment (0023).
CREATE OR REPLACE FUNCTION public.agenda_enqueue_reminders(a appointments)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE
  offsets integer[];
  off integer;
BEGIN
  SELECT reminder_offsets_minutes INTO offsets FROM agenda_notification_settings WHERE practice_id = a.practice_id;
  offsets := COALESCE(offsets, '{2880,120}');
  FOREACH off IN ARRAY offsets LOOP
    IF a.starts_at - make_interval(mins => off) > pivot_now() THEN
      INSERT INTO jobs (practice_id, kind, payload, run_at, dedupe_key)
      VALUES (a.practice_id, 'agenda.notify',
              jsonb_build_object('event', 'reminder', 'appointmentId', a.id, 'startsAt', a.starts_at, 'offsetMinutes', off),
              a.starts_at - make_interval(mins => off),
              format('notify:reminder:%s:%s:%s', a.id, off, extract(epoch FROM a.starts_at)::bigint))
      ON CONFLICT (dedupe_key) DO NOTHING;
    END IF;
  END LOOP;
END $function$;

-- A freed slot → a waiting-list job (0023).
CREATE OR REPLACE FUNCTION public.agenda_slot_freed(a appointments, from_start timestamp with time zone, from_end timestamp with time zone, from_practitioner uuid)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF from_start > pivot_now() THEN
    INSERT INTO jobs (practice_id, kind, payload, dedupe_key)
    VALUES (a.practice_id, 'agenda.slot_freed',
            jsonb_build_object('practitionerId', from_practitioner, 'motifId', a.appointment_type_id, 'start', from_start, 'end', from_end, 'freedBy', a.id),
            format('freed:%s:%s:%s', a.id, extract(epoch FROM from_start)::bigint, a.version))
    ON CONFLICT (dedupe_key) DO NOTHING;
  END IF;
END $function$;

-- Appointment changes → jobs: confirmation, reminders, change, cancellation, freed slot (0023).
CREATE OR REPLACE FUNCTION public.agenda_appointment_jobs()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  active_statuses text[] := '{booked,confirmed,arrived,in_consultation,done}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status = ANY (active_statuses) AND NEW.starts_at > pivot_now() THEN
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
    UPDATE jobs SET status = 'cancelled', finished_at = pivot_now(), last_error = 'appointment moved'
      WHERE status = 'queued' AND kind = 'agenda.notify' AND payload ->> 'appointmentId' = NEW.id::text AND payload ->> 'event' = 'reminder';
    IF NEW.starts_at > pivot_now() THEN
      INSERT INTO jobs (practice_id, kind, payload, dedupe_key)
      VALUES (NEW.practice_id, 'agenda.notify',
              jsonb_build_object('event', 'changed', 'appointmentId', NEW.id, 'startsAt', NEW.starts_at, 'fromStart', OLD.starts_at),
              format('notify:changed:%s:%s', NEW.id, NEW.version))
      ON CONFLICT (dedupe_key) DO NOTHING;
      PERFORM agenda_enqueue_reminders(NEW);
    END IF;
    PERFORM agenda_slot_freed(NEW, OLD.starts_at, OLD.ends_at, OLD.practitioner_id);
  ELSIF NEW.status IN ('cancelled_by_patient', 'cancelled_by_practice') AND OLD.status <> NEW.status THEN
    UPDATE jobs SET status = 'cancelled', finished_at = pivot_now(), last_error = 'appointment cancelled'
      WHERE status = 'queued' AND kind = 'agenda.notify' AND payload ->> 'appointmentId' = NEW.id::text;
    IF NEW.starts_at > pivot_now() THEN
      INSERT INTO jobs (practice_id, kind, payload, dedupe_key)
      VALUES (NEW.practice_id, 'agenda.notify', jsonb_build_object('event', 'cancelled', 'appointmentId', NEW.id, 'startsAt', NEW.starts_at),
              format('notify:cancelled:%s', NEW.id))
      ON CONFLICT (dedupe_key) DO NOTHING;
    END IF;
    PERFORM agenda_slot_freed(NEW, OLD.starts_at, OLD.ends_at, OLD.practitioner_id);
  END IF;
  RETURN NULL;
END $function$;
