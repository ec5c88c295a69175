-- Address book of correspondents (docs/correspondence.md): colleagues, labs, hospitals, caisses, mutuelles.
-- Duplicates are shown, not refused (two sites of one hospital, a colleague entered twice by two secretaries): the
-- keys the app compares (rules.ts duplicateKeys) are stored so that the check is one indexed query.
CREATE TABLE correspondents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  kind text NOT NULL CHECK (kind IN ('practitioner', 'lab', 'hospital', 'caisse', 'mutuelle', 'other')),
  title text CHECK (title IS NULL OR length(btrim(title)) BETWEEN 1 AND 20),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  first_name text CHECK (first_name IS NULL OR length(btrim(first_name)) BETWEEN 1 AND 100),
  -- RPPS: 11 digits with a Luhn key (same rule as practitioners.rpps); only a health professional has one.
  rpps text CHECK (rpps IS NULL OR (rpps ~ '^[0-9]{11}$' AND pivot_luhn_ok(rpps))),
  specialty text CHECK (specialty IS NULL OR length(btrim(specialty)) BETWEEN 1 AND 120),
  addresses jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(addresses) = 'array' AND jsonb_array_length(addresses) <= 5),
  phone text CHECK (phone IS NULL OR length(phone) <= 30),
  email text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
  -- MSSanté mailboxes live in the trust space's domains (…mssante.fr).
  mssante text CHECK (mssante IS NULL OR mssante ~* '^[^@\s]+@([a-z0-9-]+\.)*mssante\.fr$'),
  name_key text NOT NULL,
  city_key text NOT NULL,
  created_by uuid REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  updated_at timestamptz NOT NULL DEFAULT pivot_now(),
  CHECK (rpps IS NULL OR kind = 'practitioner'),
  UNIQUE (practice_id, id)
);
CREATE INDEX correspondents_name_idx ON correspondents (practice_id, name_key, city_key);
CREATE INDEX correspondents_rpps_idx ON correspondents (practice_id, rpps) WHERE rpps IS NOT NULL;
CREATE INDEX correspondents_email_idx ON correspondents (practice_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX correspondents_mssante_idx ON correspondents (practice_id, lower(mssante)) WHERE mssante IS NOT NULL;
