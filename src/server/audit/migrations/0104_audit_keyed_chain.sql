-- The audit chain becomes keyed: every entry sealed from now on is chained with HMAC-SHA256 under a key derived from
-- the installation's secret key, which never sits in the database (ADR 0004, 0005). Entries sealed before this
-- migration keep their plain SHA-256 hashes: nothing sealed is ever rewritten.

-- The cut-over point: the last entry sealed with plain SHA-256 (0 and the genesis hash on a new installation).
-- Recorded here, in the migration, before any keyed sealer runs, so that nobody chooses it later. The first sealer
-- holding the key signs it (`mac`); from then on it cannot change without verification noticing. The first keyed
-- entry is chained on `legacy_hash`, so rewriting any earlier entry also breaks the keyed chain.
CREATE TABLE audit_chain_cutover (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  legacy_seq bigint NOT NULL CHECK (legacy_seq >= 0),
  legacy_hash text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT pivot_now(),
  mac text
);
INSERT INTO audit_chain_cutover (legacy_seq, legacy_hash)
SELECT COALESCE((SELECT max(chain_seq) FROM audit_log), 0),
       COALESCE((SELECT hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1), repeat('0', 64));

-- Written once, signed once, never changed or removed.
CREATE FUNCTION audit_chain_cutover_sign_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.mac IS NULL AND NEW.mac IS NOT NULL AND NEW.id = OLD.id
     AND NEW.legacy_seq = OLD.legacy_seq AND NEW.legacy_hash = OLD.legacy_hash AND NEW.recorded_at = OLD.recorded_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_cutover is written once' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_chain_cutover_no_change BEFORE UPDATE OR DELETE ON audit_chain_cutover
  FOR EACH ROW EXECUTE FUNCTION audit_chain_cutover_sign_once();
CREATE TRIGGER audit_chain_cutover_no_truncate BEFORE TRUNCATE ON audit_chain_cutover
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_cutover_sign_once();

-- Entries the sealer refused to chain: dated too far before the chain's latest time (back-dated) or in the future.
-- They stay in audit_log, unsealed, and `pivot audit verify` lists them; the sealer passes over them.
CREATE TABLE audit_log_refused (
  audit_id bigint PRIMARY KEY REFERENCES audit_log (id),
  reason text NOT NULL CHECK (reason IN ('backdated', 'future')),
  chain_time timestamptz,
  refused_at timestamptz NOT NULL DEFAULT pivot_now()
);

-- The chain's latest time (max occurred_at of sealed entries), read by every sealing batch.
CREATE INDEX audit_log_sealed_time_idx ON audit_log (occurred_at) WHERE chain_seq IS NOT NULL;
