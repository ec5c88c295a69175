-- Platform foundation: practices, staff accounts, sessions, audit log, mail outbox.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- unaccent() is STABLE; an IMMUTABLE wrapper lets it feed indexes and generated columns.
CREATE OR REPLACE FUNCTION pivot_normalize(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE TABLE practices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 200),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  timezone text NOT NULL DEFAULT 'Europe/Paris',
  require_mfa boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+$'),
  display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
  -- NULL until the invited person chooses a password.
  password_hash text,
  language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
  totp_secret_enc text,
  totp_enabled_at timestamptz,
  -- Last accepted TOTP time step: a code is accepted once (no replay).
  totp_last_step bigint,
  failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
  locked_until timestamptz,
  default_practice_id uuid REFERENCES practices(id),
  last_login_at timestamptz,
  password_changed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((totp_enabled_at IS NULL) OR (totp_secret_enc IS NOT NULL))
);
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);

-- One account may serve several practices (the freelance secretary), with roles per practice.
CREATE TABLE memberships (
  practice_id uuid NOT NULL REFERENCES practices(id),
  account_id uuid NOT NULL REFERENCES accounts(id),
  roles text[] NOT NULL CHECK (
    cardinality(roles) BETWEEN 1 AND 3
    AND roles <@ ARRAY['admin', 'practitioner', 'secretary']::text[]
  ),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, account_id)
);
CREATE INDEX memberships_account_idx ON memberships (account_id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash bytea NOT NULL UNIQUE,
  account_id uuid NOT NULL REFERENCES accounts(id),
  practice_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  -- The session may only act in a practice the account belongs to.
  FOREIGN KEY (practice_id, account_id) REFERENCES memberships (practice_id, account_id)
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

CREATE TABLE mfa_recovery_codes (
  account_id uuid NOT NULL REFERENCES accounts(id),
  code_hash bytea NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (account_id, code_hash)
);

CREATE TABLE password_tokens (
  token_hash bytea PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id),
  purpose text NOT NULL CHECK (purpose IN ('reset', 'invite')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Mails kept when no SMTP server is configured (development), and a record of those sent.
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid REFERENCES accounts(id),
  recipient text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  delivered boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_outbox_account_idx ON mail_outbox (account_id, created_at DESC);

-- Append-only, hash-chained audit log. Each entry's hash covers its content and the previous hash,
-- so a changed, inserted or deleted entry breaks the chain (`pivot audit verify`).
CREATE TABLE audit_log (
  id bigint PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  account_id uuid,
  practice_id uuid,
  action text NOT NULL,
  resource_type text,
  resource_id text,
  ip text,
  reason text,
  details jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
CREATE INDEX audit_log_practice_idx ON audit_log (practice_id, id DESC);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
