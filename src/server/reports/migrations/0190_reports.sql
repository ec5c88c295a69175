-- Reports and letters typed from dictation (docs/reports.md). A report is a draft (the desk or the practitioner
-- types it), waits in the practitioner's queue, and is validated by its author: who, when, and the hash of the
-- version they saw. A validated report never changes (trigger); a change is an amendment, a new report that points
-- at the one it amends and is validated on its own.
CREATE TABLE reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  patient_id uuid NOT NULL,
  author_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('consultation_report', 'referral_letter', 'ultrasound_report', 'operative_report', 'dental_plan_letter')),
  template_id text NOT NULL CHECK (length(template_id) BETWEEN 1 AND 60),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'to_validate', 'validated')),
  -- The editor's document (ProseMirror JSON), and what the server rendered from it with the merge fields' values.
  body_json jsonb NOT NULL CHECK (jsonb_typeof(body_json) = 'object'),
  body_html text NOT NULL CHECK (length(body_html) <= 400000),
  body_text text NOT NULL CHECK (length(body_text) <= 200000),
  fields jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(fields) = 'object'),
  -- SHA-256 of what a reader sees (rules.ts versionHash), recomputed at every save.
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  amends_id uuid,
  created_by uuid NOT NULL REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  updated_by uuid NOT NULL REFERENCES accounts(id),
  updated_at timestamptz NOT NULL DEFAULT pivot_now(),
  submitted_by uuid REFERENCES accounts(id),
  submitted_at timestamptz,
  validated_by uuid REFERENCES accounts(id),
  validated_at timestamptz,
  validated_hash text,
  document_id uuid,
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, author_id) REFERENCES practitioners (practice_id, id),
  FOREIGN KEY (practice_id, amends_id) REFERENCES reports (practice_id, id),
  FOREIGN KEY (practice_id, document_id) REFERENCES documents (practice_id, id),
  CONSTRAINT reports_submitted CHECK ((status = 'draft') = (submitted_at IS NULL) AND (submitted_at IS NULL) = (submitted_by IS NULL)),
  -- Validated means: by someone, at a time, on the very version stored, with its PDF filed.
  CONSTRAINT reports_validated CHECK (
    (status = 'validated') = (validated_by IS NOT NULL AND validated_at IS NOT NULL AND validated_hash IS NOT NULL AND document_id IS NOT NULL)
    AND (validated_hash IS NULL OR validated_hash = content_hash)),
  CONSTRAINT reports_not_self_amending CHECK (amends_id IS DISTINCT FROM id)
);
-- A validated report is amended once; the amendment is amended in turn (a chain, never a fork).
CREATE UNIQUE INDEX reports_one_amendment ON reports (amends_id) WHERE amends_id IS NOT NULL;
-- The practitioner's queue « À valider », oldest first.
CREATE INDEX reports_queue_idx ON reports (practice_id, author_id, submitted_at) WHERE status = 'to_validate';
CREATE INDEX reports_patient_idx ON reports (practice_id, patient_id, created_at DESC);

CREATE FUNCTION reports_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'reports are kept' USING ERRCODE = 'restrict_violation', CONSTRAINT = 'reports_immutable';
  END IF;
  IF OLD.status = 'validated' THEN
    RAISE EXCEPTION 'a validated report does not change: amend it' USING ERRCODE = 'check_violation', CONSTRAINT = 'reports_immutable';
  END IF;
  IF NEW.id <> OLD.id OR NEW.practice_id <> OLD.practice_id OR NEW.patient_id <> OLD.patient_id OR NEW.amends_id IS DISTINCT FROM OLD.amends_id
     OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'a report keeps its patient and its origin' USING ERRCODE = 'check_violation', CONSTRAINT = 'reports_immutable';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER reports_immutable BEFORE UPDATE OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION reports_immutable();

-- An amendment amends a validated report of the same patient.
CREATE FUNCTION reports_amends_validated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.amends_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM reports r WHERE r.id = NEW.amends_id AND r.status = 'validated' AND r.patient_id = NEW.patient_id) THEN
    RAISE EXCEPTION 'only a validated report of the same patient is amended' USING ERRCODE = 'check_violation', CONSTRAINT = 'reports_amendment';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER reports_amends_validated BEFORE INSERT ON reports FOR EACH ROW EXECUTE FUNCTION reports_amends_validated();

-- The correspondents chosen on the report, and the way each one gets it; frozen with the report.
CREATE TABLE report_recipients (
  practice_id uuid NOT NULL,
  report_id uuid NOT NULL,
  correspondent_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'mssante', 'post')),
  position integer NOT NULL CHECK (position BETWEEN 0 AND 19),
  -- The register's item once sent (correspondence capability).
  correspondence_item_id uuid,
  PRIMARY KEY (report_id, correspondent_id, channel),
  FOREIGN KEY (practice_id, report_id) REFERENCES reports (practice_id, id),
  FOREIGN KEY (practice_id, correspondent_id) REFERENCES correspondents (practice_id, id),
  FOREIGN KEY (practice_id, correspondence_item_id) REFERENCES correspondence_items (practice_id, id)
);

-- The dictation: one recording per report (re-recording replaces it while the report is a draft), encrypted like
-- patient documents (documents' sealing, context 'report-audio:<practice>:<id>').
CREATE TABLE report_audio (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  report_id uuid NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  mime_type text NOT NULL CHECK (mime_type IN ('audio/wav', 'audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/mp4')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  iv bytea NOT NULL CHECK (length(iv) = 12),
  auth_tag bytea NOT NULL CHECK (length(auth_tag) = 16),
  ciphertext bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES accounts(id),
  uploaded_at timestamptz NOT NULL DEFAULT pivot_now(),
  UNIQUE (report_id),
  FOREIGN KEY (practice_id, report_id) REFERENCES reports (practice_id, id)
);
ALTER TABLE report_audio ALTER COLUMN ciphertext SET STORAGE EXTERNAL;

-- Recipients and audio follow the report: nothing of a validated report changes (sending records its register item once).
CREATE FUNCTION report_frozen(rid uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM reports WHERE id = rid AND status = 'validated') THEN
    RAISE EXCEPTION 'a validated report does not change: amend it' USING ERRCODE = 'check_violation', CONSTRAINT = 'reports_immutable';
  END IF;
END;
$$;
CREATE FUNCTION report_recipients_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.correspondence_item_id IS NULL AND NEW.correspondence_item_id IS NOT NULL
     AND (NEW.report_id, NEW.correspondent_id, NEW.channel, NEW.position) = (OLD.report_id, OLD.correspondent_id, OLD.channel, OLD.position) THEN
    RETURN NEW;
  END IF;
  PERFORM report_frozen(CASE WHEN TG_OP = 'DELETE' THEN OLD.report_id ELSE NEW.report_id END);
  IF TG_OP = 'UPDATE' THEN PERFORM report_frozen(OLD.report_id); END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE FUNCTION report_audio_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_frozen(CASE WHEN TG_OP = 'DELETE' THEN OLD.report_id ELSE NEW.report_id END);
  IF TG_OP = 'UPDATE' THEN PERFORM report_frozen(OLD.report_id); END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER report_recipients_frozen BEFORE INSERT OR UPDATE OR DELETE ON report_recipients FOR EACH ROW EXECUTE FUNCTION report_recipients_frozen();
CREATE TRIGGER report_audio_frozen BEFORE INSERT OR UPDATE OR DELETE ON report_audio FOR EACH ROW EXECUTE FUNCTION report_audio_frozen();
