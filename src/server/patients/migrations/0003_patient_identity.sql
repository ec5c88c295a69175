-- Patients capability: strict traits, NIR/INS, identity status and its evidence, attributes,
-- administrative file, search keys, and the columns merge/split will need (no hard deletes).

-- Statuses recorded before this migration carry no evidence (no document check, no INS): they cannot
-- be trusted and go back to provisoire, which the status CHECK below requires.
UPDATE patients SET identity_status = 'provisoire' WHERE identity_status <> 'provisoire';
UPDATE patients SET given_names = first_name WHERE given_names IS NULL OR btrim(given_names) = '';

ALTER TABLE patients
  ALTER COLUMN given_names SET NOT NULL,
  ADD CONSTRAINT patients_given_names_check CHECK (length(btrim(given_names)) BETWEEN 1 AND 300),
  ADD COLUMN used_first_name text CHECK (used_first_name IS NULL OR length(btrim(used_first_name)) BETWEEN 1 AND 100),
  -- Incomplete birth date (RNIV): unknown day/month stored as 01, the precision says what is known.
  ADD COLUMN birth_date_precision text NOT NULL DEFAULT 'day' CHECK (birth_date_precision IN ('day', 'month', 'year')),
  ADD COLUMN nir text CHECK (nir IS NULL OR nir ~ '^[1-478][0-9]{4}([0-9]{2}|2A|2B)[0-9]{8}$'),
  -- INS: matricule (NIR or NIA) + OID, only ever written from an INSi answer.
  ADD COLUMN ins_matricule text CHECK (ins_matricule IS NULL OR ins_matricule ~ '^[1-478][0-9]{4}([0-9]{2}|2A|2B)[0-9]{8}$'),
  ADD COLUMN ins_oid text CHECK (ins_oid IS NULL OR ins_oid IN ('1.2.250.1.213.1.4.8', '1.2.250.1.213.1.4.9', '1.2.250.1.213.1.4.10', '1.2.250.1.213.1.4.11')),
  ADD COLUMN ins_retrieved_at timestamptz,
  ADD COLUMN ins_traits jsonb CHECK (ins_traits IS NULL OR jsonb_typeof(ins_traits) = 'object'),
  ADD COLUMN ins_simulated boolean NOT NULL DEFAULT false,
  -- The high-trust identity document checked at the desk: what, which number, who, when.
  ADD COLUMN id_doc_type text CHECK (id_doc_type IS NULL OR id_doc_type IN (
    'passport', 'national_id_card', 'residence_permit', 'minor_birth_extract_with_parent_id',
    'minor_family_book_with_parent_id', 'minor_travel_document', 'ehpad_family_book_with_vitale_photo')),
  ADD COLUMN id_doc_number text CHECK (id_doc_number IS NULL OR length(btrim(id_doc_number)) BETWEEN 1 AND 40),
  ADD COLUMN id_doc_expires_on date,
  ADD COLUMN id_doc_checked_by uuid REFERENCES accounts(id),
  ADD COLUMN id_doc_checked_at timestamptz,
  -- Identity attributes (RNIV).
  ADD COLUMN doubtful boolean NOT NULL DEFAULT false,
  ADD COLUMN doubtful_reason text CHECK (doubtful_reason IS NULL OR length(doubtful_reason) <= 500),
  ADD COLUMN fictitious boolean NOT NULL DEFAULT false,
  ADD COLUMN homonym boolean NOT NULL DEFAULT false,
  -- Merge (next step): a merged record points to its survivor and is never deleted.
  ADD COLUMN merged_into_id uuid,
  ADD COLUMN merged_at timestamptz,
  -- Search keys computed by the application (French phonetic keys, phone digits).
  ADD COLUMN phonetic_keys text[] NOT NULL DEFAULT '{}',
  ADD COLUMN phone_search text[] NOT NULL DEFAULT '{}',
  -- Administrative file.
  ADD COLUMN phones jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(phones) = 'array'),
  ADD COLUMN address jsonb CHECK (address IS NULL OR jsonb_typeof(address) = 'object'),
  ADD COLUMN sms_consent boolean NOT NULL DEFAULT false,
  ADD COLUMN email_consent boolean NOT NULL DEFAULT false,
  ADD COLUMN preferred_language text NOT NULL DEFAULT 'fr' CHECK (preferred_language ~ '^[a-z]{2,3}$'),
  ADD COLUMN accessibility jsonb CHECK (accessibility IS NULL OR jsonb_typeof(accessibility) = 'object'),
  ADD COLUMN gp jsonb CHECK (gp IS NULL OR jsonb_typeof(gp) = 'object'),
  ADD COLUMN emergency_contact jsonb CHECK (emergency_contact IS NULL OR jsonb_typeof(emergency_contact) = 'object'),
  ADD COLUMN amo jsonb CHECK (amo IS NULL OR jsonb_typeof(amo) = 'object'),
  ADD COLUMN amc jsonb CHECK (amc IS NULL OR jsonb_typeof(amc) = 'object'),
  ADD COLUMN version integer NOT NULL DEFAULT 1;

UPDATE patients SET
  phones = CASE WHEN phone IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('number', phone, 'kind', 'mobile')) END,
  phone_search = CASE WHEN phone IS NULL THEN '{}'::text[] ELSE ARRAY[regexp_replace(phone, '[^0-9]', '', 'g')] END;

ALTER TABLE patients
  ADD CONSTRAINT patients_id_doc_complete CHECK (
    (id_doc_checked_at IS NULL) = (id_doc_type IS NULL)
    AND (id_doc_checked_at IS NULL) = (id_doc_number IS NULL)
    AND (id_doc_checked_at IS NULL) = (id_doc_checked_by IS NULL)),
  ADD CONSTRAINT patients_ins_complete CHECK (
    (ins_matricule IS NULL) = (ins_oid IS NULL) AND (ins_matricule IS NULL) = (ins_retrieved_at IS NULL)),
  -- The status is the function of the evidence that identity/status.ts implements.
  ADD CONSTRAINT patients_status_matches_evidence CHECK (identity_status = CASE
    WHEN doubtful OR fictitious THEN 'provisoire'
    WHEN id_doc_checked_at IS NOT NULL AND ins_matricule IS NOT NULL THEN 'qualifiee'
    WHEN ins_matricule IS NOT NULL THEN 'recuperee'
    WHEN id_doc_checked_at IS NOT NULL THEN 'validee'
    ELSE 'provisoire' END),
  ADD CONSTRAINT patients_doubtful_reason CHECK (doubtful OR doubtful_reason IS NULL),
  ADD CONSTRAINT patients_merge_consistent CHECK ((merged_into_id IS NULL) = (merged_at IS NULL) AND merged_into_id IS DISTINCT FROM id),
  ADD CONSTRAINT patients_merged_into_fk FOREIGN KEY (practice_id, merged_into_id) REFERENCES patients (practice_id, id);

-- The search column now covers every name (birth, used, all given names, used first name).
DROP INDEX IF EXISTS patients_search_trgm_idx;
ALTER TABLE patients DROP COLUMN search_name;
ALTER TABLE patients ADD COLUMN search_name text GENERATED ALWAYS AS (
  pivot_normalize(birth_name || ' ' || coalesce(used_name, '') || ' ' || given_names || ' ' || coalesce(used_first_name, ''))
) STORED;
CREATE INDEX patients_search_trgm_idx ON patients USING gist (practice_id, search_name gist_trgm_ops);
CREATE INDEX patients_phonetic_idx ON patients USING gin (phonetic_keys);
CREATE INDEX patients_phone_idx ON patients USING gin (phone_search);
CREATE INDEX patients_nir_idx ON patients (practice_id, nir text_pattern_ops) WHERE nir IS NOT NULL;
-- One living record per INS in a practice: a second one is a duplicate.
CREATE UNIQUE INDEX patients_ins_unique ON patients (practice_id, ins_matricule, ins_oid)
  WHERE ins_matricule IS NOT NULL AND merged_into_id IS NULL;
CREATE INDEX patients_merged_into_idx ON patients (practice_id, merged_into_id) WHERE merged_into_id IS NOT NULL;

-- Legal representatives (minors, protected adults): rows of their own, tied to the patient's practice.
CREATE TABLE patient_legal_representatives (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 9),
  relationship text NOT NULL CHECK (relationship IN ('mother', 'father', 'parent', 'guardian', 'curator', 'other')),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  phone text CHECK (phone IS NULL OR length(phone) <= 30),
  email text CHECK (email IS NULL OR length(email) <= 254),
  representative_patient_id uuid,
  note text CHECK (note IS NULL OR length(note) <= 300),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, representative_patient_id) REFERENCES patients (practice_id, id),
  CHECK (representative_patient_id IS DISTINCT FROM patient_id),
  UNIQUE (patient_id, position)
);
CREATE INDEX patient_legal_representatives_patient_idx ON patient_legal_representatives (practice_id, patient_id);
