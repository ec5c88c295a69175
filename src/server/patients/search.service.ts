import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { PatientRow } from './mapping.js';
import { parseSearchQuery, type SearchQuery } from './search-query.js';

/**
 * The search box. Names: two index-driven candidate sets — trigram word similarity on the stored
 * normalised `search_name` (GiST, ordered by distance) and French phonetic keys (GIN) — merged and
 * ordered by distance. Dates, NIR and phone numbers use their own indexes.
 */
export async function searchPatients(tx: Tx, practiceId: string, raw: string, limit: number): Promise<PatientRow[]> {
  return searchParsed(tx, practiceId, parseSearchQuery(raw), limit);
}

export async function searchParsed(tx: Tx, practiceId: string, q: SearchQuery, limit: number): Promise<PatientRow[]> {
  const base = () => tx.selectFrom('patients').selectAll().where('practice_id', '=', practiceId).where('merged_into_id', 'is', null);
  if (q.phone) return base().where(sql<boolean>`phone_search @> ARRAY[${q.phone}]::text[]`).orderBy('birth_name').limit(limit).execute();
  if (q.nirPrefix) {
    const prefix = q.nirPrefix.replace(/[%_\\]/g, '');
    return base()
      .where((eb) => eb.or([eb('nir', 'like', `${prefix}%`), eb('ins_matricule', 'like', `${prefix}%`)]))
      .orderBy('nir')
      .limit(limit)
      .execute();
  }
  if (!q.normalized) {
    if (q.birthDate) return base().where('birth_date', '=', q.birthDate).orderBy('birth_name').orderBy('first_name').limit(limit).execute();
    return base().orderBy('birth_name').orderBy('first_name').limit(limit).execute();
  }
  const n = q.normalized;
  const tokens = [...new Set(n.split(/[^a-z0-9]+/).filter((t) => t.length > 0))].slice(0, 5);
  // Punctuation, emoji or invisible characters only: no word to look for. The ranking below needs at least one
  // (its score is a sum over the words: with none, the SQL had no expression before `AS exact` and failed).
  if (tokens.length === 0) {
    return q.birthDate ? base().where('birth_date', '=', q.birthDate).orderBy('birth_name').orderBy('first_name').limit(limit).execute() : [];
  }
  const keys = q.phonetic.length > 0 ? q.phonetic : ['\u0000'];
  const dateFilter = q.birthDate ? sql`AND p.birth_date = ${q.birthDate}::date` : sql``;
  // 1. For each word typed, the closest name words of the practice (typos) and those it begins (typing).
  // One sub-select per word, with constant parameters so that the planner uses the GIN and prefix indexes
  // (`practice_id::text` keeps it off the practice btree, which would scan every word of the practice).
  const perToken = tokens.map((tok, i) => {
    const prefix = tok.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
    return sql`SELECT ${i}::int AS i, ARRAY(
      (SELECT word FROM patient_name_words WHERE practice_id::text = ${practiceId} AND deletes && pivot_deletes(${tok}) LIMIT 30)
      UNION
      (SELECT word FROM patient_name_words WHERE practice_id = ${practiceId} AND word LIKE ${prefix} ORDER BY word LIMIT 20)) AS words`;
  });
  // The dictionary is small and the GIN estimates for `&&` are poor: the planner would scan every word.
  await sql`SET LOCAL enable_seqscan = off`.execute(tx);
  const near = tokens.length ? await sql<{ i: number; words: string[] }>`${sql.join(perToken, sql` UNION ALL `)} ORDER BY i`.execute(tx) : { rows: [] };
  await sql`SET LOCAL enable_seqscan = on`.execute(tx);
  const wordSets = near.rows.map((r) => r.words);
  const trigram = tokens.length > 0 && wordSets.every((w) => w.length > 0);
  const hasAll = wordSets.map((w) => sql`p.name_words && ${w}::text[]`);
  const exactHits = tokens.map((t) => sql`(c.name_words @> ARRAY[${t}]::text[])::int`);
  // 2. Patients holding every word typed, or a near word for every word typed, or sounding alike (French
  //    phonetic keys); each set capped, then ranked: exact words first, then word similarity. The candidate
  //    sets carry the columns the ranking needs (their heap rows are already read to filter on the practice),
  //    and the full rows of the best ones come back in the same statement: one heap visit per candidate and
  //    one round trip (EXPLAIN ANALYZE at 200,000 rows: 404 candidates re-read through the primary key took
  //    half of the statement, then a separate fetch of the 30 rows). See docs/benchmarks.md « Patients ».
  const cols = sql`p.id, p.birth_name, p.search_name, p.name_words`;
  const living = sql`p.practice_id = ${practiceId} AND p.merged_into_id IS NULL ${dateFilter}`;
  const { rows } = await sql<PatientRow>`
    SELECT p.* FROM (
      SELECT c.id, ${sql.join(exactHits, sql` + `)} AS exact, ${n} <<-> c.search_name AS distance, c.birth_name FROM (
        (SELECT ${cols} FROM patients p WHERE ${living} AND p.name_words @> ${tokens}::text[] LIMIT ${limit})
        UNION
        ${trigram ? sql`(SELECT ${cols} FROM patients p WHERE ${living} AND ${sql.join(hasAll, sql` AND `)} LIMIT 400) UNION ` : sql``}
        (SELECT ${cols} FROM patients p WHERE ${living} AND p.phonetic_keys @> ${keys}::text[] LIMIT 200)
      ) c
      ORDER BY exact DESC, distance, c.birth_name, c.id
      LIMIT ${limit}
    ) best
    JOIN patients p ON p.id = best.id
    ORDER BY best.exact DESC, best.distance, best.birth_name, best.id`.execute(tx);
  return rows;
}
