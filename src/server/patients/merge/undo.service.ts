import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { currentOwner, moveRow, patientReferences, type MovedRow } from './references.js';
import { undoDeadline } from './rules.js';
import { clock } from '../../platform/clock.js';
import { otherPatientsTouched, tally, toSet } from './service.js';

/** Undoing a merge (an admin, within 30 days): the rows moved back, the survivor restored, conflicts reported. */

type MergeRow = Awaited<ReturnType<typeof loadMerge>>;
async function loadMerge(tx: Tx, practiceId: string, mergeId: string, lock = false) {
  let q = tx.selectFrom('patient_merges').selectAll().where('practice_id', '=', practiceId).where('id', '=', mergeId);
  if (lock) q = q.forUpdate();
  const m = await q.executeTakeFirst();
  if (!m) throw new AppError('not_found', undefined, { fr: 'Fusion introuvable dans ce cabinet.', en: 'Merge not found in this practice.' });
  return m;
}

export interface UndoConflict {
  code: 'row_gone' | 'row_moved_elsewhere' | 'survivor_changed' | 'survivor_merged' | 'ins_taken';
  table?: string;
  pk?: Record<string, string>;
  fr: string;
  en: string;
}

/** What an undo would do now: rows that can go back, and what prevents part of it (the rows-changed-since check). */
export async function undoCheck(tx: Tx, m: MergeRow, now = clock.now()) {
  const deadline = undoDeadline(m.merged_at);
  const conflicts: UndoConflict[] = [];
  const movable: MovedRow[] = [];
  const moves = await tx.selectFrom('patient_merge_moves').selectAll().where('merge_id', '=', m.id).orderBy('n').execute();
  for (const mv of moves) {
    const row = { table: mv.table_name, column: mv.column_name, pk: mv.pk as Record<string, string> };
    const where = await currentOwner(tx, row);
    if (!where.exists) {
      conflicts.push({ code: 'row_gone', table: row.table, pk: row.pk, fr: `Une ligne déplacée (${row.table}) n’existe plus : elle ne peut pas revenir.`, en: `A moved row (${row.table}) no longer exists.` });
    } else if (where.patientId !== m.survivor_id) {
      conflicts.push({
        code: 'row_moved_elsewhere',
        table: row.table,
        pk: row.pk,
        fr: `Une ligne déplacée (${row.table}) a été rattachée depuis à un autre dossier : elle reste où elle est.`,
        en: `A moved row (${row.table}) was since attached to another record: it stays there.`,
      });
    } else movable.push(row);
  }
  const survivor = await tx.selectFrom('patients').selectAll().where('id', '=', m.survivor_id).executeTakeFirstOrThrow();
  const duplicate = await tx.selectFrom('patients').selectAll().where('id', '=', m.duplicate_id).executeTakeFirstOrThrow();
  const survivorChanged = survivor.version !== m.survivor_version_after && Object.keys(m.survivor_before as object).length > 0;
  if (survivorChanged) {
    conflicts.push({
      code: 'survivor_changed',
      fr: 'Le dossier conservé a été modifié depuis la fusion : ses traits ne sont pas remis à l’état d’avant (vérifiez-les après l’annulation).',
      en: 'The surviving record was edited since the merge: its traits are not restored.',
    });
  }
  const blockers: UndoConflict[] = [];
  if (survivor.merged_into_id) {
    blockers.push({ code: 'survivor_merged', fr: 'Le dossier conservé a depuis été fusionné dans un autre : annulez d’abord cette fusion-là.', en: 'The surviving record was since merged into another one: undo that merge first.' });
  }
  if (duplicate.ins_matricule && survivorChanged && survivor.ins_matricule === duplicate.ins_matricule && survivor.ins_oid === duplicate.ins_oid) {
    blockers.push({ code: 'ins_taken', fr: 'Le dossier conservé porte maintenant l’INS du dossier fusionné et a été modifié depuis : l’annulation ferait deux dossiers vivants avec le même INS.', en: 'The surviving record now holds the INS of the merged one.' });
  }
  const expired = m.undone_at === null && now > deadline;
  return { deadline, expired, undone: m.undone_at !== null, movable, conflicts, blockers, survivorChanged, rowsTotal: moves.length };
}

export async function undoMerge(tx: Tx, ctx: RequestContext, mergeId: string, input: { reason: string; acceptConflicts?: boolean | undefined }) {
  const m = await loadMerge(tx, ctx.practiceId, mergeId, true);
  if (m.undone_at) throw new AppError('conflict', undefined, { fr: 'Cette fusion a déjà été annulée.', en: 'This merge was already undone.' });
  // Both records are locked before the check, so nothing changes between the check and the undo.
  for (const id of [m.survivor_id, m.duplicate_id].sort()) await tx.selectFrom('patients').select('id').where('id', '=', id).forUpdate().execute();
  const { now } = (await sql<{ now: Date }>`SELECT pivot_now() AS now`.execute(tx)).rows[0]!;
  const check = await undoCheck(tx, m, now);
  if (check.expired) {
    throw new AppError('unprocessable', { deadline: check.deadline.toISOString() }, {
      fr: `Le délai d’annulation de 30 jours est dépassé (jusqu’au ${check.deadline.toLocaleDateString('fr-FR')}) : la fusion ne peut plus être annulée. Pour séparer deux personnes, scindez le dossier.`,
      en: `The 30-day undo period is over (until ${check.deadline.toISOString().slice(0, 10)}).`,
    });
  }
  if (check.blockers.length) {
    throw new AppError('conflict', { blockers: check.blockers }, { fr: `Annulation impossible : ${check.blockers.map((b) => b.fr).join(' ')}`, en: `Undo impossible: ${check.blockers.map((b) => b.en).join(' ')}` });
  }
  if (check.conflicts.length && !input.acceptConflicts) {
    throw new AppError('conflict', { conflicts: check.conflicts }, {
      fr: `Des changements faits depuis la fusion empêchent de tout remettre en place : ${[...new Set(check.conflicts.map((c) => c.fr))].join(' ')} Confirmez pour annuler quand même le reste.`,
      en: `Changes since the merge prevent a complete undo: ${[...new Set(check.conflicts.map((c) => c.en))].join(' ')} Confirm to undo the rest anyway.`,
    });
  }
  const report = { movedBack: 0, conflicts: check.conflicts, survivorRestored: !check.survivorChanged };
  await tx
    .updateTable('patient_merges')
    .set({ undone_at: sql<Date>`pivot_now()`, undone_by: ctx.accountId, undo_reason: input.reason.trim() })
    .where('id', '=', m.id)
    .execute();
  const survivor = await tx.selectFrom('patients').selectAll().where('id', '=', m.survivor_id).executeTakeFirstOrThrow();
  if (!check.survivorChanged && Object.keys(m.survivor_before as object).length > 0) {
    await tx
      .updateTable('patients')
      .set({ ...toSet(m.survivor_before as Record<string, unknown>), version: survivor.version + 1, updated_at: clock.now() } as never)
      .where('id', '=', m.survivor_id)
      .execute();
  }
  await tx.updateTable('patients').set({ merged_into_id: null, merged_at: null }).where('id', '=', m.duplicate_id).execute();
  const refs = await patientReferences(tx);
  const pkOf = new Map(refs.map((r) => [`${r.table}.${r.column}`, r.primaryKey]));
  const back: MovedRow[] = [];
  for (const row of check.movable) {
    const res = await moveRow(tx, row, m.survivor_id, m.duplicate_id, pkOf.get(`${row.table}.${row.column}`) ?? Object.keys(row.pk));
    if (res) back.push(res);
    else report.conflicts.push({ code: 'row_moved_elsewhere', table: row.table, pk: row.pk, fr: `Une ligne (${row.table}) n’a pas pu revenir.`, en: `A row (${row.table}) could not be moved back.` });
  }
  report.movedBack = back.length;
  await tx.updateTable('patient_merges').set({ undo_report: JSON.stringify(report) }).where('id', '=', m.id).execute();
  const details = { mergeId: m.id, survivorId: m.survivor_id, duplicateId: m.duplicate_id, movedBack: tally(back), conflicts: report.conflicts.map((c) => ({ code: c.code, table: c.table, pk: c.pk })), survivorRestored: report.survivorRestored };
  ctx.audit({ action: 'patient.merge.undone', resourceType: 'patient', resourceId: m.survivor_id, details, reason: input.reason.trim() });
  ctx.audit({ action: 'patient.merge.undone', resourceType: 'patient', resourceId: m.duplicate_id, details, reason: input.reason.trim() });
  for (const other of await otherPatientsTouched(tx, refs.filter((r) => !r.keep), back, [m.survivor_id, m.duplicate_id])) {
    ctx.audit({ action: 'patient.merge.reference_moved', resourceType: 'patient', resourceId: other, details: { mergeId: m.id, from: m.survivor_id, to: m.duplicate_id, undo: true } });
  }
  return { movedBack: report.movedBack, conflicts: report.conflicts, survivorRestored: report.survivorRestored };
}
