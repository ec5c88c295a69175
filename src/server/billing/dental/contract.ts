/**
 * Shapes of the dental quotes (devis) shared by the routes and the web app: pure zod, no server import.
 */
import { z } from 'zod';
import { patientRef } from '../../platform/contract.js';
import { isoDay, TIERS_PAYANT } from '../contract.js';

export const QUOTE_STATUSES = ['draft', 'presented', 'signed', 'refused', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const MANUFACTURE_PLACES = ['france', 'eu', 'outside_eu'] as const;
export type ManufacturePlace = (typeof MANUFACTURE_PLACES)[number];
export const ROLES = ['proposed', 'alternative'] as const;
export type ActRole = (typeof ROLES)[number];

/** One act as the dentist enters it; `alternativeFor` is the 1-based position of the proposed act it replaces. */
export const dentalActInputSchema = z.object({
  code: z.string().trim().regex(/^([A-Z]{4}[0-9]{3}|TO[0-9]{1,3})$/, { error: 'code CCAM (4 lettres et 3 chiffres) ou NGAP d’orthodontie (TO et coefficient) attendu' }),
  /** FDI tooth; null (or absent) only for a global treatment such as orthodontics (rules.ts). */
  tooth: z.number().int({ error: 'numéro de dent entier attendu (notation FDI, 11 à 48)' }).nullable().optional(),
  feeCents: z.number().int().nonnegative().max(10_000_000),
  manufacturePlace: z.enum(MANUFACTURE_PLACES, { error: 'lieu de fabrication : france, eu ou outside_eu' }),
  role: z.enum(ROLES),
  alternativeFor: z.number().int().min(1).max(40).nullable().optional(),
});
export type DentalActInput = z.infer<typeof dentalActInputSchema>;

export const newDentalQuoteSchema = z.object({
  patientId: z.uuid(),
  practitionerId: z.uuid(),
  date: isoDay,
  validUntil: isoDay,
  treatment: z.string().trim().min(1, { error: 'plan de traitement vide' }).max(2000),
  acts: z.array(dentalActInputSchema).min(1).max(40),
});
export type NewDentalQuote = z.infer<typeof newDentalQuoteSchema>;

export const signSchema = z.object({
  kind: z.enum(['screen', 'paper']),
  /** The choice the patient signs: the proposed treatment or the alternative(s). */
  option: z.enum(['proposed', 'alternative']),
  /** Base64 of the signature PNG (screen) or of the scanned signed quote (PNG, JPEG or PDF). */
  fileBase64: z.string().min(16).max(14_000_000),
  mime: z.enum(['image/png', 'image/jpeg', 'application/pdf']),
});
export type SignRequest = z.infer<typeof signSchema>;

export const billActSchema = z.object({ doneOn: isoDay, tiersPayant: z.enum(TIERS_PAYANT).exclude(['amo_amc']) });

const money = z.number().int();
export const dentalLineSchema = z.object({
  position: z.number().int(),
  role: z.enum(ROLES),
  alternativeFor: z.number().int().nullable(),
  code: z.string(),
  label: z.string(),
  tooth: z.number().int().nullable(),
  basket: z.enum(['rac0', 'maitrise', 'libre']),
  material: z.string(),
  manufacturePlace: z.enum(MANUFACTURE_PLACES),
  feeCents: money,
  baseCents: money,
  amoCents: money,
  patientCents: money,
  ceilingCents: money.nullable(),
});
export type DentalLine = z.infer<typeof dentalLineSchema>;
export const totalsSchema = z.object({ feeCents: money, baseCents: money, amoCents: money, patientCents: money });
export type Totals = z.infer<typeof totalsSchema>;

export const dentalQuoteViewSchema = z.object({
  id: z.uuid(),
  status: z.enum(QUOTE_STATUSES),
  date: z.string(),
  validUntil: z.string(),
  treatment: z.string(),
  patient: patientRef,
  practitioner: z.object({ id: z.uuid(), name: z.string() }),
  amoPercent: z.number().int(),
  lines: z.array(dentalLineSchema),
  /** What the secretary must not forget (orthodontics started before 16), computed by rules.ts. */
  reminders: z.array(z.object({ fr: z.string(), en: z.string() })),
  proposed: totalsSchema,
  alternative: totalsSchema.nullable(),
  signature: z.object({ kind: z.enum(['screen', 'paper']), option: z.enum(['proposed', 'alternative']), sha256: z.string(), mime: z.string(), signedAt: z.string() }).nullable(),
  presentedAt: z.string().nullable(),
  /** Acts of the signed choice, with the invoice once billed. */
  billable: z.array(z.object({ position: z.number().int(), invoiceId: z.uuid().nullable(), doneOn: z.string().nullable() })),
  createdAt: z.string(),
});
export type DentalQuoteView = z.infer<typeof dentalQuoteViewSchema>;

export const dentalQuoteSummarySchema = z.object({
  id: z.uuid(),
  status: z.enum(QUOTE_STATUSES),
  date: z.string(),
  validUntil: z.string(),
  patient: z.object({ id: z.uuid(), name: z.string() }),
  practitioner: z.object({ id: z.uuid(), name: z.string() }),
  feeCents: money,
  patientCents: money,
  acts: z.number().int(),
  billed: z.number().int(),
});
export type DentalQuoteSummary = z.infer<typeof dentalQuoteSummarySchema>;
