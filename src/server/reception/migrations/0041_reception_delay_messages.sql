-- Delay notices are sent through the agenda's outgoing messages (job `agenda.send`): allow their kind.
-- The agenda's list of kinds is kept as is, plus 'delay'.
ALTER TABLE outgoing_messages DROP CONSTRAINT IF EXISTS outgoing_messages_kind_check;
ALTER TABLE outgoing_messages ADD CONSTRAINT outgoing_messages_kind_check
  CHECK (kind IN ('confirmation', 'reminder', 'changed', 'cancelled', 'otp', 'offer', 'test', 'delay'));
