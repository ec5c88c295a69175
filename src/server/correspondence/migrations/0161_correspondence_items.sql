-- The correspondence register, in and out, one list (docs/correspondence.md). An incoming item goes
-- to_match → to_read → read → filed; nothing reaches a patient's documents until a person confirmed the patient.
CREATE TABLE correspondence_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  channel text NOT NULL CHECK (channel IN ('post', 'email', 'mssante', 'lab')),
  -- Came through (or went to) a simulator, not a real service: shown as such everywhere.
  simulated boolean NOT NULL DEFAULT false,
  type text NOT NULL CHECK (type IN ('result', 'hospital_report', 'letter', 'referral', 'administrative', 'other')),
  status text NOT NULL,
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  sender_id uuid,
  sender_label text CHECK (sender_label IS NULL OR length(sender_label) <= 300),
  recipient_id uuid,
  recipient_address text CHECK (recipient_address IS NULL OR length(recipient_address) <= 300),
  -- Proposals (lab identity, OCR, INS of an MSSanté message): [{patientId, evidence}], never a filing by themselves.
  proposals jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(proposals) = 'array'),
  patient_id uuid,
  patient_confirmed_by uuid REFERENCES accounts(id),
  patient_confirmed_at timestamptz,
  reader_id uuid,
  routed_by uuid REFERENCES accounts(id),
  abnormal boolean NOT NULL DEFAULT false,
  read_by uuid REFERENCES accounts(id),
  read_at timestamptz,
  filed_by uuid REFERENCES accounts(id),
  filed_at timestamptz,
  sent_by uuid REFERENCES accounts(id),
  sent_at timestamptz,
  author_id uuid,
  template_id text,
  external_id text CHECK (external_id IS NULL OR length(external_id) <= 300),
  received_at timestamptz NOT NULL DEFAULT pivot_now(),
  created_by uuid REFERENCES accounts(id),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, sender_id) REFERENCES correspondents (practice_id, id),
  FOREIGN KEY (practice_id, recipient_id) REFERENCES correspondents (practice_id, id),
  FOREIGN KEY (practice_id, reader_id) REFERENCES practitioners (practice_id, id),
  FOREIGN KEY (practice_id, author_id) REFERENCES practitioners (practice_id, id),
  CONSTRAINT correspondence_status_by_direction CHECK (
    (direction = 'in' AND status IN ('to_match', 'to_read', 'read', 'filed'))
    OR (direction = 'out' AND status IN ('draft', 'sent', 'posted'))),
  CONSTRAINT correspondence_out_channel CHECK (direction = 'in' OR channel IN ('post', 'email', 'mssante')),
  -- A patient is there only with the person who confirmed it, and every status past matching needs one.
  CONSTRAINT correspondence_patient_confirmed CHECK ((patient_id IS NULL) = (patient_confirmed_by IS NULL) AND (patient_id IS NULL) = (patient_confirmed_at IS NULL)),
  CONSTRAINT correspondence_patient_needed CHECK (status IN ('to_match', 'draft') OR patient_id IS NOT NULL),
  CONSTRAINT correspondence_read_by CHECK ((status IN ('read', 'filed')) = (read_by IS NOT NULL AND read_at IS NOT NULL) OR direction = 'out'),
  CONSTRAINT correspondence_filed_by CHECK ((status = 'filed') = (filed_by IS NOT NULL AND filed_at IS NOT NULL) OR direction = 'out'),
  CONSTRAINT correspondence_sent CHECK (direction = 'in' OR (status IN ('sent', 'posted')) = (sent_by IS NOT NULL AND sent_at IS NOT NULL))
);
CREATE INDEX correspondence_items_list_idx ON correspondence_items (practice_id, received_at DESC);
CREATE INDEX correspondence_items_reader_idx ON correspondence_items (practice_id, reader_id, status);
CREATE UNIQUE INDEX correspondence_items_external_key ON correspondence_items (practice_id, channel, external_id) WHERE external_id IS NOT NULL;

-- The allowed status changes: the same pairs as rules.ts IN_TRANSITIONS / OUT_TRANSITIONS.
CREATE FUNCTION correspondence_items_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (OLD.status, NEW.status) IN (
    ('to_match', 'to_read'), ('to_read', 'read'), ('to_read', 'to_match'), ('read', 'filed'), ('read', 'to_read'),
    ('draft', 'sent'), ('draft', 'posted')) THEN
    RAISE EXCEPTION 'correspondence status % → % not allowed', OLD.status, NEW.status USING ERRCODE = 'check_violation', CONSTRAINT = 'correspondence_transition';
  END IF;
  IF OLD.status IN ('filed', 'sent', 'posted') AND NEW IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION 'a filed or sent item does not change' USING ERRCODE = 'check_violation', CONSTRAINT = 'correspondence_transition';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER correspondence_items_transition BEFORE UPDATE ON correspondence_items FOR EACH ROW EXECUTE FUNCTION correspondence_items_transition();
CREATE FUNCTION correspondence_forbid_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the correspondence register keeps every item' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER correspondence_items_no_delete BEFORE DELETE ON correspondence_items FOR EACH ROW EXECUTE FUNCTION correspondence_forbid_delete();

-- The pages, bodies, lab files and letters of an item, encrypted like patient documents (documents' sealing, context
-- 'correspondence:<practice>:<file>'): an incoming scan has no patient yet, so it cannot be a patient document.
CREATE TABLE correspondence_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  item_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  kind text NOT NULL CHECK (kind IN ('page', 'attachment', 'body', 'lab_source', 'letter')),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  mime_type text NOT NULL CHECK (length(mime_type) BETWEEN 3 AND 100),
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  iv bytea NOT NULL CHECK (length(iv) = 12),
  auth_tag bytea NOT NULL CHECK (length(auth_tag) = 16),
  ciphertext bytea NOT NULL,
  UNIQUE (practice_id, id),
  UNIQUE (item_id, position),
  FOREIGN KEY (practice_id, item_id) REFERENCES correspondence_items (practice_id, id)
);
ALTER TABLE correspondence_files ALTER COLUMN ciphertext SET STORAGE EXTERNAL;
CREATE TRIGGER correspondence_files_no_delete BEFORE DELETE ON correspondence_files FOR EACH ROW EXECUTE FUNCTION correspondence_forbid_delete();

-- What filing (or sending) put in the patient's documents.
CREATE TABLE correspondence_item_documents (
  practice_id uuid NOT NULL,
  item_id uuid NOT NULL,
  document_id uuid NOT NULL,
  PRIMARY KEY (item_id, document_id),
  FOREIGN KEY (practice_id, item_id) REFERENCES correspondence_items (practice_id, id),
  FOREIGN KEY (practice_id, document_id) REFERENCES documents (practice_id, id)
);
