-- Manage links (`m.<id>.<generation>.<expiry>.<sig>`) carry the generation of the appointment they were issued
-- for. Every move (start or practitioner) bumps it in the same UPDATE, whatever the write path (online link, desk,
-- FHIR, drag and drop), so every link issued before the move is superseded and the one issued after it works.
-- A BEFORE trigger rather than an extra UPDATE: no second live notification, no version bump, no job trigger.
-- Confirmations and reminders re-send the current generation: they describe the same appointment.
ALTER TABLE appointments ADD COLUMN manage_link_generation integer NOT NULL DEFAULT 0 CHECK (manage_link_generation >= 0);

-- Links issued before this migration have no generation and count as generation 0. An appointment already moved
-- cannot tell its old link from its new one: it starts at 1, so both are refused (the next reminder carries a
-- fresh link; the patient can also call).
UPDATE appointments a SET manage_link_generation = 1
 WHERE EXISTS (SELECT 1 FROM appointment_events e WHERE e.practice_id = a.practice_id AND e.appointment_id = a.id AND e.kind = 'moved');

-- Never lowered: a move adds one; a deliberate increase (revoking every link) is kept.
CREATE FUNCTION agenda_manage_link_supersede() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.practitioner_id IS DISTINCT FROM OLD.practitioner_id THEN
    NEW.manage_link_generation := GREATEST(NEW.manage_link_generation, OLD.manage_link_generation + 1);
  ELSE
    NEW.manage_link_generation := GREATEST(NEW.manage_link_generation, OLD.manage_link_generation);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER appointments_manage_link_generation BEFORE UPDATE ON appointments
  FOR EACH ROW EXECUTE FUNCTION agenda_manage_link_supersede();
