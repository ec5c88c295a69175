import type { Amo } from '../../patients/index.js';
import { findPatient, updateAdministrative, updateIdentity } from '../../patients/index.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { tickOpenVisit } from '../checklist.service.js';

/**
 * What the secretary confirmed after a card read (or typed at the desk): AMO rights, a missing NIR, a missing
 * birth place. The patient must be this practice's before anything is done or audited in its name (even a no-op).
 */
export async function applyVitale(
  tx: Tx, ctx: RequestContext, patientId: string,
  body: { source: 'card' | 'apcv' | 'manual'; amo?: Amo | null | undefined; nir?: string | undefined; birthPlaceCode?: string | undefined },
): Promise<string[]> {
  const patient = await findPatient(tx, ctx.practiceId, patientId);
  const manual = body.source === 'manual';
  const updated: string[] = [];
  if (body.amo !== undefined) {
    await updateAdministrative(tx, ctx, patientId, { amo: body.amo });
    updated.push('amo');
  }
  if (body.nir) {
    await updateIdentity(tx, ctx, patientId, { nir: body.nir, reason: manual ? 'NIR saisi au guichet' : 'NIR lu sur la carte Vitale' });
    updated.push('nir');
  }
  if (body.birthPlaceCode) {
    // A strict trait: the card only fills a missing one; a different one is corrected in the identity tab, with a reason.
    if (patient.birth_place_code && patient.birth_place_code !== body.birthPlaceCode) {
      throw new AppError('conflict', undefined, {
        fr: 'Le dossier a déjà un autre lieu de naissance : une correction se fait dans l’onglet Identité, avec un motif.',
        en: 'The record already has another birth place: correct it in the Identity tab, with a reason.',
      });
    }
    if (!patient.birth_place_code) {
      await updateIdentity(tx, ctx, patientId, { birthPlaceCode: body.birthPlaceCode, reason: manual ? 'Lieu de naissance saisi au guichet' : 'Lieu de naissance lu sur la carte Vitale' });
      updated.push('birthPlace');
    }
  }
  await tickOpenVisit(tx, ctx, patientId, ['vitale']);
  return updated;
}
