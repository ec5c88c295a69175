import { DateTime } from 'luxon';
import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { clock } from '../platform/clock.js';
import { invoiceScope, unprocessable } from './access.js';
import type { Parcours, QuoteCase, TiersPayant } from './contract.js';
import { readProfile } from './profiles.service.js';
import { quote } from './rules/quote.js';
import { resolveCoverage, tiersPayantReminder, type CoverageOverride, type FileAmc, type FileAmo } from './rules/coverage.js';
import { tariffOn } from './tariffs.js';

/**
 * Invoices of consultations (0121_billing_invoices.sql). Creating one runs the quote engine and stores its answer
 * as a snapshot (amounts, lines, warnings, and the case it was given); the database checks the amounts.
 */
export interface NewInvoice {
  appointmentId?: string | undefined;
  patientId?: string | undefined;
  practitionerId?: string | undefined;
  date?: string | undefined;
  acts: { code: string; feeCents?: number | undefined }[];
  parcours: Parcours;
  tiersPayant: TiersPayant;
  care?: { aldRelated?: boolean | undefined; atmp?: boolean | undefined } | undefined;
  coverage?: CoverageOverride | undefined;
}

interface Target {
  patientId: string;
  practitionerId: string;
  date: string;
  appointmentId: string | null;
}

const BILLABLE_STATUSES = ['booked', 'confirmed', 'arrived', 'in_consultation', 'done'];

async function practiceZone(tx: Tx, practiceId: string): Promise<string> {
  return (await tx.selectFrom('practices').select('timezone').where('id', '=', practiceId).executeTakeFirstOrThrow()).timezone;
}

/** The consultation billed: from the appointment, or from patient + practitioner + date. */
async function resolveTarget(tx: Tx, ctx: RequestContext, input: NewInvoice, zone: string): Promise<Target> {
  if (input.appointmentId) {
    const a = await tx
      .selectFrom('appointments')
      .select(['patient_id', 'practitioner_id', 'starts_at', 'status'])
      .where('practice_id', '=', ctx.practiceId)
      .where('id', '=', input.appointmentId)
      .executeTakeFirst();
    if (!a) throw unprocessable('appointmentId', 'Rendez-vous inconnu dans ce cabinet.', 'Unknown appointment in this practice.');
    if (!BILLABLE_STATUSES.includes(a.status)) throw unprocessable('appointmentId', 'Ce rendez-vous a été annulé ou manqué : il ne se facture pas.', 'This appointment was cancelled or missed: it cannot be billed.');
    const date = DateTime.fromJSDate(new Date(a.starts_at)).setZone(zone).toISODate()!;
    const mismatch = (input.patientId && input.patientId !== a.patient_id) || (input.practitionerId && input.practitionerId !== a.practitioner_id) || (input.date && input.date !== date);
    if (mismatch) throw unprocessable('appointmentId', 'Le patient, le praticien ou la date ne correspondent pas au rendez-vous.', 'The patient, practitioner or date do not match the appointment.');
    return { patientId: a.patient_id, practitionerId: a.practitioner_id, date, appointmentId: input.appointmentId };
  }
  if (!input.patientId || !input.practitionerId || !input.date)
    throw unprocessable('appointmentId', 'Indiquez le rendez-vous, ou le patient, le praticien et la date de la consultation.', 'Give the appointment, or the patient, practitioner and date.');
  return { patientId: input.patientId, practitionerId: input.practitionerId, date: input.date, appointmentId: null };
}

/** Everything an invoice needs, checked and quoted, without writing: the desk's draft shows it before « Valider ». */
export async function prepareInvoice(tx: Tx, ctx: RequestContext, input: NewInvoice) {
  const zone = await practiceZone(tx, ctx.practiceId);
  const t = await resolveTarget(tx, ctx, input, zone);
  const today = DateTime.fromJSDate(clock.now()).setZone(zone).toISODate()!;
  if (t.date > today) throw unprocessable('date', 'On ne facture pas une consultation future.', 'A future consultation cannot be billed.');

  const practitioner = await tx.selectFrom('practitioners').select(['id', 'account_id']).where('practice_id', '=', ctx.practiceId).where('id', '=', t.practitionerId).executeTakeFirst();
  if (!practitioner) throw unprocessable('practitionerId', 'Praticien inconnu dans ce cabinet.', 'Unknown practitioner in this practice.');
  const scope = await invoiceScope(tx, ctx);
  if (scope && !scope.includes(t.practitionerId))
    throw unprocessable('practitionerId', 'Un praticien ne facture qu’en son nom propre.', 'A practitioner bills only in their own name.');
  const profile = await readProfile(tx, ctx.practiceId, t.practitionerId);
  if (!profile)
    throw unprocessable('practitionerId', 'Le profil de facturation de ce praticien n’est pas renseigné (secteur, spécialité, RPPS).', 'This practitioner’s billing profile is missing.');
  const patient = await tx.selectFrom('patients').select(['birth_date', 'amo', 'amc', 'merged_into_id']).where('practice_id', '=', ctx.practiceId).where('id', '=', t.patientId).executeTakeFirst();
  if (!patient) throw unprocessable('patientId', 'Patient inconnu dans ce cabinet.', 'Unknown patient in this practice.');
  if (patient.merged_into_id) throw unprocessable('patientId', 'Ce dossier a été fusionné dans un autre : facturez le dossier conservé.', 'This record was merged into another: bill the kept record.');

  const dep = input.acts.find((a) => a.feeCents !== undefined && (tariffOn(a.code, t.date)?.cents ?? a.feeCents) < a.feeCents);
  if (dep && !profile.practisesDepassements)
    throw unprocessable('acts', `Ce praticien ne pratique pas de dépassement d’honoraires (acte ${dep.code}).`, `This practitioner does not charge excess fees (act ${dep.code}).`);

  const birthDate = patient.birth_date;
  const coverage = resolveCoverage(patient.amo as FileAmo | null, patient.amc as FileAmc | null, t.date, input.coverage);
  const care = { aldRelated: input.care?.aldRelated ?? false, atmp: input.care?.atmp ?? false };
  const qc: QuoteCase = {
    id: 'invoice',
    date: t.date,
    practitioner: { specialty: profile.specialty, sector: profile.sector },
    patient: { birthDate, ...coverage.patient },
    care,
    parcours: input.parcours,
    mutuelle: coverage.mutuelle,
    acts: input.acts.map((a) => (a.feeCents === undefined ? { code: a.code } : { code: a.code, feeCents: a.feeCents })),
    tiersPayant: input.tiersPayant,
  };
  const q = quote(qc);
  if ('error' in q) throw unprocessable('acts', `Facturation impossible : ${q.error}`, `Cannot bill: ${q.error} (message of the French billing rules)`);
  const reminder = tiersPayantReminder(coverage.patient, care, input.tiersPayant);
  const warnings = [...q.detail.warnings, ...coverage.notes, ...(reminder ? [reminder] : [])];

  const lines = input.acts.map((a, i) => {
    const row = tariffOn(a.code, t.date)!; // the engine accepted the code on that date
    return { practice_id: ctx.practiceId, position: i + 1, code: row.code, label: row.label, tariff_cents: row.cents, fee_cents: a.feeCents ?? row.cents };
  });
  return { t, profile, qc, q, warnings, lines, coverage, care, birthDate };
}

export async function createInvoice(tx: Tx, ctx: RequestContext, input: NewInvoice): Promise<string> {
  const { t, profile, qc, q, warnings, lines } = await prepareInvoice(tx, ctx, input);
  if (t.appointmentId) {
    const billed = await tx.selectFrom('billing_invoices').select('id').where('practice_id', '=', ctx.practiceId).where('appointment_id', '=', t.appointmentId).executeTakeFirst();
    if (billed) throw new AppError('conflict', [{ field: 'appointmentId', message: { fr: 'Cette consultation est déjà facturée.', en: 'This consultation is already billed.' } }], { fr: 'Cette consultation est déjà facturée.', en: 'This consultation is already billed.' });
  }
  const row = await tx
    .insertInto('billing_invoices')
    .values({
      practice_id: ctx.practiceId,
      practitioner_id: t.practitionerId,
      patient_id: t.patientId,
      appointment_id: t.appointmentId,
      care_date: t.date,
      sector: profile.sector,
      specialty: profile.specialty,
      parcours: input.parcours,
      tiers_payant: input.tiersPayant,
      quote_case: JSON.stringify(qc),
      quote: JSON.stringify(q),
      warnings,
      total_cents: q.totalCents,
      amo_cents: q.amoCents,
      amc_cents: q.amcCents,
      patient_cents: q.patientCents,
      participation_forfaitaire_cents: q.participationForfaitaireCents,
      due_at_desk_cents: q.dueAtDeskCents,
      created_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('billing_invoice_lines').values(lines.map((l) => ({ ...l, invoice_id: row.id }))).execute();
  ctx.audit({
    action: 'billing.invoice.created',
    resourceType: 'billing_invoice',
    resourceId: row.id,
    details: { patientId: t.patientId, practitionerId: t.practitionerId, totalCents: q.totalCents, dueAtDeskCents: q.dueAtDeskCents },
  });
  return row.id;
}

/** The invoice row if the account may see it (desk: any of the practice; practitioner: their own), else 404. */
export async function visibleInvoice(tx: Tx, ctx: RequestContext, id: string, lock = false) {
  let q = tx.selectFrom('billing_invoices').selectAll().where('practice_id', '=', ctx.practiceId).where('id', '=', id);
  const scope = await invoiceScope(tx, ctx);
  if (scope) q = scope.length ? q.where('practitioner_id', 'in', scope) : q.where(sql<boolean>`false`);
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

