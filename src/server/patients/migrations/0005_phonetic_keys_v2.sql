-- One French phonetic algorithm for search and duplicate detection (identity/phonetic.ts, version 2).
-- The keys are computed in TypeScript, so this migration only marks the rows written with the former
-- algorithm as stale (version 1); `backfillPhoneticKeys` (patients/backfill.ts), called at startup after
-- the migrations, recomputes them in batches. Until then a stale row is still found by the exact-word,
-- one-typo and trigram paths of the search and by the birth-date/NIR paths of the duplicate check.
-- Rows written without the column (demo seed, bulk loads) compute their keys with the current code:
-- the default for new rows is the current version.
ALTER TABLE patients ADD COLUMN phonetic_keys_version smallint NOT NULL DEFAULT 1;
ALTER TABLE patients ALTER COLUMN phonetic_keys_version SET DEFAULT 2;
CREATE INDEX patients_phonetic_stale_idx ON patients (id) WHERE phonetic_keys_version < 2;
