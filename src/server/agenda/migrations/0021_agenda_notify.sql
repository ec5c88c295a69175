-- Live agenda: every change to an appointment notifies the channel `pivot_agenda`, whatever the write path
-- (REST, FHIR, online booking, assistant, jobs, raw SQL). Each app process LISTENs on one dedicated connection
-- and forwards the event to the server-sent-event streams of the same practice (src/server/agenda/live.ts).
-- The payload holds identifiers and instants only, never patient data: clients refetch what they may see.
-- NOTIFY is transactional: it is delivered at commit, never for a rolled-back booking.
CREATE FUNCTION agenda_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r appointments%ROWTYPE;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  PERFORM pg_notify('pivot_agenda', json_build_object(
    'practiceId', r.practice_id,
    'appointmentId', r.id,
    'practitionerId', r.practitioner_id,
    'start', r.starts_at,
    'op', lower(TG_OP),
    -- A move: where it was before, so that views of the old day refresh too.
    'previousPractitionerId', CASE WHEN TG_OP = 'UPDATE' AND OLD.practitioner_id IS DISTINCT FROM NEW.practitioner_id THEN OLD.practitioner_id END,
    'previousStart', CASE WHEN TG_OP = 'UPDATE' AND OLD.starts_at IS DISTINCT FROM NEW.starts_at THEN OLD.starts_at END
  )::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER appointments_notify
  AFTER INSERT OR UPDATE OR DELETE ON appointments
  FOR EACH ROW EXECUTE FUNCTION agenda_notify_change();
