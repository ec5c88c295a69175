import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { findPatient } from '../read.service.js';
import { undoCheck } from './undo.service.js';

/** The merges and splits a record took part in, for the patient page. */

/** Merges and splits a record took part in, newest first, with whether (and until when) a merge may be undone. */
export async function patientHistory(tx: Tx, ctx: RequestContext, patientId: string) {
  await findPatient(tx, ctx.practiceId, patientId);
  const merges = await tx
    .selectFrom('patient_merges as m')
    .innerJoin('patients as s', 's.id', 'm.survivor_id')
    .innerJoin('patients as d', 'd.id', 'm.duplicate_id')
    .leftJoin('accounts as a', 'a.id', 'm.merged_by')
    .leftJoin('accounts as u', 'u.id', 'm.undone_by')
    .selectAll('m')
    .select(['s.birth_name as s_name', 's.first_name as s_first', 'd.birth_name as d_name', 'd.first_name as d_first', 'a.display_name as merged_by_name', 'u.display_name as undone_by_name'])
    .where('m.practice_id', '=', ctx.practiceId)
    .where((eb) => eb.or([eb('m.survivor_id', '=', patientId), eb('m.duplicate_id', '=', patientId)]))
    .orderBy('m.merged_at', 'desc')
    .execute();
  const out = [];
  for (const m of merges) {
    const check = await undoCheck(tx, m);
    out.push({
      id: m.id,
      survivor: { id: m.survivor_id, birthName: m.s_name, firstName: m.s_first },
      duplicate: { id: m.duplicate_id, birthName: m.d_name, firstName: m.d_first },
      reason: m.reason,
      mergedAt: m.merged_at.toISOString(),
      mergedBy: m.merged_by_name ?? null,
      rowsMoved: check.rowsTotal,
      kept: (m.kept as unknown[]).length,
      undoUntil: check.deadline.toISOString(),
      undoable: !check.undone && !check.expired && check.blockers.length === 0,
      undoConflicts: check.undone ? [] : [...check.blockers, ...check.conflicts].map((c) => ({ code: c.code, message: ctx.language === 'en' ? c.en : c.fr })),
      undoneAt: m.undone_at?.toISOString() ?? null,
      undoneBy: m.undone_by_name ?? null,
      undoReason: m.undo_reason,
    });
  }
  const splits = await tx
    .selectFrom('patient_splits as x')
    .innerJoin('patients as s', 's.id', 'x.source_id')
    .innerJoin('patients as n', 'n.id', 'x.new_patient_id')
    .selectAll('x')
    .select(['s.birth_name as s_name', 's.first_name as s_first', 'n.birth_name as n_name', 'n.first_name as n_first'])
    .where('x.practice_id', '=', ctx.practiceId)
    .where((eb) => eb.or([eb('x.source_id', '=', patientId), eb('x.new_patient_id', '=', patientId)]))
    .orderBy('x.split_at', 'desc')
    .execute();
  return {
    merges: out,
    splits: splits.map((x) => ({
      id: x.id,
      source: { id: x.source_id, birthName: x.s_name, firstName: x.s_first },
      newPatient: { id: x.new_patient_id, birthName: x.n_name, firstName: x.n_first },
      reason: x.reason,
      splitAt: x.split_at.toISOString(),
      rowsMoved: (x.moved as unknown[]).length,
    })),
  };
}

/** The living record a merged one now lives in (following successive merges). */
export async function livingRecord(tx: Tx, practiceId: string, id: string): Promise<string> {
  let current = await findPatient(tx, practiceId, id);
  for (let hops = 0; current.merged_into_id && hops < 20; hops++) current = await findPatient(tx, practiceId, current.merged_into_id);
  return current.id;
}
