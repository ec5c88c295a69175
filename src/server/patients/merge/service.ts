import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { checkIdentity, partialDate, type StrictTraits } from '../identity/traits.js';
import { normalizePhone } from '../search-query.js';
import { EVIDENCE_CLEARED, assertNirFree, identityColumns, invalidIdentity } from '../identity.service.js';
import { toDetail, type PatientRow } from '../mapping.js';
import { findPatient, legalRepresentatives, lockPatient } from '../read.service.js';
import {
  countLinked,
  currentOwner,
  ensureMergedReferenceGuards,
  moveReference,
  moveRow,
  patientReferences,
  referenceProblems,
  type MovedRow,
  type PatientReference,
} from './references.js';
import { defaultSurvivor, planMerge, undoDeadline, type Choice, type MergeField, type MergeIdentity } from './rules.js';
import { clock } from '../../platform/clock.js';

/**
 * Merge of a duplicate into its survivor (one transaction), its undo by an admin within 30 days, and the
 * history shown on the patient page. Rules: merge/rules.ts; rows moved: merge/references.ts.
 */

export function mergeIdentityOf(r: PatientRow): MergeIdentity {
  return {
    id: r.id,
    status: r.identity_status,
    createdAt: r.created_at.toISOString(),
    documentChecked: r.id_doc_checked_at !== null,
    doubtful: r.doubtful,
    fictitious: r.fictitious,
    ins: r.ins_matricule ? { matricule: r.ins_matricule, oid: r.ins_oid!, traits: (r.ins_traits as StrictTraits | null) ?? null } : null,
    values: {
      birthName: r.birth_name,
      givenNames: r.given_names,
      birthDate: { date: r.birth_date, precision: r.birth_date_precision },
      sex: r.sex,
      birthPlaceCode: r.birth_place_code,
      usedName: r.used_name,
      usedFirstName: r.used_first_name,
      nir: r.nir,
      email: r.email,
      phones: (r.phones as unknown[]) ?? [],
      address: r.address ?? null,
    },
  };
}

const SECTIONS = ['accessibility', 'gp', 'emergency_contact', 'amo', 'amc'] as const;
const JSONB = new Set(['phones', 'address', 'ins_traits', 'accessibility', 'gp', 'emergency_contact', 'amo', 'amc']);

async function detailOf(tx: Tx, practiceId: string, r: PatientRow) {
  return toDetail(r, await legalRepresentatives(tx, practiceId, r.id));
}

async function movableReferences(tx: Tx): Promise<PatientReference[]> {
  const refs = await patientReferences(tx);
  const problems = referenceProblems(refs);
  if (problems.length) {
    throw new AppError('unprocessable', { problems }, {
      fr: `Fusion impossible : une table qui référence les patients ne peut pas être reprise sans risque (${problems.join(' ; ')}). Signalez-le à l’équipe technique.`,
      en: `Merge impossible: a table referencing patients cannot be moved safely (${problems.join('; ')}).`,
    });
  }
  return refs.filter((r) => !r.keep);
}

function notMerged(r: PatientRow) {
  if (r.merged_into_id) {
    throw new AppError('conflict', { patientId: r.id, mergedIntoId: r.merged_into_id }, {
      fr: 'Un des dossiers est déjà fusionné dans un autre : partez du dossier conservé.',
      en: 'One of the records is already merged into another one.',
    });
  }
}

/** Both identities side by side, the default survivor, what differs, what would block, what would move. */
export async function mergePreview(tx: Tx, ctx: RequestContext, aId: string, bId: string, survivorId?: string) {
  const a = await findPatient(tx, ctx.practiceId, aId);
  const b = await findPatient(tx, ctx.practiceId, bId);
  notMerged(a);
  notMerged(b);
  const def = defaultSurvivor(mergeIdentityOf(a), mergeIdentityOf(b));
  const sId = survivorId ?? def.id;
  if (sId !== a.id && sId !== b.id) throw new AppError('validation_failed', [{ field: 'survivorId', message: 'Le dossier conservé doit être l’un des deux.' }]);
  const [survivor, duplicate] = sId === a.id ? [a, b] : [b, a];
  const plan = planMerge(mergeIdentityOf(survivor), mergeIdentityOf(duplicate));
  const refs = await movableReferences(tx);
  return {
    survivor: await detailOf(tx, ctx.practiceId, survivor),
    duplicate: await detailOf(tx, ctx.practiceId, duplicate),
    defaultSurvivorId: def.id,
    diffs: plan.diffs,
    blockers: plan.blockers,
    warnings: plan.warnings,
    statusAfter: plan.statusAfter,
    insTransferred: plan.insTransferred,
    sectionsFilled: SECTIONS.filter((s) => survivor[s] === null && duplicate[s] !== null),
    moves: await countLinked(tx, refs, ctx.practiceId, duplicate.id),
  };
}

const jsonValue = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);
const sameValue = (a: unknown, b: unknown) => JSON.stringify(jsonValue(a)) === JSON.stringify(jsonValue(b));
/** Values for an UPDATE: jsonb columns as JSON text (an array would otherwise be sent as a PostgreSQL array). */
function toSet(cols: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, JSONB.has(k) && v !== null ? JSON.stringify(v) : v]));
}

export interface MergeInput {
  survivorId: string;
  duplicateId: string;
  choices?: Partial<Record<MergeField, Choice>> | undefined;
  reason: string;
}

export async function mergePatients(tx: Tx, ctx: RequestContext, input: MergeInput) {
  // Lock both in id order: two desks merging the same pair in opposite directions wait instead of deadlocking.
  const [first, second] = [input.survivorId, input.duplicateId].sort();
  const locked = new Map<string, PatientRow>();
  for (const id of [first!, second!]) locked.set(id, await lockPatient(tx, ctx.practiceId, id));
  const survivor = locked.get(input.survivorId)!;
  const duplicate = locked.get(input.duplicateId)!;
  const plan = planMerge(mergeIdentityOf(survivor), mergeIdentityOf(duplicate), input.choices ?? {});
  if (plan.blockers.length) {
    throw new AppError('unprocessable', { blockers: plan.blockers }, {
      fr: `Fusion refusée, rien n’a été modifié : ${plan.blockers.map((b) => b.fr).join(' ')}`,
      en: `Merge refused, nothing was changed: ${plan.blockers.map((b) => b.en).join(' ')}`,
    });
  }
  const v = plan.values;
  const checked = checkIdentity({
    birthName: v.birthName,
    givenNames: v.givenNames,
    birthDate: partialDate(v.birthDate.date, v.birthDate.precision),
    sex: v.sex,
    birthPlaceCode: v.birthPlaceCode,
    nir: v.nir,
    usedName: v.usedName,
    usedFirstName: v.usedFirstName,
  });
  if (!checked.ok) throw invalidIdentity(checked.issues);
  const i = checked.identity;
  const phones = v.phones as { number: string }[];
  const next: Record<string, unknown> = {
    ...identityColumns(i),
    email: v.email,
    phones,
    phone: phones[0]?.number ?? null,
    phone_search: phones.map((p) => normalizePhone(p.number)),
    address: v.address ?? null,
    ...(plan.evidenceDiscarded ? EVIDENCE_CLEARED : {}),
    ...(plan.insTransferred
      ? {
          ins_matricule: duplicate.ins_matricule,
          ins_oid: duplicate.ins_oid,
          ins_retrieved_at: duplicate.ins_retrieved_at,
          ins_traits: duplicate.ins_traits,
          ins_simulated: duplicate.ins_simulated,
        }
      : {}),
    identity_status: plan.statusAfter,
  };
  for (const s of SECTIONS) if (survivor[s] === null && duplicate[s] !== null) next[s] = duplicate[s];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(next)) {
    const cur = (survivor as unknown as Record<string, unknown>)[k];
    if (sameValue(cur, val)) continue;
    before[k] = jsonValue(cur);
    after[k] = jsonValue(val);
  }
  const refs = await movableReferences(tx);
  await ensureMergedReferenceGuards(tx, refs);
  const versionAfter = survivor.version + 1;
  const merge = await tx
    .insertInto('patient_merges')
    .values({
      practice_id: ctx.practiceId,
      survivor_id: survivor.id,
      duplicate_id: duplicate.id,
      reason: input.reason.trim(),
      merged_by: ctx.accountId,
      survivor_before: JSON.stringify(before),
      survivor_after: JSON.stringify(after),
      survivor_version_after: versionAfter,
      choices: JSON.stringify(input.choices ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // The duplicate leaves the living records first: its INS and NIR are then free for the survivor.
  await tx.updateTable('patients').set({ merged_into_id: survivor.id, merged_at: merge.merged_at }).where('id', '=', duplicate.id).execute();
  if (i.nir && i.nir !== survivor.nir) await assertNirFree(tx, ctx.practiceId, i.nir, survivor.id);
  const survivorRow = await tx
    .updateTable('patients')
    .set({ ...toSet(after), version: versionAfter, updated_at: clock.now() } as never)
    .where('id', '=', survivor.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const moved: MovedRow[] = [];
  const kept: MovedRow[] = [];
  for (const r of refs) {
    const res = await moveReference(tx, r, ctx.practiceId, duplicate.id, survivor.id);
    moved.push(...res.moved);
    kept.push(...res.kept);
  }
  if (moved.length) {
    await tx
      .insertInto('patient_merge_moves')
      .values(moved.map((m, n) => ({ merge_id: merge.id, n, table_name: m.table, column_name: m.column, pk: JSON.stringify(m.pk) })))
      .execute();
  }
  if (kept.length) await tx.updateTable('patient_merges').set({ kept: JSON.stringify(kept) }).where('id', '=', merge.id).execute();
  const counts = tally(moved);
  const statusChange = survivor.identity_status !== survivorRow.identity_status ? { from: survivor.identity_status, to: survivorRow.identity_status } : null;
  ctx.audit({
    action: 'patient.merged',
    resourceType: 'patient',
    resourceId: survivor.id,
    details: { mergeId: merge.id, duplicateId: duplicate.id, moved: counts, kept, changes: diffOf(before, after), statusChange, warnings: plan.warnings.map((w) => w.code) },
    reason: input.reason.trim(),
  });
  ctx.audit({
    action: 'patient.merged_into',
    resourceType: 'patient',
    resourceId: duplicate.id,
    details: { mergeId: merge.id, survivorId: survivor.id, moved: counts },
    reason: input.reason.trim(),
  });
  for (const other of await otherPatientsTouched(tx, refs, moved, [survivor.id, duplicate.id])) {
    ctx.audit({ action: 'patient.merge.reference_moved', resourceType: 'patient', resourceId: other, details: { mergeId: merge.id, from: duplicate.id, to: survivor.id } });
  }
  return { mergeId: merge.id, moved: counts, kept: kept.length, warnings: plan.warnings, statusChange, survivor: await detailOf(tx, ctx.practiceId, survivorRow) };
}

function diffOf(before: Record<string, unknown>, after: Record<string, unknown>) {
  return Object.fromEntries(Object.keys(after).map((k) => [k, { before: before[k] ?? null, after: after[k] ?? null }]));
}

function tally(rows: MovedRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[`${r.table}.${r.column}`] = (out[`${r.table}.${r.column}`] ?? 0) + 1;
  return out;
}

/** Patients other than the two merged whose rows changed (e.g. a child whose legal representative was the duplicate). */
async function otherPatientsTouched(tx: Tx, refs: PatientReference[], moved: MovedRow[], exclude: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const m of moved) {
    for (const r of refs) {
      if (r.table !== m.table || r.column === m.column) continue;
      const owner = await currentOwner(tx, { ...m, column: r.column });
      if (owner.patientId && !exclude.includes(owner.patientId)) found.add(owner.patientId);
    }
  }
  return [...found];
}

// ---------- undo ----------

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

// ---------- history ----------

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
