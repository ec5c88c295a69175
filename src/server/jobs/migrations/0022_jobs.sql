-- Durable job queue stored in PostgreSQL. Workers claim due jobs with FOR UPDATE SKIP LOCKED and hold a lease
-- (locked_by, locked_until); a worker that dies leaves its jobs to be reclaimed when the lease expires.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid REFERENCES practices(id),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]{1,60}$'),
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 8 CHECK (max_attempts BETWEEN 1 AND 100),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  locked_by text,
  locked_until timestamptz,
  last_error text,
  -- Idempotency: enqueueing the same logical job twice is a no-op (INSERT … ON CONFLICT DO NOTHING).
  dedupe_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  CHECK ((status = 'running') = (locked_until IS NOT NULL))
);
-- The claim scans only what is due or whose lease may have expired.
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status = 'queued';
CREATE INDEX jobs_running_idx ON jobs (locked_until) WHERE status = 'running';
CREATE INDEX jobs_failed_idx ON jobs (practice_id, finished_at DESC) WHERE status = 'failed';
CREATE INDEX jobs_appointment_idx ON jobs ((payload ->> 'appointmentId')) WHERE status = 'queued';
