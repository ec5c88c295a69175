import { DateTime } from 'luxon';
import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { bornWord, identityName, identityParts } from '../../platform/identity-display.js';
import { money, renderPdf } from '../../platform/pdf/pdf.js';
import { unprocessable } from '../access.js';
import { visibleInvoice } from '../invoices.service.js';
import { receiptNumber } from '../receipts.service.js';

/**
 * The note d'honoraires (receipt) or credit note as PDF, with the mentions the patient and the caisse need:
 * practitioner identity, RPPS, Assurance Maladie number, sector, acts with date and code, fees, shares (AMO, AMC,
 * patient, tiers payant), what was paid and what remains. Read through the invoice's visibility rules (404 otherwise).
 */
const SECTOR: Record<string, string> = { '1': 'Secteur 1 (honoraires conventionnés)', '2': 'Secteur 2 (honoraires libres)', '2_optam': 'Secteur 2, adhérent OPTAM' };
const SPECIALTY: Record<string, string> = {
  general_practice: 'Médecine générale', paediatrics: 'Pédiatrie', dentistry: 'Chirurgie dentaire', cardiology: 'Cardiologie', dermatology: 'Dermatologie',
  gynaecology: 'Gynécologie', ophthalmology: 'Ophtalmologie', psychiatry: 'Psychiatrie', radiology: 'Radiologie',
};
const TIERS: Record<string, string> = { none: 'Sans tiers payant', amo: 'Tiers payant sur la part obligatoire (AMO)', amo_amc: 'Tiers payant intégral (AMO et complémentaire)' };
const frDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export interface ReceiptDocument {
  id: string;
  number: string;
  kind: 'receipt' | 'credit_note';
  fileName: string;
  patient: { id: string; name: string; email: string | null };
  practitionerName: string;
  pdf: Buffer;
}

export async function receiptDocument(tx: Tx, ctx: RequestContext, receiptId: string): Promise<ReceiptDocument> {
  const r = await tx.selectFrom('billing_receipts').selectAll().where('practice_id', '=', ctx.practiceId).where('id', '=', receiptId).executeTakeFirst();
  if (!r) throw new AppError('not_found');
  const inv = await visibleInvoice(tx, ctx, r.invoice_id);
  const [pr, profile, pa, lines, practice, info, credited] = await Promise.all([
    tx.selectFrom('practitioners').select(['display_name', 'rpps']).where('id', '=', inv.practitioner_id).executeTakeFirstOrThrow(),
    tx.selectFrom('billing_profiles').selectAll().where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', inv.practitioner_id).executeTakeFirst(),
    tx.selectFrom('patients').select(['id', 'birth_name', 'used_name', 'first_name', 'sex', 'birth_date', 'email', 'address']).where('id', '=', inv.patient_id).executeTakeFirstOrThrow(),
    tx.selectFrom('billing_invoice_lines').selectAll().where('invoice_id', '=', inv.id).orderBy('position').execute(),
    tx.selectFrom('practices').select(['name', 'timezone']).where('id', '=', ctx.practiceId).executeTakeFirstOrThrow(),
    tx.selectFrom('practice_info').select('address').where('practice_id', '=', ctx.practiceId).executeTakeFirst(),
    r.credits_receipt_id ? tx.selectFrom('billing_receipts').select(['year', 'number']).where('id', '=', r.credits_receipt_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  if (!profile) throw unprocessable(null, 'Le praticien n’a pas de profil de facturation.', 'The practitioner has no billing profile.');
  const number = receiptNumber(r.year, r.number);
  const patientName = identityName(identityParts(pa));
  const address = (pa.address ?? {}) as { lines?: string[]; postalCode?: string; city?: string };
  const issued = DateTime.fromJSDate(new Date(r.issued_at)).setZone(practice.timezone);
  const isCredit = r.kind === 'credit_note';
  const title = isCredit ? `Avoir n° ${number}` : `Note d’honoraires n° ${number}`;
  const remaining = r.due_at_desk_cents - r.paid_cents;
  const pdf = await renderPdf(
    { title, author: pr.display_name, createdAt: new Date(r.issued_at), footer: `${pr.display_name} — RPPS ${profile.rpps} — ${title}` },
    (p) => {
      p.letterhead(pr.display_name, [
        SPECIALTY[profile.specialty] ?? profile.specialty,
        SECTOR[profile.sector] ?? profile.sector,
        `RPPS ${profile.rpps} — N° Assurance Maladie ${profile.am_number}`,
        ...(profile.siren ? [`SIREN ${profile.siren}`] : []),
        practice.name,
        ...(info?.address ? [info.address] : []),
      ]);
      p.addressBlock([patientName, ...(address.lines ?? []), [address.postalCode, address.city].filter(Boolean).join(' ')].filter(Boolean));
      p.title(title);
      p.keyValues([
        ['Patient', `${patientName}, ${bornWord(pa.sex)} le ${frDay(pa.birth_date)}`],
        ['Date des soins', frDay(inv.care_date)],
        ['Émis le', issued.toFormat('dd/MM/yyyy')],
        ...(isCredit && credited ? ([['Annule la note d’honoraires', receiptNumber(credited.year, credited.number)], ['Motif', r.reason ?? '']] as [string, string][]) : []),
      ]);
      p.doc.moveDown(0.8);
      p.table(
        [{ header: 'Date', width: 1 }, { header: 'Code', width: 0.9 }, { header: 'Acte', width: 3 }, { header: 'Base de remboursement', width: 1.4, align: 'right' }, { header: 'Honoraires', width: 1.2, align: 'right' }],
        lines.map((l) => [frDay(inv.care_date), l.code, l.label, money(l.tariff_cents), money(l.fee_cents)]),
        { totals: ['', '', 'Total des honoraires', '', money(r.total_cents)] },
      );
      p.keyValues([
        ['Part Assurance Maladie (AMO)', money(r.amo_cents)],
        ['Part complémentaire (AMC)', money(r.amc_cents)],
        ['Part restant à la charge du patient', money(r.patient_cents)],
        ['Tiers payant', TIERS[inv.tiers_payant] ?? inv.tiers_payant],
        ['À régler au cabinet', money(r.due_at_desk_cents)],
        ['Déjà réglé', money(r.paid_cents)],
        ['Reste dû', money(remaining)],
      ], { labelShare: 0.6 });
      p.doc.moveDown(1);
      if (inv.participation_forfaitaire_cents > 0)
        p.paragraph(`Dont participation forfaitaire de ${money(inv.participation_forfaitaire_cents)} déduite du remboursement de l’Assurance Maladie.`, { size: 9 });
      p.paragraph(
        isCredit
          ? 'Cet avoir annule la note d’honoraires citée ; une nouvelle note d’honoraires a été émise pour les mêmes soins.'
          : 'Note d’honoraires à conserver. Les actes remboursables sont transmis à votre caisse par feuille de soins électronique lorsque le tiers payant s’applique.',
        { size: 9 },
      );
    },
  );
  return {
    id: r.id, number, kind: r.kind, fileName: `${isCredit ? 'avoir' : 'note-honoraires'}-${number}.pdf`,
    patient: { id: pa.id, name: patientName, email: pa.email }, practitionerName: pr.display_name, pdf,
  };
}

