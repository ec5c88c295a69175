import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { prepareIdentity, scorePrepared, type DuplicateLevel, type IdentityForMatching } from './index.js';
import { searchNormalize } from '../identity/normalize.js';
import { phoneticKeys, wordKeys } from '../identity/phonetic.js';
import type { IdentityStatus } from '../identity/status.js';
import type { CheckedIdentity } from '../identity/traits.js';
import type { PatientRow } from '../mapping.js';

// ---------- duplicates: SQL pre-selection, then the scorer of duplicates/ ----------

/** Legacy reason codes (kept: the API shape is additive), followed by the scorer's reason codes. */
export type LegacyDuplicateReason = 'same_nir' | 'same_birth_date_similar_name' | 'swapped_day_month_similar_name';

export interface DuplicateCandidate {
  id: string;
  birthName: string;
  usedName: string | null;
  firstName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  identityStatus: IdentityStatus;
  /** Codes: the legacy ones when they apply, then the scorer's (`NAME_PHONETIC`, `DATE_SAME`…). */
  reasons: string[];
  /** Scorer level: `certain` and `probable` block the creation unless confirmed; `possible` is informative. */
  level: Exclude<DuplicateLevel, 'none'>;
  /** 0..1 (the scorer's logistic score). */
  score: number;
  /** Why, in French, with the weight of each piece of evidence (as the scorer explains it). */
  explanation: { code: string; label: string; weight: number }[];
}

/** Levels at which a candidate blocks the creation (409) unless `confirmNotDuplicate`. */
export const BLOCKING_LEVELS: ReadonlySet<DuplicateLevel> = new Set(['certain', 'probable']);

const PRECISION_DATE = (date: string, precision: 'day' | 'month' | 'year') =>
  precision === 'day' ? date : precision === 'month' ? date.slice(0, 7) : date.slice(0, 4);

function forMatching(r: {
  birthName: string;
  usedName: string | null;
  givenNames: string;
  usedFirstName: string | null;
  birthDate: string;
  birthDatePrecision: 'day' | 'month' | 'year';
  sex: 'F' | 'M' | 'U';
  birthPlaceCode: string | null;
  nir: string | null;
}): IdentityForMatching {
  return {
    birthName: r.birthName,
    usedName: r.usedName,
    firstNames: r.givenNames.split(/\s+/).filter(Boolean),
    usedFirstName: r.usedFirstName,
    birthDate: PRECISION_DATE(r.birthDate, r.birthDatePrecision),
    sex: r.sex,
    birthPlaceCode: r.birthPlaceCode,
    nir: r.nir,
  };
}

/**
 * Possible duplicates of an identity in the practice, best first (at most 10, level ≥ possible).
 * 1. SQL pre-selects candidates by index: same NIR; same birth date or day/month swapped (any name:
 *    inverted names, used name typed as birth name); same year when a date is incomplete, with a name
 *    key in common; or, whatever the date (one wrong digit in it), a first-name French phonetic key in
 *    common and a surname that sounds alike or is one typo away (dictionary of name words). Each path is capped.
 * 2. Each candidate is ranked by `scorePrepared` (duplicates/score.ts): level, score, French reasons.
 */
export async function findDuplicateCandidates(tx: Tx, practiceId: string, identity: CheckedIdentity, excludeId?: string): Promise<DuplicateCandidate[]> {
  const t = identity.traits;
  const surnameKeys = phoneticKeys(t.birthName, identity.usedName);
  const firstKeys = wordKeys(t.firstName);
  const nameKeys = surnameKeys.length ? surnameKeys : ['\u0000'];
  const [y, m, d] = t.birthDate.split('-');
  const swapped = t.birthDatePrecision === 'day' && Number(d) <= 12 && d !== m ? `${y}-${d}-${m}` : t.birthDate;
  const common = sql`p.practice_id = ${practiceId} AND p.merged_into_id IS NULL AND p.id IS DISTINCT FROM ${excludeId ?? null}::uuid`;
  const paths = [
    sql`(SELECT p.id FROM patients p WHERE ${common} AND p.birth_date IN (${t.birthDate}::date, ${swapped}::date) LIMIT 200)`,
    sql`(SELECT p.id FROM patients p WHERE ${common}
          AND p.birth_date BETWEEN ${`${y}-01-01`}::date AND ${`${y}-12-31`}::date
          AND (p.birth_date_precision <> 'day' OR ${t.birthDatePrecision} <> 'day')
          AND p.phonetic_keys && ${nameKeys}::text[] LIMIT 100)`,
  ];
  if (identity.nir) paths.push(sql`(SELECT p.id FROM patients p WHERE ${common} AND (p.nir = ${identity.nir} OR p.ins_matricule = ${identity.nir}) LIMIT 20)`);
  if (firstKeys.length) {
    paths.push(sql`(SELECT p.id FROM patients p WHERE ${common}
      AND p.phonetic_keys @> ${firstKeys}::text[] AND p.phonetic_keys && ${nameKeys}::text[] LIMIT 200)`);
  }
  // One typo in the surname plus one in the date: the surname words of the practice's dictionary within
  // one deletion of the typed ones (symmetric-deletion keys, as the search box), with a first-name key in common.
  const surnameWords = [...new Set([t.birthName, identity.usedName ?? ''].flatMap((x) => searchNormalize(x).split(/[^a-z0-9]+/)))].filter((w) => w.length >= 4).slice(0, 4);
  if (firstKeys.length && surnameWords.length) {
    const near = sql.join(surnameWords.map((w) => sql`deletes && pivot_deletes(${w})`), sql` OR `);
    paths.push(sql`(SELECT p.id FROM patients p WHERE ${common}
      AND p.phonetic_keys @> ${firstKeys}::text[]
      AND p.name_words && ARRAY(SELECT word FROM patient_name_words WHERE practice_id::text = ${practiceId} AND (${near}) LIMIT 60)
      LIMIT 200)`);
  }
  // As in the search: the GIN estimates for `&&` are poor and the planner would scan every word.
  await sql`SET LOCAL enable_seqscan = off`.execute(tx);
  const rows = await sql<PatientRow>`
    SELECT p.* FROM patients p WHERE p.id IN (${sql.join(paths, sql` UNION `)})`.execute(tx);
  await sql`SET LOCAL enable_seqscan = on`.execute(tx);
  if (rows.rows.length === 0) return [];
  const typed = prepareIdentity(
    forMatching({ ...t, usedName: identity.usedName, usedFirstName: identity.usedFirstName, nir: identity.nir }),
  );
  const scored: DuplicateCandidate[] = [];
  for (const r of rows.rows) {
    const s = scorePrepared(
      typed,
      prepareIdentity(
        forMatching({
          birthName: r.birth_name,
          usedName: r.used_name,
          givenNames: r.given_names,
          usedFirstName: r.used_first_name,
          birthDate: r.birth_date,
          birthDatePrecision: r.birth_date_precision,
          sex: r.sex,
          birthPlaceCode: r.birth_place_code,
          nir: r.nir,
        }),
      ),
    );
    if (s.level === 'none') continue;
    const legacy: LegacyDuplicateReason[] = [];
    if (identity.nir && r.nir === identity.nir) legacy.push('same_nir');
    const nameClose = s.reasons.some((x) => /^(NAME_(?!DIFFERENT)|NAMES_INVERTED)/.test(x.code));
    if (nameClose && r.birth_date === t.birthDate) legacy.push('same_birth_date_similar_name');
    else if (nameClose && r.birth_date === swapped && swapped !== t.birthDate) legacy.push('swapped_day_month_similar_name');
    scored.push({
      id: r.id,
      birthName: r.birth_name,
      usedName: r.used_name,
      firstName: r.first_name,
      birthDate: r.birth_date,
      sex: r.sex,
      identityStatus: r.identity_status,
      reasons: [...legacy, ...s.reasons.map((x) => x.code)],
      level: s.level,
      score: Math.round(s.score * 1000) / 1000,
      explanation: s.reasons.map((x) => ({ code: x.code, label: x.label_fr, weight: x.weight })),
    });
  }
  return scored.sort((a, b) => b.score - a.score || a.birthName.localeCompare(b.birthName) || a.id.localeCompare(b.id)).slice(0, 10);
}
