-- The booking hot path in two server-side functions, so that a booking costs two statements instead of ~12:
-- one read of everything the rule check needs, one guarded insert with its history row. PL/pgSQL keeps the
-- plans of the statements inside a function per connection (they are prepared once), which Kysely's unnamed
-- statements cannot do inside a transaction.
--
-- And NOTIFY leaves the booking's transaction: a transaction that NOTIFYs holds a database-wide lock from
-- just before its commit until after its WAL flush, so notifying bookings commit one at a time (measured:
-- the raw write ceiling halves). A booking made through the HTTP API marks its new row as "notified after
-- commit" (`pivot.agenda_notify_deferred` = its id, transaction-local); the app then sends one `pg_notify`
-- per batch of committed bookings outside any write transaction. Every other write (moves, status changes,
-- raw SQL, other paths) still notifies from the trigger, unchanged.

CREATE OR REPLACE FUNCTION agenda_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
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
$$;

-- Everything a booking checks, in one round trip: practice zone and settings, the practitioner (active), the
-- patient (with "has an active or past appointment" for the new-patient rule), the motif (even inactive or
-- another practitioner's: the caller says why it is refused), weekly and urgent hours, absences/openings around
-- the day, and the busy time that overlaps the candidate [p_from, end + buffer) — end = p_to, or the motif's
-- duration — read through the exclusion constraints' GiST indexes (practitioner, and the motif's resource).
CREATE OR REPLACE FUNCTION agenda_booking_context(
  p_practice uuid, p_practitioner uuid, p_patient uuid, p_motif uuid, p_from timestamptz, p_to timestamptz
) RETURNS json LANGUAGE plpgsql STABLE AS $$
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
END $$;

-- The guarded insert and its history row. Seats 1..capacity are tried in order for a group motif; an
-- exclusive appointment holds every seat. ON CONFLICT DO NOTHING: a concurrent booking of the same time makes
-- this return no row (the caller answers 409 with proposals), without an error that would abort the transaction.
CREATE OR REPLACE FUNCTION agenda_insert_appointment(
  p_id uuid, p_practice uuid, p_practitioner uuid, p_patient uuid, p_motif uuid, p_resource uuid, p_series uuid,
  p_start timestamptz, p_end timestamptz, p_busy_until timestamptz, p_channel text, p_teleconsultation boolean,
  p_note text, p_override text, p_account uuid, p_capacity integer, p_now timestamptz, p_defer_notify boolean
) RETURNS SETOF appointments LANGUAGE plpgsql AS $$
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
END $$;

-- The desk's booking in ONE statement, for callers whose transaction is rolled back by any refusal (the REST
-- route: the platform rolls back on every error). It reads the context, then inserts when the practitioner,
-- patient, motif and duration are acceptable; the caller then checks the agenda rules on the returned context
-- (taken before the insert) and throws — rolling the insert back — if one is broken and not overridden.
-- `p_audit` (`{ ip, details }`, or NULL): the request's `appointment.booked` audit entry, written here with the
-- insert instead of by a separate statement; same columns as the platform's appendAudit, sealed into the hash
-- chain by the same sealer after commit. Not used for overrides (their entry carries the broken rule).
CREATE OR REPLACE FUNCTION agenda_book_optimistic(
  p_id uuid, p_practice uuid, p_practitioner uuid, p_patient uuid, p_motif uuid, p_start timestamptz, p_end timestamptz,
  p_channel text, p_teleconsultation boolean, p_note text, p_account uuid, p_now timestamptz, p_defer_notify boolean,
  p_audit jsonb
) RETURNS json LANGUAGE plpgsql AS $$
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
END $$;
