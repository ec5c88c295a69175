-- One outbox for every message Pivot sends (issue 11): the agenda's `outgoing_messages` becomes the messaging
-- capability's outbox, and the assistant's `sms_outbox` and the platform's `mail_outbox` are folded into it.
-- Their rows are copied (same ids), the tables dropped, and read-only views of the same name and columns keep
-- old reports and queries working.

-- Staff mail (password reset, invitation) belongs to an account, not to a practice.
ALTER TABLE outgoing_messages ALTER COLUMN practice_id DROP NOT NULL;
ALTER TABLE outgoing_messages ADD COLUMN account_id uuid REFERENCES accounts(id);
ALTER TABLE outgoing_messages ADD COLUMN conversation_id uuid;
ALTER TABLE outgoing_messages ADD CONSTRAINT outgoing_messages_conversation_fk
  FOREIGN KEY (practice_id, conversation_id) REFERENCES conversations (practice_id, id);
-- A patient message always belongs to a practice; only staff mail may have none.
ALTER TABLE outgoing_messages ADD CONSTRAINT outgoing_messages_practice_check
  CHECK (practice_id IS NOT NULL OR kind = 'staff');
-- The Message-ID is fixed by the first delivery attempt (its domain is the sender's), not when the row is queued.
ALTER TABLE outgoing_messages ALTER COLUMN message_id DROP NOT NULL;

ALTER TABLE outgoing_messages DROP CONSTRAINT IF EXISTS outgoing_messages_kind_check;
ALTER TABLE outgoing_messages ADD CONSTRAINT outgoing_messages_kind_check
  CHECK (kind IN ('confirmation', 'reminder', 'changed', 'cancelled', 'otp', 'offer', 'test', 'delay', 'assistant_reply', 'staff'));
-- `queued`: tried and to be retried (the job queue's backoff), or waiting for its first attempt.
ALTER TABLE outgoing_messages DROP CONSTRAINT IF EXISTS outgoing_messages_status_check;
ALTER TABLE outgoing_messages ADD CONSTRAINT outgoing_messages_status_check
  CHECK (status IN ('queued', 'sending', 'sent', 'simulated', 'failed'));
ALTER TABLE outgoing_messages ALTER COLUMN status SET DEFAULT 'queued';
CREATE INDEX outgoing_messages_account_idx ON outgoing_messages (account_id, created_at DESC) WHERE account_id IS NOT NULL;

-- The assistant's SMS replies. A row still `queued` was never retried by the old one-shot path: it is recorded as
-- failed (a reply sent days late would confuse the patient).
INSERT INTO outgoing_messages (id, practice_id, dedupe_key, conversation_id, kind, channel, recipient, subject, body, message_id,
                               status, attempts, provider, provider_message_id, error, created_at, updated_at, sent_at)
SELECT id, practice_id, 'sms_outbox:' || id, conversation_id, 'assistant_reply', 'sms', to_number, NULL, body, NULL,
       CASE status WHEN 'queued' THEN 'failed' ELSE status END, 1, provider, provider_message_id,
       CASE status WHEN 'queued' THEN coalesce(error, 'not sent before the move to the messaging outbox') ELSE error END,
       created_at, coalesce(sent_at, created_at), sent_at
FROM sms_outbox;

-- Staff mail and the assistant's e-mail replies (those have no account).
INSERT INTO outgoing_messages (id, practice_id, account_id, dedupe_key, kind, channel, recipient, subject, body, message_id,
                               status, attempts, provider, created_at, updated_at, sent_at)
SELECT id, NULL, account_id, 'mail_outbox:' || id, 'staff', 'email', recipient, subject, body_text, NULL,
       CASE WHEN delivered THEN 'sent' ELSE 'simulated' END, 1, CASE WHEN delivered THEN 'smtp' ELSE 'outbox' END,
       created_at, created_at, created_at
FROM mail_outbox;

DROP TABLE sms_outbox;
DROP TABLE mail_outbox;

-- Compatibility views (read-only): the old tables' columns over the one outbox.
CREATE VIEW sms_outbox AS
SELECT id, practice_id, conversation_id, recipient AS to_number, body, coalesce(provider, 'simulator') AS provider,
       CASE WHEN status = 'sending' THEN 'queued' ELSE status END AS status, provider_message_id, error, created_at, sent_at
FROM outgoing_messages WHERE channel = 'sms' AND kind = 'assistant_reply';

CREATE VIEW mail_outbox AS
SELECT id, account_id, recipient, coalesce(subject, '') AS subject, body AS body_text, status = 'sent' AS delivered, created_at
FROM outgoing_messages WHERE channel = 'email' AND kind IN ('staff', 'assistant_reply');

-- The send jobs change name: `agenda.send` → `messaging.send` (same payload: the first attempt writes the row).
UPDATE jobs SET kind = 'messaging.send' WHERE kind = 'agenda.send';
