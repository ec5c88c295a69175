-- One clock for TypeScript and SQL (see src/server/platform/clock.ts). `pivot_now()` is `now()` plus the
-- offset that a simulated clock (PIVOT_NOW, tests and demos only) gives each connection as the setting
-- `pivot.clock_offset_ms`; without it the offset is zero and `pivot_now()` is exactly `now()`.
-- Every column default and every function written before this migration is rewritten to read it, so that
-- the whole database follows the application's clock. New SQL must call `pivot_now()` (checked by
-- src/server/platform/clock.integration.test.ts against the migrated schema).

CREATE OR REPLACE FUNCTION pivot_clock_offset() RETURNS interval
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT make_interval(secs => COALESCE(NULLIF(current_setting('pivot.clock_offset_ms', true), ''), '0')::bigint / 1000.0)
$$;

CREATE OR REPLACE FUNCTION pivot_now() RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT now() + pivot_clock_offset() $$;

CREATE OR REPLACE FUNCTION pivot_clock_timestamp() RETURNS timestamptz
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$ SELECT clock_timestamp() + pivot_clock_offset() $$;

DO $$
DECLARE
  r record;
  expr text;
BEGIN
  -- Column defaults: now(), CURRENT_TIMESTAMP, clock_timestamp(), inside any expression.
  FOR r IN
    SELECT n.nspname, c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid) AS def
    FROM pg_attrdef d
    JOIN pg_class c ON c.oid = d.adrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND pg_get_expr(d.adbin, d.adrelid) ~* '(\mnow\(\)|\mcurrent_timestamp\M|\mclock_timestamp\(\))'
  LOOP
    expr := regexp_replace(r.def, '\mnow\(\)', 'pivot_now()', 'g');
    expr := regexp_replace(expr, '\mcurrent_timestamp\M', 'pivot_now()', 'gi');
    expr := regexp_replace(expr, '\mclock_timestamp\(\)', 'pivot_clock_timestamp()', 'g');
    EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I SET DEFAULT %s', r.nspname, r.relname, r.attname, expr);
  END LOOP;

  -- Functions and trigger functions of the schema (not those of extensions, not the clock's own).
  FOR r IN
    SELECT p.oid, pg_get_functiondef(p.oid) AS def
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
      AND p.proname NOT IN ('pivot_now', 'pivot_clock_timestamp', 'pivot_clock_offset')
      AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = p.oid AND dep.deptype = 'e')
      AND p.prosrc ~* '(\mnow\(\)|\mcurrent_timestamp\M|\mclock_timestamp\(\))'
  LOOP
    expr := regexp_replace(r.def, '\mnow\(\)', 'pivot_now()', 'g');
    expr := regexp_replace(expr, '\mcurrent_timestamp\M', 'pivot_now()', 'gi');
    expr := regexp_replace(expr, '\mclock_timestamp\(\)', 'pivot_clock_timestamp()', 'g');
    EXECUTE expr;
  END LOOP;
END $$;
