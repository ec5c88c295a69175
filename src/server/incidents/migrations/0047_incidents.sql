-- Incident log: difficult situations at the practice (aggressive behaviour, threats, theft), declared by any staff
-- member, readable by the administrators (and by their declarant), followed up until closed. After an incident
-- the Ordre recommends declaring it (Observatoire de la sécurité des médecins) and filing a complaint.

CREATE TABLE incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  kind text NOT NULL CHECK (kind IN ('aggressive_behaviour', 'verbal_threat', 'physical_threat', 'physical_assault', 'theft', 'vandalism', 'other')),
  occurred_at timestamptz NOT NULL,
  place text NOT NULL CHECK (length(btrim(place)) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(btrim(description)) BETWEEN 3 AND 8000),
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  -- People involved: staff accounts (incident_staff), a patient of the practice, and/or free text.
  patient_id uuid,
  others text CHECK (others IS NULL OR length(btrim(others)) BETWEEN 1 AND 2000),
  follow_up text[] NOT NULL DEFAULT '{}' CHECK (follow_up <@ ARRAY[
    'police_called', 'complaint_filed', 'main_courante', 'ordre_informed', 'insurer_informed', 'patient_letter', 'care_stopped', 'other']::text[]),
  follow_up_note text CHECK (follow_up_note IS NULL OR length(btrim(follow_up_note)) BETWEEN 1 AND 4000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at timestamptz,
  closed_by uuid,
  declared_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, declared_by) REFERENCES memberships (practice_id, account_id),
  FOREIGN KEY (practice_id, closed_by) REFERENCES memberships (practice_id, account_id),
  CONSTRAINT incidents_closed CHECK ((status = 'closed') = (closed_at IS NOT NULL) AND (closed_at IS NULL) = (closed_by IS NULL)),
  -- Declared after it happened (a few minutes of clock drift tolerated).
  CONSTRAINT incidents_not_future CHECK (occurred_at <= created_at + interval '10 minutes')
);
CREATE INDEX incidents_practice_idx ON incidents (practice_id, occurred_at DESC);

CREATE TABLE incident_staff (
  practice_id uuid NOT NULL,
  incident_id uuid NOT NULL,
  account_id uuid NOT NULL,
  PRIMARY KEY (incident_id, account_id),
  FOREIGN KEY (practice_id, incident_id) REFERENCES incidents (practice_id, id) ON DELETE CASCADE,
  FOREIGN KEY (practice_id, account_id) REFERENCES memberships (practice_id, account_id)
);
