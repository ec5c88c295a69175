import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';

/**
 * Every column of the database that holds a patient id, found from the catalog rather than listed by hand,
 * so that a table added later by any capability is merged, split and guarded without changing this code:
 * - foreign keys to `patients` (the referencing column matched to `patients.id`, composite keys included);
 * - columns named `patient_id` or `*_patient_id` without such a key.
 * A column whose comment starts with `pivot:merge-keep` is history (the merge link itself, merge and split
 * records): it stays on the merged record.
 */
export interface PatientReference {
  table: string;
  column: string;
  /** How it was found. */
  via: 'foreign_key' | 'name';
  /** Data type of the column (must be uuid). */
  dataType: string;
  /** Primary key columns of the table, in key order (needed to record and undo each move). */
  primaryKey: string[];
  hasPracticeId: boolean;
  /** `pivot:merge-keep`: not moved. */
  keep: boolean;
}

export async function patientReferences(db: Db | Tx): Promise<PatientReference[]> {
  const { rows } = await sql<{ table: string; column: string; via: 'foreign_key' | 'name'; data_type: string; primary_key: string[] | null; has_practice_id: boolean; comment: string | null }>`
    WITH refs AS (
      SELECT c.conrelid AS rel, a.attnum, 'foreign_key' AS via
      FROM pg_constraint c
      CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(src, dst)
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.src
      JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.dst
      WHERE c.contype = 'f' AND c.confrelid = 'patients'::regclass AND fa.attname = 'id'
      UNION
      SELECT a.attrelid, a.attnum, 'name'
      FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid
      WHERE t.relnamespace = current_schema()::regnamespace AND t.relkind IN ('r', 'p')
        AND NOT a.attisdropped AND a.attnum > 0
        AND (a.attname = 'patient_id' OR a.attname LIKE '%\_patient\_id')
    ), one AS (
      SELECT DISTINCT ON (rel, attnum) rel, attnum, via FROM refs ORDER BY rel, attnum, via
    )
    SELECT t.relname::text AS table, a.attname::text AS column, one.via, format_type(a.atttypid, a.atttypmod) AS data_type,
      (SELECT array_agg(pa.attname::text ORDER BY array_position(i.indkey::int2[], pa.attnum))
         FROM pg_index i JOIN pg_attribute pa ON pa.attrelid = i.indrelid AND pa.attnum = ANY (i.indkey)
        WHERE i.indrelid = one.rel AND i.indisprimary) AS primary_key,
      EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = one.rel AND x.attname = 'practice_id' AND NOT x.attisdropped) AS has_practice_id,
      col_description(one.rel, one.attnum) AS comment
    FROM one JOIN pg_class t ON t.oid = one.rel JOIN pg_attribute a ON a.attrelid = one.rel AND a.attnum = one.attnum
    WHERE t.relname NOT LIKE 'pg\_%'
    ORDER BY t.relname, a.attname`.execute(db);
  return rows.map((r) => ({
    table: r.table,
    column: r.column,
    via: r.via,
    dataType: r.data_type,
    primaryKey: r.primary_key ?? [],
    hasPracticeId: r.has_practice_id,
    keep: (r.comment ?? '').startsWith('pivot:merge-keep'),
  }));
}

/** Why a reference cannot be moved safely (the merge refuses to run, and a test fails, until it is fixed). */
export function referenceProblems(refs: PatientReference[]): string[] {
  const problems: string[] = [];
  for (const r of refs) {
    if (r.keep) continue;
    if (r.dataType !== 'uuid') problems.push(`${r.table}.${r.column} is ${r.dataType}, not uuid`);
    if (r.primaryKey.length === 0) problems.push(`${r.table} has no primary key: its moves could not be recorded and undone`);
  }
  return problems;
}

export const guardName = (column: string) => `pivot_merged_guard_${column}`.slice(0, 63);

/**
 * Attaches `patients_refuse_merged_reference` (migration 0006) to every patient reference that lacks it:
 * nothing new may point to a merged record (no appointment booked, no document filed on it). Run in each
 * merge transaction (the first merge installs them) and at startup. Idempotent; DDL only when missing.
 */
export async function ensureMergedReferenceGuards(db: Db | Tx, refs?: PatientReference[]): Promise<string[]> {
  const all = (refs ?? (await patientReferences(db))).filter((r) => !r.keep && r.dataType === 'uuid');
  const { rows } = await sql<{ table: string; name: string }>`
    SELECT c.relname AS table, t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND t.tgname LIKE 'pivot\_merged\_guard\_%'`.execute(db);
  const have = new Set(rows.map((r) => `${r.table}|${r.name}`));
  const added: string[] = [];
  for (const r of all) {
    const name = guardName(r.column);
    if (have.has(`${r.table}|${name}`)) continue;
    await sql`CREATE OR REPLACE TRIGGER ${sql.id(name)} BEFORE INSERT OR UPDATE OF ${sql.id(r.column)} ON ${sql.id(r.table)}
      FOR EACH ROW EXECUTE FUNCTION patients_refuse_merged_reference(${sql.lit(r.column)})`.execute(db);
    added.push(`${r.table}.${r.column}`);
  }
  return added;
}

export interface MovedRow {
  table: string;
  column: string;
  pk: Record<string, string>;
}

const CONSTRAINT_CODES = new Set(['23505', '23P01', '23514']);
const pkJson = (pk: string[]) => sql`jsonb_build_object(${sql.join(pk.map((c) => sql`${sql.lit(c)}, ${sql.id(c)}::text`))})`;
const pkMatch = (pk: Record<string, string>) =>
  sql.join(Object.entries(pk).map(([c, v]) => sql`${sql.id(c)}::text = ${v}`), sql` AND `);

/**
 * Moves every row of one reference from `from` to `to`. If one statement breaks a constraint (a unique key:
 * the survivor already has such a row), each row is tried alone and those that cannot move stay (`kept`).
 */
export async function moveReference(tx: Tx, r: PatientReference, practiceId: string, from: string, to: string): Promise<{ moved: MovedRow[]; kept: MovedRow[] }> {
  const scope = r.hasPracticeId ? sql`AND practice_id = ${practiceId}::uuid` : sql``;
  const asRows = (rows: { pk: Record<string, string> }[]) => rows.map((x) => ({ table: r.table, column: r.column, pk: x.pk }));
  await sql`SAVEPOINT pivot_move`.execute(tx);
  try {
    const { rows } = await sql<{ pk: Record<string, string> }>`
      UPDATE ${sql.id(r.table)} SET ${sql.id(r.column)} = ${to}::uuid WHERE ${sql.id(r.column)} = ${from}::uuid ${scope}
      RETURNING ${pkJson(r.primaryKey)} AS pk`.execute(tx);
    await sql`RELEASE SAVEPOINT pivot_move`.execute(tx);
    return { moved: asRows(rows), kept: [] };
  } catch (err) {
    if (!CONSTRAINT_CODES.has((err as { code?: string }).code ?? '')) throw err;
    await sql`ROLLBACK TO SAVEPOINT pivot_move`.execute(tx);
    await sql`RELEASE SAVEPOINT pivot_move`.execute(tx);
  }
  const { rows: candidates } = await sql<{ pk: Record<string, string> }>`
    SELECT ${pkJson(r.primaryKey)} AS pk FROM ${sql.id(r.table)} WHERE ${sql.id(r.column)} = ${from}::uuid ${scope}`.execute(tx);
  const moved: MovedRow[] = [];
  const kept: MovedRow[] = [];
  for (const c of candidates) {
    const one = await moveRow(tx, { table: r.table, column: r.column, pk: c.pk }, from, to, r.primaryKey);
    (one ? moved : kept).push(one ?? { table: r.table, column: r.column, pk: c.pk });
  }
  return { moved, kept };
}

/**
 * Moves one row (identified by its primary key) from `from` to `to` if it still points to `from`.
 * Returns the row's primary key after the move, or null when it is gone, points elsewhere, or would break a constraint.
 */
export async function moveRow(tx: Tx, row: MovedRow, from: string, to: string, primaryKey: string[]): Promise<MovedRow | null> {
  await sql`SAVEPOINT pivot_move_row`.execute(tx);
  try {
    const { rows } = await sql<{ pk: Record<string, string> }>`
      UPDATE ${sql.id(row.table)} SET ${sql.id(row.column)} = ${to}::uuid
      WHERE ${pkMatch(row.pk)} AND ${sql.id(row.column)} = ${from}::uuid
      RETURNING ${pkJson(primaryKey)} AS pk`.execute(tx);
    await sql`RELEASE SAVEPOINT pivot_move_row`.execute(tx);
    return rows[0] ? { table: row.table, column: row.column, pk: rows[0].pk } : null;
  } catch (err) {
    if (!CONSTRAINT_CODES.has((err as { code?: string }).code ?? '')) throw err;
    await sql`ROLLBACK TO SAVEPOINT pivot_move_row`.execute(tx);
    await sql`RELEASE SAVEPOINT pivot_move_row`.execute(tx);
    return null;
  }
}

/** Where a recorded row is now: its patient column, or null if the row is gone. */
export async function currentOwner(tx: Tx, row: MovedRow): Promise<{ exists: boolean; patientId: string | null }> {
  const { rows } = await sql<{ owner: string | null }>`
    SELECT ${sql.id(row.column)}::text AS owner FROM ${sql.id(row.table)} WHERE ${pkMatch(row.pk)}`.execute(tx);
  return rows[0] ? { exists: true, patientId: rows[0].owner } : { exists: false, patientId: null };
}

/** The rows of every (movable) reference that point to a patient, with a few descriptive columns for the desk. */
export async function linkedRows(tx: Tx, refs: PatientReference[], practiceId: string, patientId: string, limitPerTable = 200) {
  const out: { table: string; column: string; pk: Record<string, string>; row: Record<string, unknown> }[] = [];
  for (const r of refs) {
    if (r.keep || r.primaryKey.length === 0 || r.dataType !== 'uuid') continue;
    const scope = r.hasPracticeId ? sql`AND t.practice_id = ${practiceId}::uuid` : sql``;
    const { rows } = await sql<{ pk: Record<string, string>; row: Record<string, unknown> }>`
      SELECT ${pkJson(r.primaryKey.map((c) => c))} AS pk, to_jsonb(t) AS row FROM ${sql.id(r.table)} t
      WHERE t.${sql.id(r.column)} = ${patientId}::uuid ${scope} LIMIT ${limitPerTable}`.execute(tx);
    for (const x of rows) out.push({ table: r.table, column: r.column, pk: x.pk, row: x.row });
  }
  return out;
}

export async function countLinked(tx: Tx, refs: PatientReference[], practiceId: string, patientId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of refs) {
    if (r.keep) continue;
    const scope = r.hasPracticeId ? sql`AND practice_id = ${practiceId}::uuid` : sql``;
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.id(r.table)} WHERE ${sql.id(r.column)} = ${patientId}::uuid ${scope}`.execute(tx);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) counts[`${r.table}.${r.column}`] = n;
  }
  return counts;
}
