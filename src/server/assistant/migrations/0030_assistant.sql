-- Intake assistant: conversations with patients (web chat, SMS, e-mail, phone transcripts), the messages,
-- the secretary's inbox (requests), vital alerts, desk tasks, the practice information sheet and the SMS outbox.
-- Every row carries its practice; composite foreign keys keep every link inside one practice.

CREATE TABLE practice_info (
  practice_id uuid PRIMARY KEY REFERENCES practices(id),
  opening_hours text CHECK (opening_hours IS NULL OR length(opening_hours) <= 2000),
  address text CHECK (address IS NULL OR length(address) <= 1000),
  access text CHECK (access IS NULL OR length(access) <= 2000),
  parking text CHECK (parking IS NULL OR length(parking) <= 2000),
  transport text CHECK (transport IS NULL OR length(transport) <= 2000),
  -- [{ "practitioner": "Dr Martin", "fees": "Consultation 30 € (secteur 1)" }]
  fees jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(fees) = 'array'),
  payments_accepted text CHECK (payments_accepted IS NULL OR length(payments_accepted) <= 2000),
  tiers_payant text CHECK (tiers_payant IS NULL OR length(tiers_payant) <= 2000),
  what_to_bring text CHECK (what_to_bring IS NULL OR length(what_to_bring) <= 2000),
  on_call text CHECK (on_call IS NULL OR length(on_call) <= 2000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES accounts(id)
);

CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  channel text NOT NULL CHECK (channel IN ('web_chat', 'sms', 'email', 'phone')),
  -- Phone number (E.164) for SMS and phone, e-mail address for e-mail, NULL for the web chat.
  external_address text CHECK (external_address IS NULL OR length(external_address) BETWEEN 1 AND 320),
  -- Web chat: SHA-256 of the conversation token held by the browser. Phone: the provider's call id.
  token_hash bytea UNIQUE,
  external_ref text CHECK (external_ref IS NULL OR length(external_ref) <= 200),
  language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
  patient_id uuid,
  -- Dialogue state: open request, what the assistant asked for, and (with the agenda) the booking dialog.
  state jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(state) = 'object'),
  started_at timestamptz NOT NULL DEFAULT now(),
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CHECK ((channel = 'web_chat') = (token_hash IS NOT NULL))
);
CREATE INDEX conversations_address_idx ON conversations (practice_id, channel, external_address, last_activity_at DESC);
CREATE UNIQUE INDEX conversations_external_ref_key ON conversations (practice_id, channel, external_ref) WHERE external_ref IS NOT NULL;

CREATE TABLE conversation_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  -- Provider's message id (SMS), Message-ID (e-mail): a webhook delivered twice is stored once.
  external_id text CHECK (external_id IS NULL OR length(external_id) <= 300),
  -- Inbound only: the triage engine's result (intent, urgency, lang, reasons, details).
  triage jsonb CHECK (triage IS NULL OR jsonb_typeof(triage) = 'object'),
  at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, conversation_id) REFERENCES conversations (practice_id, id),
  CHECK (direction = 'in' OR triage IS NULL)
);
CREATE INDEX conversation_messages_conversation_idx ON conversation_messages (practice_id, conversation_id, at);
CREATE UNIQUE INDEX conversation_messages_external_key ON conversation_messages (practice_id, conversation_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE inbox_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  -- Last inbound message that created or updated the request.
  message_id uuid NOT NULL,
  category text NOT NULL CHECK (category IN ('book', 'reschedule', 'cancel', 'prescription_renewal', 'test_results',
    'medical_question', 'document_request', 'billing', 'practical_info', 'professional', 'other')),
  urgency text NOT NULL CHECK (urgency IN ('vital', 'same_day', 'routine')),
  reasons jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reasons) = 'array'),
  details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
  patient_id uuid,
  match_status text NOT NULL CHECK (match_status IN ('matched', 'to_match')),
  match_method text CHECK (match_method IS NULL OR match_method IN ('phone', 'email', 'name_birth_date', 'conversation', 'manual')),
  match_candidates jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(match_candidates) = 'array'),
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done')),
  assignee_id uuid,
  due_at timestamptz NOT NULL,
  -- What was done with it: answered from the sheet, turned into a task / practitioner message (later: appointment).
  outcome jsonb CHECK (outcome IS NULL OR jsonb_typeof(outcome) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  handled_by uuid,
  handled_at timestamptz,
  -- Sort key of the inbox: open vital, open same-day, open routine, then handled.
  rank smallint GENERATED ALWAYS AS (CASE WHEN status = 'done' THEN 3 WHEN urgency = 'vital' THEN 0 WHEN urgency = 'same_day' THEN 1 ELSE 2 END) STORED,
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, conversation_id) REFERENCES conversations (practice_id, id),
  FOREIGN KEY (practice_id, message_id) REFERENCES conversation_messages (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, assignee_id) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, handled_by) REFERENCES memberships (practice_id, account_id),
  CHECK ((match_status = 'matched') = (patient_id IS NOT NULL)),
  CHECK ((status = 'done') = (handled_at IS NOT NULL)),
  CHECK (handled_by IS NULL OR handled_at IS NOT NULL)
);
CREATE INDEX inbox_requests_order_idx ON inbox_requests (practice_id, rank, due_at, created_at);
CREATE INDEX inbox_requests_conversation_idx ON inbox_requests (practice_id, conversation_id, status);

CREATE TABLE assistant_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  request_id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  level text NOT NULL DEFAULT 'vital' CHECK (level IN ('vital')),
  reasons jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reasons) = 'array'),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
  raised_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, request_id) REFERENCES inbox_requests (practice_id, id),
  FOREIGN KEY (practice_id, conversation_id) REFERENCES conversations (practice_id, id),
  FOREIGN KEY (practice_id, acknowledged_by) REFERENCES memberships (practice_id, account_id),
  CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
);
CREATE INDEX assistant_alerts_practice_idx ON assistant_alerts (practice_id, raised_at DESC);

-- Desk tasks and messages for a practitioner (minimal; a request can be turned into one).
CREATE TABLE tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('task', 'practitioner_message')),
  assignee_id uuid NOT NULL,
  text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 4000),
  due_at timestamptz,
  request_id uuid,
  patient_id uuid,
  done boolean NOT NULL DEFAULT false,
  done_at timestamptz,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, assignee_id) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, created_by) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, request_id) REFERENCES inbox_requests (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CHECK (done = (done_at IS NOT NULL))
);
CREATE INDEX tasks_assignee_idx ON tasks (practice_id, assignee_id, done, due_at);

-- Outgoing SMS, written by the SMS adapter: the simulator only records them (status 'simulated').
CREATE TABLE sms_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  conversation_id uuid,
  to_number text NOT NULL CHECK (length(to_number) BETWEEN 3 AND 30),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 50),
  status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'simulated')),
  provider_message_id text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  FOREIGN KEY (practice_id, conversation_id) REFERENCES conversations (practice_id, id)
);
CREATE INDEX sms_outbox_practice_idx ON sms_outbox (practice_id, created_at DESC);
