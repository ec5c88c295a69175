import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { compareTraits, type StrictTraits, type TraitDifference } from '../identity/traits.js';
import { deriveStatus } from '../identity/status.js';
import { applyAndStore, identityColumns, identityOrThrow } from '../identity.service.js';
import { diff, stateOf, traitsOf, type PatientRow } from '../mapping.js';
import { lockPatient } from '../read.service.js';
import { INSI_CODE_LABELS, type InsiClient, type InsiResult } from './types.js';
import { clock } from '../../platform/clock.js';
import { PATIENT_MESSAGES } from '../error-messages.js';

export interface InsiOutcome {
  simulated: boolean;
  code: InsiResult['code'];
  label: string;
  identity: { matricule: string; oid: string; traits: StrictTraits } | null;
  differences: TraitDifference[];
  /** What happened to the record: INS stored (status moved), traits adopted, or nothing. */
  applied: 'ins_stored' | 'traits_adopted_and_ins_stored' | 'none';
}

/**
 * Calls INSi (the simulator here) and applies its answer. With one identity found and the same
 * traits, the INS is stored (récupérée, or qualifiée if the document was checked). When the traits
 * differ: on an unchecked identity the desk may adopt the INSi traits (`adoptInsiTraits`); on an
 * identity validated on a document nothing is stored — someone must look into it.
 */
export async function insiLookup(
  tx: Tx,
  ctx: RequestContext,
  insi: InsiClient,
  id: string,
  opts: { mode: 'traits' | 'vitale'; nir?: string | undefined; adoptInsiTraits?: boolean | undefined },
): Promise<{ row: PatientRow; outcome: InsiOutcome }> {
  const current = await lockPatient(tx, ctx.practiceId, id);
  if (current.doubtful || current.fictitious) {
    throw new AppError('unprocessable', { reason: 'doubtful_or_fictitious' }, {
      fr: 'Identité douteuse ou fictive : l’appel à INSi n’est pas possible. Levez l’attribut après vérification, puis recommencez.',
      en: 'Doubtful or fictitious identity: INSi cannot be called. Lift the attribute after checking, then retry.',
    });
  }
  const traits = traitsOf(current);
  const nir = opts.mode === 'vitale' ? (opts.nir ?? current.nir) : null;
  if (opts.mode === 'vitale' && !nir) {
    throw new AppError('validation_failed', [{ field: 'nir', message: PATIENT_MESSAGES.vitaleNir }], {
      fr: 'Lecture de carte Vitale simulée : indiquez le NIR lu sur la carte (ou enregistrez d’abord le NIR du patient).',
      en: 'Simulated carte Vitale read: give the NIR read from the card.',
    });
  }
  const result = await insi.lookup(opts.mode === 'vitale' ? { mode: 'vitale', nir: nir!, traits } : { mode: 'traits', traits });
  const outcome: InsiOutcome = { simulated: insi.simulated, code: result.code, label: INSI_CODE_LABELS[result.code].fr, identity: null, differences: [], applied: 'none' };
  if (result.code !== '00') {
    ctx.audit({ action: 'patient.insi.lookup', resourceType: 'patient', resourceId: id, details: { code: result.code, simulated: insi.simulated } });
    return { row: current, outcome };
  }
  outcome.identity = result.identity;
  outcome.differences = compareTraits(traits, result.identity.traits);
  const other = await tx
    .selectFrom('patients')
    .select(['id'])
    .where('practice_id', '=', ctx.practiceId)
    .where('ins_matricule', '=', result.identity.matricule)
    .where('merged_into_id', 'is', null)
    .where('id', '<>', id)
    .executeTakeFirst();
  if (other) {
    throw new AppError('conflict', { patientId: other.id, reason: 'ins_already_used' }, {
      fr: 'INSi a renvoyé un INS déjà porté par une autre fiche du cabinet : c’est un doublon probable. Rapprochez les deux fiches avant de continuer.',
      en: 'INSi returned an INS already held by another record of the practice: a probable duplicate.',
    });
  }
  const insColumns = {
    ins_matricule: result.identity.matricule,
    ins_oid: result.identity.oid,
    ins_retrieved_at: clock.now(),
    ins_traits: JSON.stringify(result.identity.traits),
    ins_simulated: insi.simulated,
  };
  const auditDetails = { code: '00', simulated: insi.simulated, oid: result.identity.oid, differences: outcome.differences };
  if (outcome.differences.length === 0) {
    const stored = await applyAndStore(tx, ctx, current, { type: 'insiFound', traitsMatch: true }, insColumns, { action: 'patient.insi.retrieved', details: auditDetails });
    outcome.applied = 'ins_stored';
    return { row: stored.row, outcome };
  }
  if (opts.adoptInsiTraits && current.id_doc_checked_at === null) {
    const adopted = identityOrThrow({
      birthName: result.identity.traits.birthName,
      givenNames: result.identity.traits.givenNames,
      birthDate: result.identity.traits.birthDate,
      sex: result.identity.traits.sex,
      birthPlaceCode: result.identity.traits.birthPlaceCode,
      nir: current.nir,
      usedName: current.used_name,
      usedFirstName: current.used_first_name,
    });
    const cols = identityColumns(adopted);
    const { phonetic_keys: _k, phonetic_keys_version: _v, ...comparable } = cols;
    const changes = diff(current as unknown as Record<string, unknown>, comparable);
    const stored = await applyAndStore(tx, ctx, { ...current, ins_matricule: null, identity_status: deriveStatus({ ...stateOf(current), insRetrieved: false }) }, { type: 'insiFound', traitsMatch: true }, { ...cols, ...insColumns }, {
      action: 'patient.insi.retrieved',
      details: { ...auditDetails, adoptedTraits: changes },
      reason: 'Traits INS adoptés depuis la réponse INSi',
    });
    outcome.applied = 'traits_adopted_and_ins_stored';
    return { row: stored.row, outcome };
  }
  ctx.audit({ action: 'patient.insi.traits_differ', resourceType: 'patient', resourceId: id, details: auditDetails });
  return { row: current, outcome };
}
