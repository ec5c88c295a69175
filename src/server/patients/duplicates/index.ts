/**
 * Probable-duplicate detection (issue 3, "Duplicates and merges"): pure functions, no database.
 *
 * Intended use (patients module):
 *  1. the SQL candidate query pre-selects a few dozen records for the identity being typed: same or
 *     close birth date (`patients_practice_birth_idx`), `search_name % pivot_normalize(...)` (pg_trgm,
 *     GiST) and/or equal phonetic keys (`patients.phonetic_keys`), see `findDuplicateCandidates` in service.ts;
 *  2. each candidate is ranked with `duplicateScore(typed, candidate)` (or `prepareIdentity` once +
 *     `scorePrepared` per candidate);
 *  3. candidates at level `certain` or `probable` are shown to the secretary before she saves, with
 *     `reasons[].label_fr`; `possible` ones go to the on-demand "identités proches" report.
 *
 * API
 *  - `duplicateScore(a, b): { score 0..1, level, total, reasons: { code, label_fr, weight }[] }`, symmetric.
 *  - `prepareIdentity(id)` / `scorePrepared(pa, pb)`: the same, normalising each identity once.
 *  - `frenchPhoneticKey(name)`: French phonetic key ("Dupont" = "Dupond" = "Dupon" → "DUP3"), the same
 *    algorithm as the stored search keys (identity/phonetic.ts, the only one in Pivot).
 *  - `normalizeName(name)`: "d’Alembert-Saint Just" → "D ALEMBERT SAINT JUST"; `nameForms` gives
 *    full/compact/core forms (identity/normalize.ts, shared with validation and search).
 *  - `readNir(nir)`: identity/nir.ts `parseNir` without the messages (null when invalid).
 *  - `trigramSimilarity(a, b)`: pg_trgm `similarity()` (same padding, word split and float4 rounding).
 *  - `compareBirthDates(a, b)`, `parseBirthDate(s)`: birth dates possibly incomplete ("1958-00-00").
 *
 * Levels and thresholds (on `score` = logistic((total − 6) / 1.5), see score.ts for the weights):
 *  - certain:  same valid NIR coherent with both identities (sex, year, month), or all strict traits
 *              identical (birth name, given names, birth date, sex, birth place);
 *  - probable: score ≥ 0.5 (total ≥ 6), shown before saving;
 *  - possible: score ≥ 0.12 (total ≥ 3);
 *  - none:     below. Two different, valid, own, non-temporary NIRs cap the level at `possible`.
 * Thresholds were chosen on the `train` half of bench/patients/duplicates-pairs.jsonl; figures on the
 * held-out half are in docs/benchmarks.md ("Duplicate detection"):
 *   npx tsx bench/patients/duplicates-eval.ts
 */
export { duplicateScore, prepareIdentity, scorePrepared, levelOf, editDistance, THRESHOLDS, SCORE_CENTER, SCORE_SCALE } from './score.js';
export type { IdentityForMatching, DuplicateLevel, DuplicateReason, DuplicateScore, PreparedIdentity, Sex } from './score.js';
export { frenchPhoneticKey, phoneticKey } from '../identity/phonetic.js';
export { normalizeName, searchNormalize, nameForms, nameTokens, foldAccents } from '../identity/normalize.js';
export type { NameForms } from '../identity/normalize.js';
export { trigramSimilarity, trigrams, trigramSet } from './trigram.js';
export { compareBirthDates, parseBirthDate, formatPartialDate } from './birth-date.js';
export type { PartialDate, BirthDateInput, BirthDateComparison, BirthDateKind } from './birth-date.js';
export { readNir } from '../identity/nir.js';
export type { ParsedNir } from '../identity/nir.js';
