import { DateTime } from 'luxon';
import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { invoiceScope, unprocessable } from './access.js';
import type { Parcours, TiersPayant } from './contract.js';
import { prepareInvoice, type NewInvoice } from './invoices.service.js';
import { readProfile } from './profiles.service.js';
import { ageOn } from './rules/quote.js';
import { resolveCoverage, type FileAmc, type FileAmo } from './rules/coverage.js';
import { proposeDraft, writtenInformation, type Suggestion } from './rules/suggest.js';
import { tariffOn } from './tariffs.js';
import { patientName } from './views.service.js';

/**
 * The « Encaisser » screen before validation: the consultation (appointment or walk-in), the acts proposed from the
 * motif and the specialty, the parcours and tiers payant the rules propose, the engine's quote of the current
 * choice, its warnings and the reminders. Nothing is written; an engine refusal is returned as `error` so that the
 * desk sees it while typing rather than as a failed request.
 */
export type DraftInput = Omit<NewInvoice, 'acts' | 'parcours' | 'tiersPayant'> & {
  acts?: NewInvoice['acts'] | undefined;
  parcours?: Parcours | undefined;
  tiersPayant?: TiersPayant | undefined;
};


export async function draftInvoice(tx: Tx, ctx: RequestContext, input: DraftInput) {
  const zone = (await tx.selectFrom('practices').select('timezone').where('id', '=', ctx.practiceId).executeTakeFirstOrThrow()).timezone;
  let target = { patientId: input.patientId, practitionerId: input.practitionerId, date: input.date };
  let motif: { name: string; teleconsultation: boolean } | null = null;
  if (input.appointmentId) {
    const a = await tx
      .selectFrom('appointments as a')
      .leftJoin('appointment_types as t', 't.id', 'a.appointment_type_id')
      .select(['a.patient_id', 'a.practitioner_id', 'a.starts_at', 'a.teleconsultation', 't.name as motif'])
      .where('a.practice_id', '=', ctx.practiceId)
      .where('a.id', '=', input.appointmentId)
      .executeTakeFirst();
    if (!a) throw unprocessable('appointmentId', 'Rendez-vous inconnu dans ce cabinet.', 'Unknown appointment in this practice.');
    target = { patientId: a.patient_id, practitionerId: a.practitioner_id, date: DateTime.fromJSDate(new Date(a.starts_at)).setZone(zone).toISODate()! };
    motif = { name: a.motif ?? '', teleconsultation: a.teleconsultation };
  }
  if (!target.patientId || !target.practitionerId || !target.date)
    throw unprocessable('appointmentId', 'Indiquez le rendez-vous, ou le patient, le praticien et la date de la consultation.', 'Give the appointment, or the patient, practitioner and date.');
  const scope = await invoiceScope(tx, ctx);
  if (scope && !scope.includes(target.practitionerId)) throw new AppError('not_found');
  const [patient, practitioner, profile] = await Promise.all([
    tx.selectFrom('patients').select(['id', 'birth_name', 'used_name', 'first_name', 'birth_date', 'amo', 'amc', 'gp']).where('practice_id', '=', ctx.practiceId).where('id', '=', target.patientId).executeTakeFirst(),
    tx.selectFrom('practitioners').select(['id', 'display_name']).where('practice_id', '=', ctx.practiceId).where('id', '=', target.practitionerId).executeTakeFirst(),
    readProfile(tx, ctx.practiceId, target.practitionerId),
  ]);
  if (!patient) throw unprocessable('patientId', 'Patient inconnu dans ce cabinet.', 'Unknown patient in this practice.');
  if (!practitioner) throw unprocessable('practitionerId', 'Praticien inconnu dans ce cabinet.', 'Unknown practitioner in this practice.');
  const date = target.date;
  const coverage = resolveCoverage(patient.amo as FileAmo | null, patient.amc as FileAmc | null, date, input.coverage);
  const care = { aldRelated: input.care?.aldRelated ?? false, atmp: input.care?.atmp ?? false };
  const gp = patient.gp as { practitionerId?: string | null } | null;
  const age = date >= patient.birth_date ? ageOn(patient.birth_date, date) : 0;

  const billed = await tx
    .selectFrom('billing_invoices')
    .select('id')
    .where('practice_id', '=', ctx.practiceId)
    .$if(!!input.appointmentId, (q) => q.where('appointment_id', '=', input.appointmentId!))
    .$if(!input.appointmentId, (q) => q.where(sql<boolean>`false`))
    .executeTakeFirst();
  const owed = await tx
    .selectFrom('billing_invoices')
    .select(sql<number>`coalesce(sum(due_at_desk_cents - paid_cents), 0)::int`.as('owed'))
    .where('practice_id', '=', ctx.practiceId)
    .where('patient_id', '=', patient.id)
    .$if(!!billed, (q) => q.where('id', '!=', billed!.id))
    .$if(!!scope, (q) => (scope!.length ? q.where('practitioner_id', 'in', scope!) : q.where(sql<boolean>`false`)))
    .executeTakeFirstOrThrow();

  const head = {
    appointmentId: input.appointmentId ?? null,
    date,
    motif: motif?.name || null,
    patient: { id: patient.id, name: patientName(patient), birthDate: patient.birth_date, age },
    practitioner: { id: practitioner.id, name: practitioner.display_name },
    profile: profile ? { sector: profile.sector, specialty: profile.specialty, practisesDepassements: profile.practisesDepassements } : null,
    coverage: { ...coverage.patient, mutuelle: coverage.mutuelle.present },
    care,
    alreadyBilledInvoiceId: billed?.id ?? null,
    previousBalanceCents: owed.owed,
  };
  if (!profile) {
    const error = ctx.language === 'en' ? 'This practitioner’s billing profile is missing.' : 'Le profil de facturation de ce praticien n’est pas renseigné (secteur, spécialité, RPPS).';
    return { ...head, acts: [], parcours: 'medecin_traitant' as Parcours, tiersPayant: 'none' as TiersPayant, suggestions: [] as Suggestion[], warnings: [] as string[], amounts: null, error };
  }
  const proposal = proposeDraft(
    { specialty: profile.specialty, practisesDepassements: profile.practisesDepassements, motif, age, coverage: coverage.patient, care, gp: !gp ? 'none' : gp.practitionerId === practitioner.id ? 'this_practitioner' : 'other' },
    { ...(input.acts ? { acts: input.acts } : {}), ...(input.parcours ? { parcours: input.parcours } : {}), ...(input.tiersPayant ? { tiersPayant: input.tiersPayant } : {}) },
  );
  const fees = new Map((input.acts ?? []).filter((a) => a.feeCents !== undefined).map((a) => [a.code, a.feeCents!]));
  const acts = proposal.acts.map((a) => {
    const row = tariffOn(a.code, date);
    return { code: a.code, label: row?.label ?? null, tariffCents: row?.cents ?? null, feeCents: fees.get(a.code) ?? row?.cents ?? null };
  });
  const chosen = { parcours: proposal.parcours, tiersPayant: proposal.tiersPayant, suggestions: proposal.suggestions, acts };
  if (!acts.length) return { ...head, ...chosen, warnings: [] as string[], amounts: null, error: null };
  try {
    const prepared = await prepareInvoice(tx, ctx, {
      ...target,
      ...(input.appointmentId ? { appointmentId: input.appointmentId } : {}),
      acts: acts.map((a) => (fees.has(a.code) ? { code: a.code, feeCents: fees.get(a.code)! } : { code: a.code })),
      parcours: proposal.parcours,
      tiersPayant: proposal.tiersPayant,
      care,
      ...(input.coverage ? { coverage: input.coverage } : {}),
    });
    const { q } = prepared;
    const info = writtenInformation(q.totalCents);
    return {
      ...head,
      ...chosen,
      suggestions: info ? [...proposal.suggestions, info] : proposal.suggestions,
      warnings: prepared.warnings,
      amounts: { totalCents: q.totalCents, amoCents: q.amoCents, amcCents: q.amcCents, patientCents: q.patientCents, participationForfaitaireCents: q.participationForfaitaireCents, dueAtDeskCents: q.dueAtDeskCents },
      error: null,
    };
  } catch (e) {
    if (e instanceof AppError && e.code === 'unprocessable') return { ...head, ...chosen, warnings: [] as string[], amounts: null, error: e.overrideMessage?.[ctx.language] ?? e.overrideMessage?.fr ?? 'Facturation impossible.' };
    throw e;
  }
}
