-- Audit entries are appended without any lock and sealed into the hash chain just after commit by
-- one chainer (the `chain_seq` order). The chain no longer serialises every audited transaction.
DROP TRIGGER audit_log_no_update ON audit_log;

ALTER TABLE audit_log ADD COLUMN chain_seq bigint UNIQUE;
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_id_seq');
UPDATE audit_log SET chain_seq = sub.n FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM audit_log) sub WHERE sub.id = audit_log.id;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_sealed_together
  CHECK ((chain_seq IS NULL AND prev_hash IS NULL AND hash IS NULL) OR (chain_seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL));
CREATE INDEX audit_log_unsealed_idx ON audit_log (id) WHERE chain_seq IS NULL;

-- Still append-only: the only change ever allowed is sealing an unsealed entry, leaving its content as it was.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
     AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at
     AND NEW.account_id IS NOT DISTINCT FROM OLD.account_id AND NEW.practice_id IS NOT DISTINCT FROM OLD.practice_id
     AND NEW.action = OLD.action AND NEW.resource_type IS NOT DISTINCT FROM OLD.resource_type
     AND NEW.resource_id IS NOT DISTINCT FROM OLD.resource_id AND NEW.ip IS NOT DISTINCT FROM OLD.ip
     AND NEW.reason IS NOT DISTINCT FROM OLD.reason AND NEW.details IS NOT DISTINCT FROM OLD.details THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
