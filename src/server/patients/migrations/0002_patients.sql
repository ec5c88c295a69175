-- Patients: the identity core. The patients capability extends this table in its own migrations.
CREATE TABLE patients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  birth_name text NOT NULL CHECK (length(btrim(birth_name)) BETWEEN 1 AND 100),
  used_name text CHECK (used_name IS NULL OR length(btrim(used_name)) BETWEEN 1 AND 100),
  first_name text NOT NULL CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
  given_names text,
  birth_date date NOT NULL CHECK (birth_date BETWEEN DATE '1890-01-01' AND DATE '2200-01-01'),
  sex text NOT NULL CHECK (sex IN ('F', 'M', 'U')),
  birth_place_code text CHECK (birth_place_code IS NULL OR birth_place_code ~ '^[0-9][0-9AB][0-9]{3}$'),
  identity_status text NOT NULL DEFAULT 'provisoire'
    CHECK (identity_status IN ('provisoire', 'recuperee', 'validee', 'qualifiee')),
  phone text,
  email text,
  search_name text GENERATED ALWAYS AS (
    pivot_normalize(birth_name || ' ' || coalesce(used_name, '') || ' ' || first_name)
  ) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, id)
);
CREATE INDEX patients_practice_birth_idx ON patients (practice_id, birth_date);
CREATE INDEX patients_search_trgm_idx ON patients USING gist (search_name gist_trgm_ops);
