import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import type { Accessibility, Amc, Amo, Contact, EmergencyContact, Gp, LegalRepresentative } from './contract.js';
import { diff, toDetail } from '../mapping.js';
import { detailOf, findPatient, legalRepresentatives, lockPatient } from '../read.service.js';
import { normalizePhone } from '../search-query.js';
import { clock } from '../../platform/clock.js';
import { PRACTICE_MESSAGES } from '../../platform/http/practice-messages.js';

/**
 * A médecin traitant within the practice: the practitioner must belong to this practice (agenda's
 * `practitioners` table) and still consult there unless it is the one already recorded; its name, RPPS
 * and linked account are copied so that every reader (reception, FHIR, merge) sees them without a join.
 */
async function resolveGp(tx: Tx, ctx: RequestContext, gp: Gp, current: Gp | null): Promise<Gp> {
  if (gp.practitionerId) {
    const p = await tx
      .selectFrom('practitioners')
      .select(['id', 'display_name', 'rpps', 'account_id', 'active'])
      .where('practice_id', '=', ctx.practiceId)
      .where('id', '=', gp.practitionerId)
      .executeTakeFirst();
    if (!p) {
      throw new AppError('validation_failed', [{ field: 'gp.practitionerId', message: PRACTICE_MESSAGES.unknownPractitioner }], {
        fr: 'Le médecin traitant choisi n’est pas un praticien de ce cabinet. Choisissez-le dans la liste, ou décochez « Médecin du cabinet » et saisissez son nom.',
        en: 'The chosen GP is not a practitioner of this practice. Pick one from the list, or untick “Practice doctor” and type the name.',
      });
    }
    if (!p.active && current?.practitionerId !== p.id) {
      throw new AppError('validation_failed', [{ field: 'gp.practitionerId', message: { fr: 'Ce praticien ne consulte plus au cabinet.', en: 'This practitioner no longer works at the practice.' } }], {
        fr: `${p.display_name} ne consulte plus au cabinet : choisissez un praticien actif, ou saisissez un médecin hors cabinet.`,
        en: `${p.display_name} no longer works at the practice: choose an active practitioner, or type a doctor outside the practice.`,
      });
    }
    return { ...gp, inPractice: true, practitionerId: p.id, accountId: p.account_id, name: p.display_name, rpps: p.rpps };
  }
  if (gp.inPractice && gp.accountId) {
    const member = await tx.selectFrom('memberships').select('account_id').where('practice_id', '=', ctx.practiceId).where('account_id', '=', gp.accountId).executeTakeFirst();
    if (!member) throw new AppError('validation_failed', [{ field: 'gp.accountId', message: PRACTICE_MESSAGES.unknownPractitioner }], { fr: 'Le médecin traitant choisi n’est pas membre de ce cabinet.', en: 'The chosen GP is not a member of this practice.' });
    const p = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', ctx.practiceId).where('account_id', '=', gp.accountId).executeTakeFirst();
    return { ...gp, practitionerId: p?.id ?? null };
  }
  if (gp.inPractice) {
    throw new AppError('validation_failed', [{ field: 'gp.practitionerId', message: { fr: 'Choisissez le praticien du cabinet.', en: 'Choose the practice’s practitioner.' } }], {
      fr: 'Médecin du cabinet : choisissez-le dans la liste des praticiens du cabinet (ou décochez « Médecin du cabinet » pour un médecin extérieur).',
      en: 'Practice doctor: choose them from the practice’s practitioners (or untick “Practice doctor” for an outside doctor).',
    });
  }
  // Outside the practice there is neither a practitioner nor an account to point to.
  return { ...gp, practitionerId: null, accountId: null };
}

export interface AdministrativePatch {
  contact?: Contact | undefined;
  accessibility?: Accessibility | null | undefined;
  gp?: Gp | null | undefined;
  emergencyContact?: EmergencyContact | null | undefined;
  legalRepresentatives?: LegalRepresentative[] | undefined;
  amo?: Amo | null | undefined;
  amc?: Amc | null | undefined;
}

/** Replaces the sections given; audits each changed section with before/after. */
export async function updateAdministrative(tx: Tx, ctx: RequestContext, id: string, patch: AdministrativePatch) {
  const current = await lockPatient(tx, ctx.practiceId, id);
  const before = toDetail(current, await legalRepresentatives(tx, ctx.practiceId, id));
  const set: Record<string, unknown> = {};
  if (patch.contact) {
    set['phones'] = JSON.stringify(patch.contact.phones);
    set['phone'] = patch.contact.phones[0]?.number ?? null;
    set['phone_search'] = patch.contact.phones.map((p) => normalizePhone(p.number));
    set['email'] = patch.contact.email;
    set['address'] = patch.contact.address ? JSON.stringify(patch.contact.address) : null;
    set['sms_consent'] = patch.contact.smsConsent;
    set['email_consent'] = patch.contact.emailConsent;
    set['preferred_language'] = patch.contact.preferredLanguage;
  }
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  if (patch.accessibility !== undefined) set['accessibility'] = json(patch.accessibility);
  if (patch.gp !== undefined) set['gp'] = json(patch.gp && (await resolveGp(tx, ctx, patch.gp, before.gp)));
  if (patch.emergencyContact !== undefined) set['emergency_contact'] = json(patch.emergencyContact);
  if (patch.amo !== undefined) set['amo'] = json(patch.amo);
  if (patch.amc !== undefined) set['amc'] = json(patch.amc);
  if (patch.legalRepresentatives) {
    for (const rep of patch.legalRepresentatives) {
      if (rep.patientId) {
        if (rep.patientId === id) throw new AppError('validation_failed', [{ field: 'legalRepresentatives', message: { fr: 'Un patient ne peut pas être son propre représentant.', en: 'A patient cannot be their own representative.' } }]);
        await findPatient(tx, ctx.practiceId, rep.patientId);
      }
    }
    await tx.deleteFrom('patient_legal_representatives').where('practice_id', '=', ctx.practiceId).where('patient_id', '=', id).execute();
    if (patch.legalRepresentatives.length > 0) {
      await tx
        .insertInto('patient_legal_representatives')
        .values(
          patch.legalRepresentatives.map((r, i) => ({
            practice_id: ctx.practiceId,
            patient_id: id,
            position: i,
            relationship: r.relationship,
            name: r.name,
            phone: r.phone,
            email: r.email,
            representative_patient_id: r.patientId,
            note: r.note,
          })),
        )
        .execute();
    }
  }
  const row = await tx
    .updateTable('patients')
    .set({ ...set, version: current.version + 1, updated_at: clock.now() })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = await detailOf(tx, ctx.practiceId, row);
  const sections = ['contact', 'accessibility', 'gp', 'emergencyContact', 'legalRepresentatives', 'amo', 'amc'] as const;
  const changes = diff(
    Object.fromEntries(sections.map((s) => [s, before[s]])),
    Object.fromEntries(sections.filter((s) => patch[s] !== undefined).map((s) => [s, after[s]])),
  );
  ctx.audit({ action: 'patient.administrative.updated', resourceType: 'patient', resourceId: id, details: { changes } });
  return { detail: after, changedSections: Object.keys(changes) };
}
