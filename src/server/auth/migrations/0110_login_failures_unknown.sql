-- Failed sign-ins for e-mail addresses that belong to no account, counted like an account's own failures.
-- Without it a known address was locked after five failures (« compte bloqué jusqu'à … ») and an invented one
-- never was: the answer told an attacker which addresses have an account. Keyed by a hash of the address so
-- that the table does not collect the addresses people mistyped.
CREATE TABLE login_failures_unknown (
  email_hash text PRIMARY KEY CHECK (email_hash ~ '^[0-9a-f]{64}$'),
  failed_count integer NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
  locked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT pivot_now()
);
CREATE INDEX login_failures_unknown_updated_idx ON login_failures_unknown (updated_at);
