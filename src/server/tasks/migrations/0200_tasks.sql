-- Messages and tasks (docs/tasks.md): internal messages between staff (to one person or to a role), tasks with an
-- assignee, a due time and a patient link. The phone log's messages for practitioners stay in phone_calls and are
-- read into the same list by the service. Every link stays inside the practice (composite foreign keys).

CREATE TABLE staff_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  sender_id uuid NOT NULL,
  -- One person, or every active member holding a role.
  recipient_id uuid,
  recipient_role text CHECK (recipient_role IN ('admin', 'practitioner', 'secretary')),
  body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4000),
  patient_id uuid,
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, sender_id) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, recipient_id) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT staff_messages_one_recipient CHECK ((recipient_id IS NULL) <> (recipient_role IS NULL))
);
CREATE INDEX staff_messages_recipient_idx ON staff_messages (practice_id, recipient_id, created_at DESC);
CREATE INDEX staff_messages_role_idx ON staff_messages (practice_id, recipient_role, created_at DESC) WHERE recipient_role IS NOT NULL;

-- Read marks per reader: a message to a role is read by each member on their own.
CREATE TABLE staff_message_reads (
  practice_id uuid NOT NULL,
  message_id uuid NOT NULL,
  account_id uuid NOT NULL,
  read_at timestamptz NOT NULL DEFAULT pivot_now(),
  PRIMARY KEY (message_id, account_id),
  FOREIGN KEY (practice_id, message_id) REFERENCES staff_messages (practice_id, id) ON DELETE CASCADE,
  FOREIGN KEY (practice_id, account_id) REFERENCES memberships (practice_id, account_id)
);

CREATE TABLE staff_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  details text CHECK (details IS NULL OR length(btrim(details)) BETWEEN 1 AND 4000),
  assignee_id uuid NOT NULL,
  due_at timestamptz,
  patient_id uuid,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  closed_at timestamptz,
  closed_by uuid,
  -- The assignee has seen it (the unread count of the navigation).
  seen_at timestamptz,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, assignee_id) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, created_by) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, closed_by) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT staff_tasks_closed CHECK ((status = 'open') = (closed_at IS NULL) AND (closed_at IS NULL) = (closed_by IS NULL))
);
CREATE INDEX staff_tasks_assignee_idx ON staff_tasks (practice_id, assignee_id, status, due_at);

-- Live notifications on `pivot_tasks`: identifiers, the kind and the sender's display name only — never the
-- body, the title or the patient (a preview may show on a shared screen). Phone messages for a practitioner
-- (phone_calls.message_to) notify the same channel so that they join the one list live.
CREATE FUNCTION tasks_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  sender uuid;
  payload json;
BEGIN
  IF TG_TABLE_NAME = 'staff_messages' THEN
    sender := NEW.sender_id;
    payload := json_build_object('practiceId', NEW.practice_id, 'kind', 'message', 'id', NEW.id, 'op', lower(TG_OP),
      'recipientId', NEW.recipient_id, 'recipientRole', NEW.recipient_role, 'senderId', sender,
      'senderName', (SELECT display_name FROM accounts WHERE id = sender));
  ELSIF TG_TABLE_NAME = 'staff_tasks' THEN
    sender := NEW.created_by;
    payload := json_build_object('practiceId', NEW.practice_id, 'kind', 'task', 'id', NEW.id, 'op', lower(TG_OP),
      'recipientId', NEW.assignee_id, 'senderId', sender, 'senderName', (SELECT display_name FROM accounts WHERE id = sender));
  ELSIF TG_TABLE_NAME = 'staff_message_reads' THEN
    payload := json_build_object('practiceId', NEW.practice_id, 'kind', 'read', 'id', NEW.message_id, 'op', lower(TG_OP),
      'recipientId', NEW.account_id);
  ELSE -- phone_calls
    IF NEW.message_to IS NULL THEN RETURN NULL; END IF;
    sender := NEW.taken_by;
    payload := json_build_object('practiceId', NEW.practice_id, 'kind', 'phone', 'id', NEW.id, 'op', lower(TG_OP),
      'recipientId', NEW.message_to, 'senderId', sender, 'senderName', (SELECT display_name FROM accounts WHERE id = sender));
  END IF;
  PERFORM pg_notify('pivot_tasks', payload::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER staff_messages_notify AFTER INSERT ON staff_messages FOR EACH ROW EXECUTE FUNCTION tasks_notify();
CREATE TRIGGER staff_message_reads_notify AFTER INSERT ON staff_message_reads FOR EACH ROW EXECUTE FUNCTION tasks_notify();
CREATE TRIGGER staff_tasks_notify AFTER INSERT OR UPDATE ON staff_tasks FOR EACH ROW EXECUTE FUNCTION tasks_notify();
CREATE TRIGGER phone_calls_tasks_notify AFTER INSERT OR UPDATE OF message_read_at ON phone_calls FOR EACH ROW EXECUTE FUNCTION tasks_notify();
