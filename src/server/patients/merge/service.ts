import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { checkIdentity, partialDate, type StrictTraits } from '../identity/traits.js';
import { normalizePhone } from '../search-query.js';
import { EVIDENCE_CLEARED, assertNirFree, identityColumns, invalidIdentity } from '../identity.service.js';
import { toDetail, type PatientRow } from '../mapping.js';
import { findPatient, legalRepresentatives, lockPatient } from '../read.service.js';
import { countLinked, currentOwner, ensureMergedReferenceGuards, moveReference, patientReferences, referenceProblems, type MovedRow, type PatientReference } from './references.js';
import { defaultSurvivor, planMerge, type Choice, type MergeField, type MergeIdentity } from './rules.js';
import { clock } from '../../platform/clock.js';
import { PATIENT_MESSAGES } from '../error-messages.js';

/**
 * Merge of a duplicate into its survivor (one transaction). Its undo by an admin within 30 days: undo.service.ts;
 * the history shown on the patient page: history.service.ts. Rules: merge/rules.ts; rows moved: merge/references.ts.
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
  if (sId !== a.id && sId !== b.id) throw new AppError('validation_failed', [{ field: 'survivorId', message: PATIENT_MESSAGES.survivorOneOfTwo }]);
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
export function toSet(cols: Record<string, unknown>): Record<string, unknown> {
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

export function tally(rows: MovedRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[`${r.table}.${r.column}`] = (out[`${r.table}.${r.column}`] ?? 0) + 1;
  return out;
}

/** Patients other than the two merged whose rows changed (e.g. a child whose legal representative was the duplicate). */
export async function otherPatientsTouched(tx: Tx, refs: PatientReference[], moved: MovedRow[], exclude: string[]): Promise<string[]> {
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
