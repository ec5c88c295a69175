import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { clock } from '../platform/clock.js';
import { assertBooksAccess, unprocessable } from './access.js';
import type { BillingProfile, ProfileView } from './contract.js';

export type { BillingProfile, ProfileView } from './contract.js';
import { isAmNumber, isRpps, isSiren } from './rules/identifiers.js';

/** Practitioners' billing profiles (0120_billing_profiles.sql): read and written by an admin or the practitioner. */
export type ProfileInput = Omit<BillingProfile, 'updatedAt'>;

export async function readProfile(tx: Tx, practiceId: string, practitionerId: string): Promise<BillingProfile | null> {
  const r = await tx
    .selectFrom('billing_profiles')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('practitioner_id', '=', practitionerId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    sector: r.sector,
    specialty: r.specialty,
    rpps: r.rpps,
    amNumber: r.am_number,
    siren: r.siren,
    practisesDepassements: r.practises_depassements,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function getProfile(tx: Tx, ctx: RequestContext, practitionerId: string): Promise<ProfileView> {
  await assertBooksAccess(tx, ctx, practitionerId);
  const p = await tx.selectFrom('practitioners').select(['id', 'display_name']).where('practice_id', '=', ctx.practiceId).where('id', '=', practitionerId).executeTakeFirstOrThrow();
  return { practitioner: { id: p.id, name: p.display_name }, profile: await readProfile(tx, ctx.practiceId, practitionerId) };
}

export async function saveProfile(tx: Tx, ctx: RequestContext, practitionerId: string, input: ProfileInput): Promise<ProfileView> {
  await assertBooksAccess(tx, ctx, practitionerId);
  // The same rules as the CHECK constraints, checked first for a message that names the field.
  if (!isRpps(input.rpps)) throw unprocessable('rpps', 'Numéro RPPS invalide : 11 chiffres dont une clé de contrôle (Luhn).', 'Invalid RPPS number: 11 digits with a Luhn check digit.');
  if (!isAmNumber(input.amNumber))
    throw unprocessable('amNumber', 'Numéro Assurance Maladie invalide : 9 caractères, le département en tête (2A/2B pour la Corse).', 'Invalid Assurance Maladie number: 9 characters, starting with the département.');
  if (input.siren !== null && !isSiren(input.siren)) throw unprocessable('siren', 'Numéro SIREN invalide : 9 chiffres dont une clé de contrôle (Luhn).', 'Invalid SIREN: 9 digits with a Luhn check digit.');
  if (input.sector === '1' && input.practisesDepassements)
    throw unprocessable('practisesDepassements', 'Un praticien de secteur 1 facture le tarif opposable : pas de dépassement d’honoraires.', 'A secteur 1 practitioner bills the regulated fee: no excess fees.');
  const taken = await tx
    .selectFrom('billing_profiles')
    .select('practitioner_id')
    .where('practice_id', '=', ctx.practiceId)
    .where('rpps', '=', input.rpps)
    .where('practitioner_id', '<>', practitionerId)
    .executeTakeFirst();
  if (taken) throw unprocessable('rpps', 'Ce numéro RPPS est déjà celui d’un autre praticien du cabinet.', 'This RPPS number already belongs to another practitioner of the practice.');
  const values = {
    sector: input.sector,
    specialty: input.specialty,
    rpps: input.rpps,
    am_number: input.amNumber,
    siren: input.siren,
    practises_depassements: input.practisesDepassements,
    updated_by: ctx.accountId,
    updated_at: clock.now(),
  };
  await tx
    .insertInto('billing_profiles')
    .values({ practice_id: ctx.practiceId, practitioner_id: practitionerId, ...values })
    .onConflict((oc) => oc.columns(['practice_id', 'practitioner_id']).doUpdateSet(values))
    .execute();
  ctx.audit({ action: 'billing.profile.updated', resourceType: 'billing_profile', resourceId: practitionerId, details: { sector: input.sector, specialty: input.specialty } });
  return getProfile(tx, ctx, practitionerId);
}
