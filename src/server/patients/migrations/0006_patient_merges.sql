-- Merge of a duplicate into its survivor, undo within 30 days, split of a collision (docs/patients.md).
-- Every row that referenced the duplicate and was moved is recorded (table, primary key, column), so that
-- an undo moves exactly those rows back. The merged record is kept, read-only, pointing to its survivor.

CREATE TABLE patient_merges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  survivor_id uuid NOT NULL,
  duplicate_id uuid NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 3 AND 500),
  merged_by uuid NOT NULL REFERENCES accounts(id),
  merged_at timestamptz NOT NULL DEFAULT now(),
  -- The survivor's columns that the merge changed: values before and after, and its version after the merge
  -- (an undo restores them only if the survivor was not edited since).
  survivor_before jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(survivor_before) = 'object'),
  survivor_after jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(survivor_after) = 'object'),
  survivor_version_after integer NOT NULL,
  choices jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(choices) = 'object'),
  -- Rows left on the merged record because moving them would break a constraint (e.g. a unique key).
  kept jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(kept) = 'array'),
  undone_at timestamptz,
  undone_by uuid REFERENCES accounts(id),
  undo_reason text CHECK (undo_reason IS NULL OR length(btrim(undo_reason)) BETWEEN 3 AND 500),
  undo_report jsonb CHECK (undo_report IS NULL OR jsonb_typeof(undo_report) = 'object'),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, survivor_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, duplicate_id) REFERENCES patients (practice_id, id),
  CHECK (survivor_id <> duplicate_id),
  CHECK ((undone_at IS NULL) = (undone_by IS NULL) AND (undone_at IS NULL) = (undo_reason IS NULL)),
  -- Undo is possible for 30 days (identitovigilance: reversible, but not forever).
  CONSTRAINT patient_merges_undo_within_30_days CHECK (undone_at IS NULL OR undone_at <= merged_at + interval '30 days')
);
-- A record is merged at most once at a time.
CREATE UNIQUE INDEX patient_merges_active_duplicate ON patient_merges (duplicate_id) WHERE undone_at IS NULL;
CREATE INDEX patient_merges_survivor_idx ON patient_merges (practice_id, survivor_id);
COMMENT ON COLUMN patient_merges.survivor_id IS 'pivot:merge-keep history of a merge';
COMMENT ON COLUMN patient_merges.duplicate_id IS 'pivot:merge-keep history of a merge';

CREATE TABLE patient_merge_moves (
  merge_id uuid NOT NULL REFERENCES patient_merges(id),
  n integer NOT NULL,
  table_name text NOT NULL,
  column_name text NOT NULL,
  -- The moved row's primary key after the move (column → value as text).
  pk jsonb NOT NULL CHECK (jsonb_typeof(pk) = 'object'),
  PRIMARY KEY (merge_id, n)
);

CREATE TABLE patient_splits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  source_id uuid NOT NULL,
  new_patient_id uuid NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 3 AND 500),
  split_by uuid NOT NULL REFERENCES accounts(id),
  split_at timestamptz NOT NULL DEFAULT now(),
  moved jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(moved) = 'array'),
  source_status_before text NOT NULL,
  source_status_after text NOT NULL,
  FOREIGN KEY (practice_id, source_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, new_patient_id) REFERENCES patients (practice_id, id),
  CHECK (source_id <> new_patient_id)
);
CREATE INDEX patient_splits_source_idx ON patient_splits (practice_id, source_id);
CREATE INDEX patient_splits_new_idx ON patient_splits (practice_id, new_patient_id);
COMMENT ON COLUMN patient_splits.source_id IS 'pivot:merge-keep history of a split';
COMMENT ON COLUMN patient_splits.new_patient_id IS 'pivot:merge-keep history of a split';
COMMENT ON COLUMN patients.merged_into_id IS 'pivot:merge-keep the merge link itself';

-- A merged record is read-only (only the phonetic-key backfill may refresh its search keys); it is
-- merged only with a merge record, into a living record, and revived only by the undo of that record.
CREATE FUNCTION patients_merge_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.merged_into_id IS NOT NULL AND NEW.merged_into_id IS NOT NULL THEN
    IF (to_jsonb(NEW) - 'phonetic_keys' - 'phonetic_keys_version' - 'search_name' - 'name_words')
       IS DISTINCT FROM (to_jsonb(OLD) - 'phonetic_keys' - 'phonetic_keys_version' - 'search_name' - 'name_words') THEN
      RAISE EXCEPTION 'patient % is merged into % and read-only', OLD.id, OLD.merged_into_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'patients_merged_read_only';
    END IF;
  ELSIF OLD.merged_into_id IS NULL AND NEW.merged_into_id IS NOT NULL THEN
    IF NOT EXISTS (SELECT 1 FROM patient_merges m WHERE m.duplicate_id = NEW.id AND m.survivor_id = NEW.merged_into_id AND m.undone_at IS NULL) THEN
      RAISE EXCEPTION 'merging patient % needs a merge record', NEW.id USING ERRCODE = 'check_violation', CONSTRAINT = 'patients_merge_recorded';
    END IF;
    IF EXISTS (SELECT 1 FROM patients s WHERE s.id = NEW.merged_into_id AND s.merged_into_id IS NOT NULL) THEN
      RAISE EXCEPTION 'patient % is itself merged', NEW.merged_into_id USING ERRCODE = 'check_violation', CONSTRAINT = 'patients_merge_into_living';
    END IF;
  ELSIF OLD.merged_into_id IS NOT NULL AND NEW.merged_into_id IS NULL THEN
    IF NOT EXISTS (SELECT 1 FROM patient_merges m WHERE m.duplicate_id = OLD.id AND m.survivor_id = OLD.merged_into_id
                     AND m.undone_at IS NOT NULL AND m.undone_at <= m.merged_at + interval '30 days'
                     AND m.undone_at = now()) THEN
      RAISE EXCEPTION 'patient % can only be revived by the undo of its merge, within 30 days', OLD.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'patients_unmerge_by_undo';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER patients_merge_rules BEFORE UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION patients_merge_rules();

-- Attached by the patients capability to every column that references a patient (see patients/merge.ts
-- `ensureMergedReferenceGuards`): nothing new may point to a merged record (no booking, no document…).
CREATE FUNCTION patients_refuse_merged_reference() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pid uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
BEGIN
  IF pid IS NULL THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND pid IS NOT DISTINCT FROM (to_jsonb(OLD) ->> TG_ARGV[0])::uuid THEN RETURN NEW; END IF;
  IF EXISTS (SELECT 1 FROM patients p WHERE p.id = pid AND p.merged_into_id IS NOT NULL) THEN
    RAISE EXCEPTION 'patient % was merged into another record', pid
      USING ERRCODE = 'check_violation', CONSTRAINT = 'patients_merged_not_referenced';
  END IF;
  RETURN NEW;
END $$;
