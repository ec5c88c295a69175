import { DateTime } from 'luxon';
import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { unprocessable } from '../access.js';
import { readProfile } from '../profiles.service.js';
import { acceptedLines } from './rules.js';
import { practiceToday, quoteRows } from './quotes.service.js';

/**
 * Billing an act of a signed quote once it is done: an ordinary invoice (billing_invoices, with its line), linked
 * to the quote and the act, at the fee the patient signed. The shares are the quote's: AMO share of the base, no
 * participation forfaitaire (a dentist's act), no complementary share computed here (the mutuelle pays the patient
 * back from the quote); the desk collects everything, or all but the AMO share with tiers payant AMO. The trigger of
 * 0170 refuses an act outside the signed option, a second invoice of the same act and a fee other than the signed one.
 */
export async function billDoneAct(tx: Tx, ctx: RequestContext, quoteId: string, position: number, input: { doneOn: string; tiersPayant: 'none' | 'amo' }): Promise<string> {
  const { q, acts } = await quoteRows(tx, ctx, quoteId);
  if (q.status !== 'signed' || !q.signed_option)
    throw new AppError('conflict', [{ field: null, message: { fr: 'Seul un devis signé se facture.', en: 'Only a signed quote can be billed.' } }], { fr: 'Seul un devis signé se facture.', en: 'Only a signed quote can be billed.' });
  const act = acts.find((a) => a.position === position);
  if (!act) throw new AppError('not_found');
  const accepted = acceptedLines(acts.map((a) => ({ ...a, alternativeFor: a.alternative_for })), q.signed_option);
  if (!accepted.some((a) => a.position === position))
    throw unprocessable('position', `L’acte ${position} ne fait pas partie de l’option signée par le patient.`, `Act ${position} is not part of the option the patient signed.`);
  const billed = await tx.selectFrom('billing_invoices').select('id').where('dental_quote_id', '=', quoteId).where('dental_quote_position', '=', position).executeTakeFirst();
  if (billed) throw new AppError('conflict', [{ field: 'position', message: { fr: 'Cet acte est déjà facturé.', en: 'This act is already billed.' } }], { fr: 'Cet acte est déjà facturé.', en: 'This act is already billed.' });
  const { today, zone } = await practiceToday(tx, ctx.practiceId);
  const signedOn = DateTime.fromJSDate(new Date(q.signed_at!)).setZone(zone).toISODate()!;
  if (input.doneOn > today) throw unprocessable('doneOn', 'On ne facture pas un acte futur.', 'A future act cannot be billed.');
  if (input.doneOn < signedOn) throw unprocessable('doneOn', `L’acte ne peut pas avoir été réalisé avant la signature du devis (${signedOn}).`, `The act cannot have been done before the quote was signed (${signedOn}).`);
  const profile = await readProfile(tx, ctx.practiceId, q.practitioner_id);
  if (!profile) throw unprocessable('practitionerId', 'Le profil de facturation de ce praticien n’est pas renseigné.', 'This practitioner’s billing profile is missing.');

  const amounts = { totalCents: act.fee_cents, amoCents: act.amo_cents, amcCents: 0, patientCents: act.patient_cents, participationForfaitaireCents: 0 };
  const due = input.tiersPayant === 'amo' ? act.fee_cents - act.amo_cents : act.fee_cents;
  const row = await tx
    .insertInto('billing_invoices')
    .values({
      practice_id: ctx.practiceId, practitioner_id: q.practitioner_id, patient_id: q.patient_id, appointment_id: null, care_date: input.doneOn,
      sector: profile.sector, specialty: profile.specialty, parcours: 'direct_access', tiers_payant: input.tiersPayant,
      quote_case: JSON.stringify({ kind: 'dental_quote', quoteId, position, code: act.code, tooth: act.tooth, basket: act.basket, signedOption: q.signed_option }),
      quote: JSON.stringify({ id: 'dental_quote', ...amounts, dueAtDeskCents: due }),
      warnings: [],
      total_cents: amounts.totalCents, amo_cents: amounts.amoCents, amc_cents: 0, patient_cents: amounts.patientCents, participation_forfaitaire_cents: 0,
      due_at_desk_cents: due, dental_quote_id: quoteId, dental_quote_position: position, created_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('billing_invoice_lines')
    .values({ practice_id: ctx.practiceId, invoice_id: row.id, position: 1, code: act.code, label: act.tooth === null ? act.label : `${act.label} — dent ${act.tooth}`, tariff_cents: act.base_cents, fee_cents: act.fee_cents })
    .execute();
  ctx.audit({ action: 'billing.invoice.created', resourceType: 'billing_invoice', resourceId: row.id, details: { patientId: q.patient_id, practitionerId: q.practitioner_id, totalCents: act.fee_cents, dueAtDeskCents: due, dentalQuoteId: quoteId } });
  ctx.audit({ action: 'billing.dental_quote.act_billed', resourceType: 'dental_quote', resourceId: quoteId, details: { patientId: q.patient_id, position, invoiceId: row.id } });
  return row.id;
}
