-- Intake assistant, booking dialog: one-time codes that identify a patient inside one conversation, and the
-- emergency flag of the assistant's replies (the chat history shows a vital reply as an emergency).

CREATE TABLE assistant_verifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  -- The code is only valid in the conversation that asked for it.
  conversation_id uuid NOT NULL,
  -- The record found by name + birth date: the code went to the phone or e-mail ON FILE for it.
  patient_id uuid NOT NULL,
  code_hash bytea NOT NULL CHECK (length(code_hash) = 32),
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 5),
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at > created_at AND expires_at <= created_at + interval '30 minutes'),
  CHECK (consumed_at IS NULL OR consumed_at <= expires_at),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, conversation_id) REFERENCES conversations (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id)
);
CREATE INDEX assistant_verifications_conversation_idx ON assistant_verifications (practice_id, conversation_id, created_at DESC);
CREATE INDEX assistant_verifications_patient_idx ON assistant_verifications (practice_id, patient_id, created_at DESC);

ALTER TABLE conversation_messages ADD COLUMN emergency boolean NOT NULL DEFAULT false;
ALTER TABLE conversation_messages ADD CONSTRAINT conversation_messages_emergency_out CHECK (direction = 'out' OR NOT emergency);
-- Replies stored before this column: a vital reply always starts with the emergency instruction (reply.ts).
UPDATE conversation_messages SET emergency = true
 WHERE direction = 'out' AND (body LIKE 'Appelez immédiatement le 15%' OR body LIKE 'Call 15 (SAMU%');
