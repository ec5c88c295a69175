import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { LegalRepresentative } from './administrative/contract.js';
import { toDetail, type PatientDetail, type PatientRow } from './mapping.js';

export async function findPatient(tx: Tx, practiceId: string, id: string): Promise<PatientRow> {
  const row = await tx.selectFrom('patients').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', undefined, { fr: 'Patient introuvable dans ce cabinet.', en: 'Patient not found in this practice.' });
  return row;
}

export async function lockPatient(tx: Tx, practiceId: string, id: string): Promise<PatientRow> {
  const row = await tx.selectFrom('patients').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('not_found', undefined, { fr: 'Patient introuvable dans ce cabinet.', en: 'Patient not found in this practice.' });
  if (row.merged_into_id) {
    throw new AppError('conflict', { mergedIntoId: row.merged_into_id }, {
      fr: 'Ce dossier a été fusionné dans un autre : modifiez le dossier conservé.',
      en: 'This record was merged into another one: edit the surviving record.',
    });
  }
  return row;
}

export async function legalRepresentatives(tx: Tx, practiceId: string, patientId: string): Promise<LegalRepresentative[]> {
  const rows = await tx
    .selectFrom('patient_legal_representatives')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('patient_id', '=', patientId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ relationship: r.relationship, name: r.name, phone: r.phone, email: r.email, patientId: r.representative_patient_id, note: r.note }));
}

export async function patientDetail(tx: Tx, practiceId: string, id: string): Promise<PatientDetail> {
  return detailOf(tx, practiceId, await findPatient(tx, practiceId, id));
}

/** The detail of a row just read or written, with the names the desk reads (checker, médecin traitant). */
export async function detailOf(tx: Tx, practiceId: string, row: PatientRow): Promise<PatientDetail> {
  const detail = toDetail(row, await legalRepresentatives(tx, practiceId, row.id));
  if (detail.idDocument && row.id_doc_checked_by) {
    // Who checked the document, by name (the desk reads « vérifiée par Julie Secrétaire », not an id).
    const checker = await tx.selectFrom('accounts').select('display_name').where('id', '=', row.id_doc_checked_by).executeTakeFirst();
    detail.idDocument.checkedByName = checker?.display_name ?? null;
  }
  if (detail.gp?.practitionerId) {
    // The practice's practitioner as the agenda knows it today (renamed, RPPS added since the choice).
    const gp = await tx
      .selectFrom('practitioners')
      .select(['display_name', 'rpps', 'account_id'])
      .where('practice_id', '=', practiceId)
      .where('id', '=', detail.gp.practitionerId)
      .executeTakeFirst();
    if (gp) detail.gp = { ...detail.gp, name: gp.display_name, rpps: gp.rpps, accountId: gp.account_id };
  }
  return detail;
}
