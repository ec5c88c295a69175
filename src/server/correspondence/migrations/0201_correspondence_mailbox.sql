-- A practice mailbox read over IMAP into the register (docs/correspondence.md « Boîte aux lettres IMAP »): one per
-- practice, its password encrypted with the installation's key, where the last read stopped (UIDVALIDITY + UID),
-- and the outcome of the last read for the administrator. Items are idempotent by Message-ID (the register's index).
CREATE TABLE correspondence_mailboxes (
  practice_id uuid PRIMARY KEY REFERENCES practices(id),
  host text NOT NULL CHECK (length(host) BETWEEN 1 AND 253),
  port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  secure boolean NOT NULL,
  username text NOT NULL CHECK (length(username) BETWEEN 1 AND 320),
  password_enc text NOT NULL,
  mailbox text NOT NULL DEFAULT 'INBOX' CHECK (length(mailbox) BETWEEN 1 AND 200),
  poll_minutes integer NOT NULL DEFAULT 5 CHECK (poll_minutes BETWEEN 1 AND 1440),
  enabled boolean NOT NULL DEFAULT true,
  uid_validity bigint,
  last_uid bigint NOT NULL DEFAULT 0 CHECK (last_uid >= 0),
  last_polled_at timestamptz,
  last_error text CHECK (last_error IS NULL OR length(last_error) <= 500),
  last_received integer NOT NULL DEFAULT 0 CHECK (last_received >= 0),
  updated_at timestamptz NOT NULL DEFAULT pivot_now()
);
