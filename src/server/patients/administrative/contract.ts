import { z } from 'zod';

/**
 * The administrative file, section by section. Each section is stored as one JSONB column checked
 * by these schemas (and by `jsonb_typeof` constraints); legal representatives are rows of their own.
 */
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

const PHONE = /^\+?[0-9 .()-]{6,20}$/;
const PHONE_MESSAGE = 'Numéro de téléphone invalide : chiffres, espaces, points ou tirets, 6 à 20 caractères.';

export const phoneSchema = z.object({
  number: z.string().trim().regex(PHONE, { message: PHONE_MESSAGE }),
  kind: z.enum(['mobile', 'home', 'work', 'other']).default('mobile'),
  label: text(60).optional(),
});

/**
 * The single phone of a quick form (creation, walk-in), checked by the route's schema like `phoneSchema.number`:
 * a wrong number is a 400 naming the field, not an error thrown later in the handler. Empty means none.
 */
export const optionalPhone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || PHONE.test(v), { message: PHONE_MESSAGE })
  .optional();

export const addressSchema = z.object({
  lines: z.array(text(120)).min(1).max(3),
  postalCode: z.string().trim().regex(/^[0-9A-Z -]{3,10}$/i),
  city: text(100),
  country: text(60).default('France'),
});

export const contactSchema = z.object({
  phones: z.array(phoneSchema).max(6).default([]),
  email: z.email().max(254).nullable().default(null),
  address: addressSchema.nullable().default(null),
  smsConsent: z.boolean().default(false),
  emailConsent: z.boolean().default(false),
  /** BCP 47 primary language: fr, en, ar, es, pt, … */
  preferredLanguage: z.string().regex(/^[a-z]{2,3}$/).default('fr'),
});

export const accessibilitySchema = z.object({
  hearing: z.boolean().default(false),
  sight: z.boolean().default(false),
  mobility: z.boolean().default(false),
  cognitive: z.boolean().default(false),
  interpreter: z.boolean().default(false),
  interpreterLanguage: z.string().regex(/^[a-z]{2,3}$/).nullable().default(null),
  notes: z.string().trim().max(500).nullable().default(null),
});

export const gpSchema = z.object({
  /**
   * In the practice: `practitionerId` = a row of the agenda's `practitioners` table of this practice (a
   * practitioner need not have a staff account: a replacement or part-time doctor often has none); the
   * server then copies its name, RPPS and linked `accountId`. Outside: name (and RPPS, city, phone).
   * `accountId` alone (former shape) is still accepted and checked as a member of the practice.
   */
  inPractice: z.boolean(),
  practitionerId: z.uuid().nullable().optional(),
  accountId: z.uuid().nullable().default(null),
  name: text(120),
  rpps: z.string().regex(/^[0-9]{11}$/).nullable().default(null),
  city: text(100).nullable().default(null),
  phone: z.string().trim().max(30).nullable().default(null),
  declaredOn: isoDate.nullable().default(null),
});

export const emergencyContactSchema = z.object({
  name: text(120),
  relationship: text(60),
  phone: z.string().trim().regex(/^\+?[0-9 .()-]{6,20}$/),
});

export const exemptionSchema = z.object({
  kind: z.enum(['css', 'ame', 'maternite', 'at_mp', 'invalidite', 'other']),
  label: text(120).nullable().default(null),
  from: isoDate.nullable().default(null),
  until: isoDate.nullable().default(null),
});

export const amoSchema = z.object({
  regime: z.enum(['general', 'agricole', 'alsace_moselle', 'independants', 'fonctionnaires', 'etudiants', 'militaires', 'other']),
  /** Caisse code (e.g. 751 for CPAM de Paris) and/or name. */
  caisse: text(120),
  /** NIR of the insured person when the patient is a dependant (ayant droit). */
  insuredNir: z.string().regex(/^[0-9AB]{15}$/).nullable().default(null),
  rightsFrom: isoDate.nullable().default(null),
  rightsUntil: isoDate.nullable().default(null),
  ald: z.array(z.object({ label: text(200), until: isoDate.nullable().default(null) })).max(10).default([]),
  exemptions: z.array(exemptionSchema).max(10).default([]),
});

export const amcSchema = z.object({
  organisme: text(120),
  /** Numéro AMC (organisme) as on the mutuelle card. */
  organismeNumber: z.string().trim().max(20).nullable().default(null),
  memberNumber: z.string().trim().max(40).nullable().default(null),
  validFrom: isoDate.nullable().default(null),
  validUntil: isoDate.nullable().default(null),
  tiersPayant: z.boolean().default(false),
});

export const legalRepresentativeSchema = z.object({
  relationship: z.enum(['mother', 'father', 'parent', 'guardian', 'curator', 'other']),
  name: text(120),
  phone: z.string().trim().max(30).nullable().default(null),
  email: z.email().max(254).nullable().default(null),
  /** When the representative is also a patient of the practice. */
  patientId: z.uuid().nullable().default(null),
  /** Court decision for a guardian/curator (tutelle, curatelle). */
  note: z.string().trim().max(300).nullable().default(null),
});

export type Contact = z.output<typeof contactSchema>;
export type Accessibility = z.output<typeof accessibilitySchema>;
export type Gp = z.output<typeof gpSchema>;
export type EmergencyContact = z.output<typeof emergencyContactSchema>;
export type Amo = z.output<typeof amoSchema>;
export type Amc = z.output<typeof amcSchema>;
export type LegalRepresentative = z.output<typeof legalRepresentativeSchema>;
