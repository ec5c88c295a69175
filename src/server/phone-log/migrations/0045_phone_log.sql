-- Phone log: every call taken by hand at the desk, traced (MACSF guidance: a practice's calls are not recorded,
-- the log is the evidence). A call may carry a message for a practitioner (read/unread in their messages) or a
-- callback to do (due time, who, done). Every link stays inside the practice (composite foreign keys).

CREATE TABLE phone_calls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  caller_name text CHECK (caller_name IS NULL OR length(btrim(caller_name)) BETWEEN 1 AND 200),
  caller_phone text CHECK (caller_phone IS NULL OR caller_phone ~ '^\+?[0-9][0-9 .()-]{1,28}[0-9]$'),
  patient_id uuid,
  reason text NOT NULL CHECK (reason IN (
    'appointment', 'prescription', 'results', 'medical_question', 'administrative', 'practical_info', 'health_professional', 'other')),
  outcome text NOT NULL CHECK (outcome IN ('booked', 'message', 'advised_15', 'info_given', 'callback', 'other')),
  note text CHECK (note IS NULL OR length(btrim(note)) BETWEEN 1 AND 4000),
  -- Message for a practitioner (outcome = 'message'): the addressee's account, read when they open it.
  message_to uuid,
  message_read_at timestamptz,
  -- Callback to do (outcome = 'callback').
  callback_due_at timestamptz,
  callback_assignee_id uuid,
  callback_done_at timestamptz,
  callback_done_by uuid,
  taken_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, message_to) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, callback_assignee_id) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, callback_done_by) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, taken_by) REFERENCES memberships (practice_id, account_id),
  -- Identify the caller first: a name, a number or a known patient.
  CONSTRAINT phone_calls_caller_identified CHECK (caller_name IS NOT NULL OR caller_phone IS NOT NULL OR patient_id IS NOT NULL),
  -- A callback has a due time, and only a callback has one.
  CONSTRAINT phone_calls_callback_due CHECK ((outcome = 'callback') = (callback_due_at IS NOT NULL)),
  CONSTRAINT phone_calls_callback_fields CHECK (callback_due_at IS NOT NULL OR (callback_assignee_id IS NULL AND callback_done_at IS NULL)),
  CONSTRAINT phone_calls_callback_done CHECK ((callback_done_at IS NULL) = (callback_done_by IS NULL)),
  -- A message has an addressee and a text; only a message has an addressee.
  CONSTRAINT phone_calls_message_to CHECK ((outcome = 'message') = (message_to IS NOT NULL)),
  CONSTRAINT phone_calls_message_text CHECK (outcome <> 'message' OR note IS NOT NULL),
  CONSTRAINT phone_calls_message_read CHECK (message_to IS NOT NULL OR message_read_at IS NULL)
);
CREATE INDEX phone_calls_day_idx ON phone_calls (practice_id, occurred_at DESC);
CREATE INDEX phone_calls_callbacks_idx ON phone_calls (practice_id, callback_due_at) WHERE callback_due_at IS NOT NULL AND callback_done_at IS NULL;
CREATE INDEX phone_calls_messages_idx ON phone_calls (practice_id, message_to, message_read_at) WHERE message_to IS NOT NULL;
CREATE INDEX phone_calls_patient_idx ON phone_calls (practice_id, patient_id) WHERE patient_id IS NOT NULL;
