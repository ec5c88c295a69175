import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';

/**
 * The practice's patients that could be the person a document is about (correspondence matching, issue 14):
 * any patient whose NIR or INS matricule, birth date or a name word's phonetic key was read in it. A recall
 * query (every index is used: NIR, birth date, GIN phonetic keys); the caller scores. Merged records are left
 * out (their survivor is found). Reads are audited by the caller's route, as every patient read.
 */
export interface IdentityCandidateQuery {
  identifiers: string[];
  birthDates: string[];
  phoneticKeys: string[];
  limit: number;
}

export interface IdentityCandidate {
  id: string;
  birthName: string;
  usedName: string | null;
  /** Birth first names, first one first. */
  firstNames: string[];
  usedFirstName: string | null;
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  nir: string | null;
  ins: string | null;
}

export async function identityCandidates(tx: Tx, practiceId: string, q: IdentityCandidateQuery): Promise<IdentityCandidate[]> {
  const ids = q.identifiers.filter((v) => v.length > 0);
  const dates = q.birthDates.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  const keys = q.phoneticKeys.filter((k) => k.length > 0);
  if (ids.length + dates.length + keys.length === 0) return [];
  const rows = await tx
    .selectFrom('patients')
    .select(['id', 'birth_name', 'used_name', 'first_name', 'given_names', 'used_first_name', 'birth_date', 'sex', 'nir', 'ins_matricule'])
    .where('practice_id', '=', practiceId)
    .where('merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('nir', 'in', ids), eb('ins_matricule', 'in', ids)] : []),
        ...(dates.length > 0 ? [eb('birth_date', 'in', dates)] : []),
        ...(keys.length > 0 ? [sql<boolean>`phonetic_keys && ${keys}::text[]`] : []),
      ]),
    )
    .orderBy('birth_name')
    .orderBy('id')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    birthName: r.birth_name,
    usedName: r.used_name,
    firstNames: [...new Set([r.first_name, ...r.given_names.split(/\s+/)].filter((w) => w.length > 0))],
    usedFirstName: r.used_first_name,
    birthDate: String(r.birth_date).slice(0, 10),
    sex: r.sex,
    nir: r.nir,
    ins: r.ins_matricule,
  }));
}
