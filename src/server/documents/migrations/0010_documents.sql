-- Patient documents (scans, cards, letters, results). Metadata here; the encrypted bytes live in
-- document_contents, so that listing documents never reads a blob. A medical document is archived, never deleted.
CREATE TABLE documents (
  id uuid PRIMARY KEY,
  practice_id uuid NOT NULL REFERENCES practices(id),
  patient_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN (
    'id_document', 'health_insurance_card', 'mutuelle_card', 'referral_letter',
    'result', 'prescription', 'correspondence', 'other'
  )),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  mime_type text NOT NULL CHECK (mime_type IN (
    'application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/tiff'
  )),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  -- SHA-256 of the plaintext, lowercase hex: checked on every read.
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid NOT NULL REFERENCES accounts(id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  archived_by uuid REFERENCES accounts(id),
  archive_reason text CHECK (archive_reason IS NULL OR length(btrim(archive_reason)) BETWEEN 1 AND 500),
  CHECK ((archived_at IS NULL) = (archived_by IS NULL) AND (archived_at IS NULL) = (archive_reason IS NULL)),
  UNIQUE (practice_id, id),
  -- A document belongs to a patient of the same practice.
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id)
);
CREATE INDEX documents_patient_idx ON documents (practice_id, patient_id, uploaded_at DESC);

-- The file, encrypted with AES-256-GCM (platform Keyring, key outside the database). The additional
-- authenticated data is 'document:<practice_id>:<document_id>': a ciphertext moved to another row or
-- practice does not decrypt. iv and tag are the Keyring's; format names the Keyring's sealed format.
CREATE TABLE document_contents (
  document_id uuid PRIMARY KEY,
  practice_id uuid NOT NULL,
  format text NOT NULL CHECK (format = 'v1'),
  iv bytea NOT NULL CHECK (length(iv) = 12),
  auth_tag bytea NOT NULL CHECK (length(auth_tag) = 16),
  ciphertext bytea NOT NULL,
  FOREIGN KEY (practice_id, document_id) REFERENCES documents (practice_id, id)
);
-- Ciphertext does not compress: store it out of line without trying.
ALTER TABLE document_contents ALTER COLUMN ciphertext SET STORAGE EXTERNAL;

-- No hard delete: a medical document is archived (archived_at, archived_by, archive_reason), not destroyed.
CREATE FUNCTION documents_forbid_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'patient documents are archived, never deleted' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents FOR EACH ROW EXECUTE FUNCTION documents_forbid_delete();
CREATE TRIGGER document_contents_no_delete BEFORE DELETE ON document_contents FOR EACH ROW EXECUTE FUNCTION documents_forbid_delete();
