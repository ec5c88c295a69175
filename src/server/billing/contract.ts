/**
 * The shapes of `pivot billing quote` (shared/billing-contract.md): one case in, one quote or one error out.
 * Pure zod, no server import, so that routes and the web app can reuse it. Messages are in French because
 * they are shown to the desk as they are.
 */
import { z } from 'zod';
import { patientRef } from '../platform/contract.js';

export const SPECIALTIES = [
  'general_practice',
  'paediatrics',
  'cardiology',
  'dermatology',
  'gynaecology',
  'psychiatry',
  'ophthalmology',
  'dentistry',
  'other',
] as const;
export const SECTORS = ['1', '2', '2_optam'] as const;
export const PARCOURS = ['medecin_traitant', 'referred', 'direct_access', 'exception', 'outside', 'no_medecin_traitant_declared'] as const;
export const TIERS_PAYANT = ['none', 'amo', 'amo_amc'] as const;

export type Specialty = (typeof SPECIALTIES)[number];
export type Sector = (typeof SECTORS)[number];
export type Parcours = (typeof PARCOURS)[number];
export type TiersPayant = (typeof TIERS_PAYANT)[number];

/** A real calendar day written YYYY-MM-DD (2025-02-30 is refused, unlike a bare pattern). */
export const isoDay = z.string({ error: 'date attendue au format AAAA-MM-JJ' }).refine(isRealDay, { error: 'date invalide (format AAAA-MM-JJ attendu)' });

export function isRealDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const bool = (what: string) => z.boolean({ error: `${what} : booléen (true/false) attendu` });

export const actSchema = z.object({
  code: z.string({ error: 'code d’acte attendu (texte)' }).min(1, { error: 'code d’acte vide' }),
  feeCents: z
    .number({ error: 'feeCents : entier en centimes attendu' })
    .int({ error: 'feeCents : entier en centimes attendu' })
    .nonnegative({ error: 'feeCents : montant négatif' })
    .optional(),
});

/**
 * When `present` is false the other fields may be missing, and `coveragePercentOfBR` is ignored when the
 * ticket modérateur is not covered: the engine checks those rules, which depend on other fields.
 */
export const mutuelleSchema = z.object(
  {
    present: bool('mutuelle.present'),
    responsible: z.unknown().optional(),
    coversTicketModerateur: z.unknown().optional(),
    coveragePercentOfBR: z.unknown().optional(),
  },
  { error: 'mutuelle : objet {present, responsible, coversTicketModerateur, coveragePercentOfBR} attendu' },
);

export const quoteCaseSchema = z.object({
  id: z.string({ error: 'id : texte attendu' }),
  date: isoDay,
  practitioner: z.object(
    {
      specialty: z.enum(SPECIALTIES, { error: `spécialité inconnue (valeurs admises : ${SPECIALTIES.join(', ')})` }),
      sector: z.enum(SECTORS, { error: 'secteur inconnu (valeurs admises : "1", "2", "2_optam")' }),
    },
    { error: 'practitioner : objet {specialty, sector} attendu' },
  ),
  patient: z.object(
    {
      birthDate: isoDay,
      ald: bool('patient.ald'),
      css: bool('patient.css'),
      ame: bool('patient.ame'),
      maternity: bool('patient.maternity'),
    },
    { error: 'patient : objet {birthDate, ald, css, ame, maternity} attendu' },
  ),
  care: z.object({ aldRelated: bool('care.aldRelated'), atmp: bool('care.atmp') }, { error: 'care : objet {aldRelated, atmp} attendu' }),
  parcours: z.enum(PARCOURS, { error: `parcours inconnu (valeurs admises : ${PARCOURS.join(', ')})` }),
  // Checked by the engine against mutuelleSchema, unless the patient has the CSS (then the object is ignored).
  mutuelle: z.unknown().optional(),
  acts: z.array(actSchema, { error: 'acts : liste d’actes attendue' }).min(1, { error: 'acts : au moins un acte est attendu' }),
  tiersPayant: z.enum(TIERS_PAYANT, { error: 'tiersPayant inconnu (valeurs admises : none, amo, amo_amc)' }),
});

export type QuoteCase = z.infer<typeof quoteCaseSchema>;
export type Act = z.infer<typeof actSchema>;
export type MutuelleInput = z.infer<typeof mutuelleSchema>;

export const quoteSchema = z.object({
  id: z.string(),
  totalCents: z.number().int(),
  amoCents: z.number().int(),
  amcCents: z.number().int(),
  patientCents: z.number().int(),
  participationForfaitaireCents: z.number().int(),
  dueAtDeskCents: z.number().int(),
});
export type Quote = z.infer<typeof quoteSchema>;

export const quoteErrorSchema = z.object({ id: z.string().nullable(), error: z.string() });
export type QuoteError = z.infer<typeof quoteErrorSchema>;

/** One French sentence for the first problem zod found, naming the field (`input` tells a missing field apart). */
export function describeIssues(error: z.ZodError, input: unknown, prefix?: string): string {
  const issue = error.issues[0];
  if (!issue) return 'cas invalide';
  const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.');
  let value: unknown = input;
  for (const key of issue.path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  if (issue.code === 'invalid_type' && value === undefined) return `champ obligatoire manquant : ${path || 'cas'}`;
  return path ? `champ « ${path} » invalide : ${issue.message}` : issue.message;
}

/** An invoice as the desk sees it (GET /api/billing/invoices/:id). */
export const invoiceViewSchema = z.object({
  id: z.uuid(),
  practitioner: z.object({ id: z.uuid(), name: z.string() }),
  patient: patientRef,
  appointmentId: z.uuid().nullable(),
  careDate: z.string(),
  sector: z.string(),
  specialty: z.string(),
  parcours: z.string(),
  tiersPayant: z.string(),
  // The quote's six amounts as the engine gave them, then what has been paid and what remains.
  amounts: quoteSchema.omit({ id: true }).extend({ paidCents: z.number().int(), remainingCents: z.number().int() }),
  lines: z.array(z.object({ code: z.string(), label: z.string(), tariffCents: z.number().int(), feeCents: z.number().int() })),
  warnings: z.array(z.string()),
  payments: z.array(
    z.object({
      id: z.uuid(),
      method: z.enum(['cash', 'card', 'cheque', 'transfer']),
      amountCents: z.number().int(),
      cheque: z.object({ bank: z.string(), number: z.string(), drawer: z.string() }).nullable(),
      card: z.object({ terminal: z.string(), transactionId: z.string(), authorisation: z.string().nullable() }).nullable(),
      transferReference: z.string().nullable(),
      receivedAt: z.string(),
    }),
  ),
  receipts: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['receipt', 'credit_note']),
      number: z.string(),
      creditsReceiptId: z.uuid().nullable(),
      reason: z.string().nullable(),
      paidCents: z.number().int(),
      issuedAt: z.string(),
      cancelled: z.boolean(),
    }),
  ),
  createdAt: z.string(),
});
export type InvoiceView = z.infer<typeof invoiceViewSchema>;

const flag = z.boolean().optional();
/** The consultation to bill (POST /api/billing/invoices): from the appointment, or patient + practitioner + date. */
export const newInvoiceSchema = z.object({
  appointmentId: z.uuid().optional(),
  patientId: z.uuid().optional(),
  practitionerId: z.uuid().optional(),
  date: isoDay.optional(),
  acts: z.array(z.object({ code: z.string().trim().min(1).max(13), feeCents: z.number().int().nonnegative().max(10_000_000).optional() })).min(1).max(10),
  parcours: z.enum(PARCOURS),
  tiersPayant: z.enum(TIERS_PAYANT),
  care: z.object({ aldRelated: flag, atmp: flag }).optional(),
  coverage: z
    .object({
      ald: flag,
      css: flag,
      ame: flag,
      maternity: flag,
      mutuelle: z
        .object({ present: z.boolean(), responsible: flag, coversTicketModerateur: flag, coveragePercentOfBR: z.number().int().min(100).max(1000).optional() })
        .optional(),
    })
    .optional(),
});
export type NewInvoiceRequest = z.infer<typeof newInvoiceSchema>;
/** The desk's draft (POST /api/billing/drafts): the same, with acts, parcours and tiers payant proposed when absent. */
export const draftRequestSchema = newInvoiceSchema.extend({
  acts: newInvoiceSchema.shape.acts.optional(),
  parcours: newInvoiceSchema.shape.parcours.optional(),
  tiersPayant: newInvoiceSchema.shape.tiersPayant.optional(),
});
export type DraftRequest = z.infer<typeof draftRequestSchema>;

/** One payment at the desk (POST /api/billing/invoices/:id/payments). */
export const paymentSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('cash'), amountCents: z.number().int().positive().max(10_000_000) }),
  z.object({ method: z.literal('card'), amountCents: z.number().int().positive().max(10_000_000) }),
  z.object({
    method: z.literal('cheque'),
    amountCents: z.number().int().positive().max(10_000_000),
    cheque: z.object({ bank: z.string().trim().min(1).max(100), number: z.string().trim().regex(/^[0-9A-Za-z]{1,20}$/), drawer: z.string().trim().min(1).max(120) }),
  }),
  z.object({ method: z.literal('transfer'), amountCents: z.number().int().positive().max(10_000_000), reference: z.string().trim().min(1).max(140).nullable().optional() }),
]);
export type PaymentRequest = z.infer<typeof paymentSchema>;

const money = z.number().int();
const amountsSchema = quoteSchema.omit({ id: true });
/** The « Encaisser » screen before validation (POST /api/billing/drafts). */
export const draftSchema = z.object({
  appointmentId: z.uuid().nullable(),
  date: z.string(),
  motif: z.string().nullable(),
  patient: z.object({ id: z.uuid(), name: z.string(), birthDate: z.string(), age: z.number().int() }),
  practitioner: z.object({ id: z.uuid(), name: z.string() }),
  profile: z.object({ sector: z.enum(SECTORS), specialty: z.enum(SPECIALTIES), practisesDepassements: z.boolean() }).nullable(),
  coverage: z.object({ ald: z.boolean(), css: z.boolean(), ame: z.boolean(), maternity: z.boolean(), mutuelle: z.boolean() }),
  care: z.object({ aldRelated: z.boolean(), atmp: z.boolean() }),
  alreadyBilledInvoiceId: z.uuid().nullable(),
  previousBalanceCents: money,
  acts: z.array(z.object({ code: z.string(), label: z.string().nullable(), tariffCents: money.nullable(), feeCents: money.nullable() })),
  parcours: z.enum(PARCOURS),
  tiersPayant: z.enum(TIERS_PAYANT),
  suggestions: z.array(z.object({ kind: z.string(), fr: z.string(), en: z.string() })),
  warnings: z.array(z.string()),
  amounts: amountsSchema.nullable(),
  error: z.string().nullable(),
});
export type Draft = z.infer<typeof draftSchema>;

const deskInvoiceSchema = z.object({
  id: z.uuid(),
  totalCents: money,
  dueAtDeskCents: money,
  paidCents: money,
  remainingCents: money,
  receipt: z.object({ id: z.uuid(), number: z.string() }).nullable(),
});
/** The desk's billing day (GET /api/billing/desk): consultations to bill per practitioner, with what is unpaid. */
export const deskDaySchema = z.object({
  date: z.string(),
  timeZone: z.string(),
  practitioners: z.array(
    z.object({ id: z.uuid(), name: z.string(), hasProfile: z.boolean(), billedCents: money, collectedCents: money, remainingCents: money, toBill: z.number().int() }),
  ),
  consultations: z.array(
    z.object({
      key: z.string(),
      appointmentId: z.uuid().nullable(),
      visitId: z.uuid().nullable(),
      practitionerId: z.uuid(),
      patient: patientRef,
      at: z.string().nullable(),
      motif: z.string().nullable(),
      state: z.string(),
      invoice: deskInvoiceSchema.nullable(),
    }),
  ),
});
export type DeskDay = z.infer<typeof deskDaySchema>;
export type DeskConsultation = DeskDay['consultations'][number];

/** A practitioner's billing profile (0120_billing_profiles.sql), null until an administrator or the practitioner fills it. */
export const billingProfileSchema = z.object({
  sector: z.enum(SECTORS),
  specialty: z.enum(SPECIALTIES),
  rpps: z.string(),
  amNumber: z.string(),
  siren: z.string().nullable(),
  practisesDepassements: z.boolean(),
  updatedAt: z.string(),
});
export type BillingProfile = z.infer<typeof billingProfileSchema>;
export const profileViewSchema = z.object({
  practitioner: z.object({ id: z.uuid(), name: z.string() }),
  profile: billingProfileSchema.nullable(),
});
export type ProfileView = z.infer<typeof profileViewSchema>;

/** One invoice in a list (a patient's balance, a practitioner's books). */
export const invoiceSummarySchema = z.object({
  id: z.uuid(),
  careDate: z.string(),
  practitionerId: z.uuid(),
  patientId: z.uuid(),
  totalCents: z.number().int(),
  dueAtDeskCents: z.number().int(),
  paidCents: z.number().int(),
  remainingCents: z.number().int(),
});
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>;
