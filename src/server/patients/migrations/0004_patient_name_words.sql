-- Fast fuzzy name search at scale. A trigram KNN over whole names (word similarity) costs 15+ ms at
-- 100,000 rows, and trigram matching over a dictionary of 60,000 words is CPU-bound too. Instead the
-- search first finds the *words* of a per-practice dictionary of name words within one deletion of
-- the typed word on each side (symmetric-deletion keys: one typo — missing, extra, wrong letter —
-- found by exact GIN lookups), then the patients holding those words (GIN on `name_words`).
-- Phonetic spellings are found by the French phonetic keys (migration 0003). See docs/patients.md.

-- The word itself and every form with one letter deleted (words of 4 letters or more).
CREATE FUNCTION pivot_deletes(w text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT array_agg(DISTINCT d) FROM (
          SELECT w AS d
          UNION ALL
          SELECT overlay(w PLACING '' FROM i FOR 1) FROM generate_series(1, length(w)) i WHERE length(w) > 3
        ) x $$;
ALTER TABLE patients ADD COLUMN name_words text[] GENERATED ALWAYS AS (
  regexp_split_to_array(btrim(regexp_replace(
    pivot_normalize(birth_name || ' ' || coalesce(used_name, '') || ' ' || given_names || ' ' || coalesce(used_first_name, '')),
    '[^a-z0-9]+', ' ', 'g')), ' ')
) STORED;
CREATE INDEX patients_name_words_idx ON patients USING gin (name_words);

CREATE TABLE patient_name_words (
  practice_id uuid NOT NULL REFERENCES practices(id),
  word text NOT NULL CHECK (word <> ''),
  deletes text[] GENERATED ALWAYS AS (pivot_deletes(word)) STORED,
  PRIMARY KEY (practice_id, word)
);
CREATE INDEX patient_name_words_deletes_idx ON patient_name_words USING gin (deletes);
CREATE INDEX patient_name_words_prefix_idx ON patient_name_words (practice_id, word text_pattern_ops);

-- Kept by the database itself, whatever writes the patients (API, demo seed, merges, bulk loads).
-- Words are never removed: a stale word only costs an empty lookup.
CREATE FUNCTION patients_name_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO patient_name_words (practice_id, word)
    SELECT DISTINCT n.practice_id, w FROM new_rows n, unnest(n.name_words) w WHERE w <> ''
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER patients_name_words_ins AFTER INSERT ON patients
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patients_name_words_sync();
CREATE TRIGGER patients_name_words_upd AFTER UPDATE ON patients
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patients_name_words_sync();

INSERT INTO patient_name_words (practice_id, word)
  SELECT DISTINCT practice_id, w FROM patients, unnest(name_words) w WHERE w <> ''
  ON CONFLICT DO NOTHING;
