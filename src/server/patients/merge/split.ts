import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { deriveStatus } from '../identity/status.js';
import type { IdentityInput } from '../identity/traits.js';
import type { Contact } from '../administrative/contract.js';
import { EVIDENCE_CLEARED, createPatient, updateIdentity } from '../identity.service.js';
import { toDetail } from '../mapping.js';
import { findPatient, legalRepresentatives, lockPatient } from '../read.service.js';
import { ensureMergedReferenceGuards, linkedRows, moveRow, patientReferences, type MovedRow } from './references.js';
import { clock } from '../../platform/clock.js';
import { notAPatientReference } from '../error-messages.js';

/**
 * Split of a collision (two people in one record, RNIV: the most dangerous identity error): the second
 * person gets a new record (provisional identity), the items that are theirs move to it, and the original
 * record's identity is reviewed (its traits corrected and/or its evidence discarded: back to provisoire).
 */

const LABEL_COLUMNS = ['title', 'summary', 'text', 'file_name', 'name', 'note'];
const DATE_COLUMNS = ['starts_at', 'uploaded_at', 'started_at', 'created_at'];
const KIND_COLUMNS = ['status', 'type', 'channel', 'category', 'kind', 'relationship'];

/** A short description of a linked row for the desk, from well-known column names (any table). */
export function describeRow(row: Record<string, unknown>): { label: string | null; at: string | null; kind: string | null } {
  const pick = (cols: string[]) => {
    for (const c of cols) {
      const v = row[c];
      if (typeof v === 'string' && v.trim()) return v.length > 120 ? `${v.slice(0, 117)}…` : v;
    }
    return null;
  };
  return { label: pick(LABEL_COLUMNS), at: pick(DATE_COLUMNS), kind: pick(KIND_COLUMNS) };
}

export async function linkedItems(tx: Tx, ctx: RequestContext, patientId: string) {
  await findPatient(tx, ctx.practiceId, patientId);
  const refs = (await patientReferences(tx)).filter((r) => !r.keep);
  const rows = await linkedRows(tx, refs, ctx.practiceId, patientId);
  return rows.map((r) => ({ table: r.table, column: r.column, pk: r.pk, ...describeRow(r.row) }));
}

export interface SplitInput {
  identity: IdentityInput;
  phones?: Contact['phones'] | undefined;
  email?: string | null | undefined;
  items: MovedRow[];
  reason: string;
  /** Corrected traits of the original record (its strict traits may have been mixed with the other person's). */
  sourceCorrection?: Partial<IdentityInput> | undefined;
  /** The document check / INS of the original may belong to the other person: discard them (back to provisoire). */
  resetSourceEvidence?: boolean | undefined;
}

export async function splitPatient(tx: Tx, ctx: RequestContext, sourceId: string, input: SplitInput) {
  const source = await lockPatient(tx, ctx.practiceId, sourceId);
  const refs = (await patientReferences(tx)).filter((r) => !r.keep);
  const byKey = new Map(refs.map((r) => [`${r.table}.${r.column}`, r]));
  for (const item of input.items) {
    if (!byKey.has(`${item.table}.${item.column}`)) {
      throw new AppError('validation_failed', [{ field: 'items', message: notAPatientReference(`${item.table}.${item.column}`) }]);
    }
  }
  const reason = input.reason.trim();
  // The original's identity first: if its NIR was the other person's, it must be freed before the new record takes it.
  let sourceRow = source;
  const corrected = input.sourceCorrection && Object.keys(input.sourceCorrection).length > 0;
  if (corrected) sourceRow = (await updateIdentity(tx, ctx, sourceId, { ...input.sourceCorrection, reason: `Scission : ${reason}` })).row;
  if (input.resetSourceEvidence && (sourceRow.id_doc_checked_at || sourceRow.ins_matricule)) {
    const status = deriveStatus({ documentChecked: false, insRetrieved: false, doubtful: sourceRow.doubtful, fictitious: sourceRow.fictitious });
    const prev = sourceRow.identity_status;
    sourceRow = await tx
      .updateTable('patients')
      .set({ ...EVIDENCE_CLEARED, identity_status: status, version: sourceRow.version + 1, updated_at: clock.now() })
      .where('id', '=', sourceId)
      .returningAll()
      .executeTakeFirstOrThrow();
    ctx.audit({
      action: 'patient.identity.evidence_discarded',
      resourceType: 'patient',
      resourceId: sourceId,
      details: { status: { before: prev, after: status }, cause: 'split' },
      reason: `Scission : ${reason}`,
    });
  }
  const created = await createPatient(tx, ctx, { identity: input.identity, phones: input.phones, email: input.email ?? null, checkDuplicates: true, confirmNotDuplicate: true });
  await ensureMergedReferenceGuards(tx, refs);
  const moved: MovedRow[] = [];
  for (const item of input.items) {
    const r = byKey.get(`${item.table}.${item.column}`)!;
    const res = await moveRow(tx, item, sourceId, created.row.id, r.primaryKey);
    if (!res) {
      throw new AppError('conflict', { item }, {
        fr: `Un élément choisi (${item.table}) n’est plus rattaché à ce dossier ou ne peut pas être déplacé : rechargez la liste. Rien n’a été modifié.`,
        en: `A chosen item (${item.table}) is no longer linked to this record or cannot be moved: reload. Nothing was changed.`,
      });
    }
    moved.push(res);
  }
  const split = await tx
    .insertInto('patient_splits')
    .values({
      practice_id: ctx.practiceId,
      source_id: sourceId,
      new_patient_id: created.row.id,
      reason,
      split_by: ctx.accountId,
      moved: JSON.stringify(moved),
      source_status_before: source.identity_status,
      source_status_after: sourceRow.identity_status,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  const counts: Record<string, number> = {};
  for (const m of moved) counts[`${m.table}.${m.column}`] = (counts[`${m.table}.${m.column}`] ?? 0) + 1;
  ctx.audit({ action: 'patient.split', resourceType: 'patient', resourceId: sourceId, details: { splitId: split.id, newPatientId: created.row.id, moved, statusChange: source.identity_status !== sourceRow.identity_status ? { from: source.identity_status, to: sourceRow.identity_status } : null }, reason });
  ctx.audit({ action: 'patient.split.created_from', resourceType: 'patient', resourceId: created.row.id, details: { splitId: split.id, sourceId, moved: counts }, reason });
  return {
    splitId: split.id,
    moved: counts,
    source: toDetail(sourceRow, await legalRepresentatives(tx, ctx.practiceId, sourceId)),
    newPatient: toDetail(created.row, []),
    possibleDuplicates: created.possibleDuplicates.filter((d) => d.id !== sourceId),
  };
}
