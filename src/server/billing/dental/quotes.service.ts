import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { clock } from '../../platform/clock.js';
import { identityName, identityParts } from '../../platform/identity-display.js';
import { invoiceScope, unprocessable } from '../access.js';
import { readProfile } from '../profiles.service.js';
import type { DentalQuoteSummary, DentalQuoteView, NewDentalQuote, QuoteStatus, SignRequest } from './contract.js';
import { resolveCoverage, type FileAmc, type FileAmo } from '../rules/coverage.js';
import { acceptedLines, dentalReminders, priceDentalQuote, totals, TRANSITIONS } from './rules.js';

/**
 * Dental quotes (0170_dental_quotes.sql): written by the desk (secretaries, admins) for any dentist of the practice
 * and by a dentist for themselves; only for a practitioner whose billing profile is dentistry. Every read and write
 * is audited with the patient. A signed quote is unchangeable: the service answers 409 first, the trigger is the
 * guarantee.
 */
const conflict = (fr: string, en: string) => new AppError('conflict', [{ field: null, message: fr }], { fr, en });
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
// The one identity rule (birth name in capitals, used name, first name), as on every other screen and printable.
const fullName = (p: { first_name: string; used_name: string | null; birth_name: string }) => identityName(identityParts(p));

export async function practiceToday(tx: Tx, practiceId: string): Promise<{ today: string; zone: string }> {
  const zone = (await tx.selectFrom('practices').select('timezone').where('id', '=', practiceId).executeTakeFirstOrThrow()).timezone;
  return { today: DateTime.fromJSDate(clock.now()).setZone(zone).toISODate()!, zone };
}

/** The dentists the account may write quotes for (the desk: every one of the practice; a dentist: themself). */
export async function dentists(tx: Tx, ctx: RequestContext): Promise<{ id: string; name: string }[]> {
  let q = tx.selectFrom('practitioners as p').innerJoin('billing_profiles as b', (j) => j.onRef('b.practitioner_id', '=', 'p.id').onRef('b.practice_id', '=', 'p.practice_id'))
    .select(['p.id', 'p.display_name as name']).where('p.practice_id', '=', ctx.practiceId).where('b.specialty', '=', 'dentistry');
  const scope = await invoiceScope(tx, ctx);
  if (scope) q = scope.length ? q.where('p.id', 'in', scope) : q.where(sql<boolean>`false`);
  return q.orderBy('p.display_name').execute();
}

/** The dentist the quote is written for: in this practice, within the account's billing scope, with a dentistry profile. */
async function assertDentist(tx: Tx, ctx: RequestContext, practitionerId: string) {
  const p = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', practitionerId).executeTakeFirst();
  if (!p) throw unprocessable('practitionerId', 'Praticien inconnu dans ce cabinet.', 'Unknown practitioner in this practice.');
  const scope = await invoiceScope(tx, ctx);
  if (scope && !scope.includes(practitionerId)) throw unprocessable('practitionerId', 'Un praticien n’établit de devis qu’en son nom propre.', 'A practitioner writes quotes only in their own name.');
  const profile = await readProfile(tx, ctx.practiceId, practitionerId);
  if (profile?.specialty !== 'dentistry')
    throw unprocessable('practitionerId', 'Les devis dentaires sont réservés aux chirurgiens-dentistes (profil de facturation « chirurgie dentaire »).', 'Dental quotes are for dentists only (billing profile « dentistry »).');
  return profile;
}

async function checkedContent(tx: Tx, ctx: RequestContext, input: NewDentalQuote) {
  await assertDentist(tx, ctx, input.practitionerId);
  const patient = await tx.selectFrom('patients').select(['id', 'merged_into_id', 'amo', 'amc']).where('practice_id', '=', ctx.practiceId).where('id', '=', input.patientId).executeTakeFirst();
  if (!patient) throw unprocessable('patientId', 'Patient inconnu dans ce cabinet.', 'Unknown patient in this practice.');
  if (patient.merged_into_id) throw unprocessable('patientId', 'Ce dossier a été fusionné dans un autre : utilisez le dossier conservé.', 'This record was merged: use the kept record.');
  if (input.validUntil < input.date) throw unprocessable('validUntil', 'La date de validité précède la date du devis.', 'The validity date is before the quote date.');
  // The CSS caps the fees (rules.ts): read from the administrative file on the quote's date, like the desk does.
  const { css } = resolveCoverage(patient.amo as FileAmo | null, patient.amc as FileAmc | null, input.date).patient;
  const priced = priceDentalQuote(input.date, input.acts, { css });
  if (!priced.ok) throw unprocessable(priced.refusal.field, priced.refusal.fr, priced.refusal.en);
  return priced;
}

async function writeActs(tx: Tx, ctx: RequestContext, quoteId: string, lines: Extract<ReturnType<typeof priceDentalQuote>, { ok: true }>['lines']) {
  await tx
    .insertInto('dental_quote_acts')
    .values(lines.map((l) => ({
      practice_id: ctx.practiceId, quote_id: quoteId, position: l.position, role: l.role, alternative_for: l.alternativeFor, code: l.code, label: l.label,
      tooth: l.tooth, basket: l.basket, material: l.material, manufacture_place: l.manufacturePlace, fee_cents: l.feeCents, base_cents: l.baseCents,
      amo_cents: l.amoCents, patient_cents: l.patientCents, ceiling_cents: l.ceilingCents,
    })))
    .execute();
}

export async function createQuote(tx: Tx, ctx: RequestContext, input: NewDentalQuote): Promise<string> {
  const priced = await checkedContent(tx, ctx, input);
  const row = await tx
    .insertInto('dental_quotes')
    .values({
      practice_id: ctx.practiceId, practitioner_id: input.practitionerId, patient_id: input.patientId, quote_date: input.date, valid_until: input.validUntil,
      treatment: input.treatment, amo_percent: priced.amoPercent, created_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeActs(tx, ctx, row.id, priced.lines);
  ctx.audit({ action: 'billing.dental_quote.created', resourceType: 'dental_quote', resourceId: row.id, details: { patientId: input.patientId, practitionerId: input.practitionerId, feeCents: priced.proposed.feeCents } });
  return row.id;
}

/** The quote row if the account may see it (desk: any of the practice; a practitioner: their own), else 404. */
async function visibleQuote(tx: Tx, ctx: RequestContext, id: string, lock = false) {
  let q = tx.selectFrom('dental_quotes').selectAll().where('practice_id', '=', ctx.practiceId).where('id', '=', id);
  const scope = await invoiceScope(tx, ctx);
  if (scope) q = scope.length ? q.where('practitioner_id', 'in', scope) : q.where(sql<boolean>`false`);
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

const SIGNED_FR = 'Ce devis est signé : il ne peut plus être modifié (établissez un nouveau devis).';
const SIGNED_EN = 'This quote is signed: it can no longer be changed (write a new quote).';

/** Replaces a draft's content; a presented, signed, refused or expired quote answers 409. */
export async function updateDraft(tx: Tx, ctx: RequestContext, id: string, input: NewDentalQuote): Promise<void> {
  const q = await visibleQuote(tx, ctx, id, true);
  if (q.status === 'signed') throw conflict(SIGNED_FR, SIGNED_EN);
  if (q.status !== 'draft') throw conflict('Seul un devis en brouillon se modifie.', 'Only a draft quote can be changed.');
  const priced = await checkedContent(tx, ctx, input);
  await tx.deleteFrom('dental_quote_acts').where('quote_id', '=', id).execute();
  await tx
    .updateTable('dental_quotes')
    .set({ practitioner_id: input.practitionerId, patient_id: input.patientId, quote_date: input.date, valid_until: input.validUntil, treatment: input.treatment, amo_percent: priced.amoPercent })
    .where('id', '=', id)
    .execute();
  await writeActs(tx, ctx, id, priced.lines);
  ctx.audit({ action: 'billing.dental_quote.updated', resourceType: 'dental_quote', resourceId: id, details: { patientId: input.patientId, feeCents: priced.proposed.feeCents } });
}

const STATUS_FR: Record<QuoteStatus, string> = { draft: 'en brouillon', presented: 'présenté', signed: 'signé', refused: 'refusé', expired: 'expiré' };

export async function moveQuote(tx: Tx, ctx: RequestContext, id: string, to: 'presented' | 'refused' | 'expired'): Promise<void> {
  const q = await visibleQuote(tx, ctx, id, true);
  if (q.status === 'signed') throw conflict(SIGNED_FR, SIGNED_EN);
  if (!TRANSITIONS[q.status]?.includes(to)) throw conflict(`Ce devis est ${STATUS_FR[q.status]} : il ne peut pas passer à « ${STATUS_FR[to]} ».`, `This quote is ${q.status}: it cannot become ${to}.`);
  const now = clock.now();
  await tx.updateTable('dental_quotes').set(to === 'presented' ? { status: to, presented_at: now } : { status: to, closed_at: now }).where('id', '=', id).execute();
  ctx.audit({ action: `billing.dental_quote.${to}`, resourceType: 'dental_quote', resourceId: id, details: { patientId: q.patient_id } });
}

const MAGIC: Record<SignRequest['mime'], (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

/** The patient signs a presented quote, on screen (PNG) or on paper (scan), for the proposed treatment or the alternative. */
export async function signQuote(tx: Tx, ctx: RequestContext, id: string, body: SignRequest): Promise<string> {
  const q = await visibleQuote(tx, ctx, id, true);
  if (q.status === 'signed') throw conflict('Ce devis est déjà signé.', 'This quote is already signed.');
  if (q.status !== 'presented') throw conflict(`Ce devis est ${STATUS_FR[q.status]} : seul un devis présenté au patient se signe.`, `This quote is ${q.status}: only a presented quote can be signed.`);
  const { today } = await practiceToday(tx, ctx.practiceId);
  if (String(q.valid_until) < today) throw conflict('La date de validité du devis est dépassée : établissez un nouveau devis.', 'The quote is past its validity date: write a new quote.');
  if (body.kind === 'screen' && body.mime !== 'image/png') throw unprocessable('mime', 'La signature à l’écran est une image PNG.', 'An on-screen signature is a PNG image.');
  const file = Buffer.from(body.fileBase64, 'base64');
  if (!MAGIC[body.mime](file)) throw unprocessable('fileBase64', 'Le fichier ne correspond pas à son type (PNG, JPEG ou PDF attendu).', 'The file does not match its type (PNG, JPEG or PDF expected).');
  if (body.option === 'alternative') {
    const alt = await tx.selectFrom('dental_quote_acts').select('position').where('quote_id', '=', id).where('role', '=', 'alternative').executeTakeFirst();
    if (!alt) throw unprocessable('option', 'Ce devis ne comporte pas d’alternative.', 'This quote has no alternative.');
  }
  const sha256 = createHash('sha256').update(file).digest('hex');
  await tx
    .updateTable('dental_quotes')
    .set({ status: 'signed', signature_kind: body.kind, signed_option: body.option, signature_mime: body.mime, signature: file, signature_sha256: sha256, signed_at: clock.now() })
    .where('id', '=', id)
    .execute();
  ctx.audit({ action: 'billing.dental_quote.signed', resourceType: 'dental_quote', resourceId: id, details: { patientId: q.patient_id, kind: body.kind, option: body.option, sha256 } });
  return sha256;
}

export async function quoteRows(tx: Tx, ctx: RequestContext, id: string) {
  const q = await visibleQuote(tx, ctx, id);
  const [acts, patient, practitioner, invoices] = await Promise.all([
    tx.selectFrom('dental_quote_acts').selectAll().where('quote_id', '=', id).orderBy('position').execute(),
    tx.selectFrom('patients').select(['id', 'first_name', 'used_name', 'birth_name', 'birth_date', 'sex', 'address']).where('id', '=', q.patient_id).executeTakeFirstOrThrow(),
    tx.selectFrom('practitioners').select(['id', 'display_name']).where('id', '=', q.practitioner_id).executeTakeFirstOrThrow(),
    tx.selectFrom('billing_invoices').select(['id', 'dental_quote_position', 'care_date']).where('practice_id', '=', ctx.practiceId).where('dental_quote_id', '=', id).execute(),
  ]);
  return { q, acts, patient, practitioner, invoices };
}

export async function quoteView(tx: Tx, ctx: RequestContext, id: string): Promise<DentalQuoteView> {
  const { q, acts, patient, practitioner, invoices } = await quoteRows(tx, ctx, id);
  const lines = acts.map((a) => ({
    position: a.position, role: a.role, alternativeFor: a.alternative_for, code: a.code, label: a.label, tooth: a.tooth, basket: a.basket, material: a.material,
    manufacturePlace: a.manufacture_place, feeCents: a.fee_cents, baseCents: a.base_cents, amoCents: a.amo_cents, patientCents: a.patient_cents, ceilingCents: a.ceiling_cents,
  }));
  const hasAlternative = lines.some((l) => l.role === 'alternative');
  const billable = q.status === 'signed' && q.signed_option
    ? acceptedLines(lines, q.signed_option).map((l) => {
        const inv = invoices.find((i) => i.dental_quote_position === l.position);
        return { position: l.position, invoiceId: inv?.id ?? null, doneOn: inv ? String(inv.care_date) : null };
      })
    : [];
  return {
    id: q.id, status: q.status, date: String(q.quote_date), validUntil: String(q.valid_until), treatment: q.treatment,
    patient: { id: patient.id, name: fullName(patient), birthDate: String(patient.birth_date) },
    practitioner: { id: practitioner.id, name: practitioner.display_name },
    amoPercent: q.amo_percent, lines, reminders: dentalReminders(String(q.quote_date), String(patient.birth_date), lines),
    proposed: totals(acceptedLines(lines, 'proposed')),
    alternative: hasAlternative ? totals(acceptedLines(lines, 'alternative')) : null,
    signature: q.status === 'signed' ? { kind: q.signature_kind!, option: q.signed_option!, sha256: q.signature_sha256!, mime: q.signature_mime!, signedAt: iso(q.signed_at)! } : null,
    presentedAt: iso(q.presented_at), billable, createdAt: iso(q.created_at)!,
  };
}

export async function listQuotes(tx: Tx, ctx: RequestContext, filter: { patientId?: string | undefined; practitionerId?: string | undefined }): Promise<DentalQuoteSummary[]> {
  let q = tx
    .selectFrom('dental_quotes as q')
    .innerJoin('patients as p', 'p.id', 'q.patient_id')
    .innerJoin('practitioners as d', 'd.id', 'q.practitioner_id')
    .select(['q.id', 'q.status', 'q.quote_date', 'q.valid_until', 'q.signed_option', 'p.id as patient_id', 'p.first_name', 'p.used_name', 'p.birth_name', 'd.id as practitioner_id', 'd.display_name'])
    .select((eb) => [
      eb.selectFrom('billing_invoices as i').select(eb.fn.countAll<string>().as('n')).whereRef('i.dental_quote_id', '=', 'q.id').as('billed'),
    ])
    .where('q.practice_id', '=', ctx.practiceId);
  if (filter.patientId) q = q.where('q.patient_id', '=', filter.patientId);
  if (filter.practitionerId) q = q.where('q.practitioner_id', '=', filter.practitionerId);
  const scope = await invoiceScope(tx, ctx);
  if (scope) q = scope.length ? q.where('q.practitioner_id', 'in', scope) : q.where(sql<boolean>`false`);
  const rows = await q.orderBy('q.quote_date', 'desc').orderBy('q.created_at', 'desc').limit(200).execute();
  const acts = rows.length
    ? await tx.selectFrom('dental_quote_acts').select(['quote_id', 'position', 'role', 'alternative_for', 'fee_cents', 'base_cents', 'amo_cents', 'patient_cents']).where('quote_id', 'in', rows.map((r) => r.id)).execute()
    : [];
  return rows.map((r) => {
    const mine = acts.filter((a) => a.quote_id === r.id).map((a) => ({ ...a, alternativeFor: a.alternative_for, feeCents: a.fee_cents, baseCents: a.base_cents, amoCents: a.amo_cents, patientCents: a.patient_cents }));
    const t = totals(acceptedLines(mine, r.signed_option ?? 'proposed'));
    return {
      id: r.id, status: r.status, date: String(r.quote_date), validUntil: String(r.valid_until),
      patient: { id: r.patient_id, name: fullName(r) }, practitioner: { id: r.practitioner_id, name: r.display_name },
      feeCents: t.feeCents, patientCents: t.patientCents, acts: mine.length, billed: Number(r.billed ?? 0),
    };
  });
}
