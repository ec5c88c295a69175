-- Letters to correspondents and receipts to patients are mails of their practice (kind `letter`, `receipt`), not staff
-- mail: the staff outbox (/api/dev-outbox) lists only `staff` mail, so a patient's name in a letter's subject is never
-- shown to the admins of another practice the sender also works in.
ALTER TABLE outgoing_messages DROP CONSTRAINT IF EXISTS outgoing_messages_kind_check;
ALTER TABLE outgoing_messages ADD CONSTRAINT outgoing_messages_kind_check
  CHECK (kind IN ('confirmation', 'reminder', 'changed', 'cancelled', 'otp', 'offer', 'test', 'delay', 'assistant_reply', 'staff', 'letter', 'receipt'));
