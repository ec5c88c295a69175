import { z } from 'zod';
import {
  accessibilitySchema,
  amcSchema,
  amoSchema,
  contactSchema,
  emergencyContactSchema,
  gpSchema,
  legalRepresentativeSchema,
} from './administrative/contract.js';

/** The AMO section's shape, for the contracts of other capabilities (reception's carte Vitale answers). */
export { amoSchema, optionalPhone } from './administrative/contract.js';

/**
 * The patients API's shapes: zod schemas used by the routes (request and response) and their types, read by the web
 * with `import type` (src/web/api/types.ts). Imports nothing server-side but the administrative sections' contract.
 */
export const identityStatus = z.enum(['provisoire', 'recuperee', 'validee', 'qualifiee']);
export const sex = z.enum(['F', 'M', 'U']);
export const summary = z.object({
  id: z.uuid(),
  birthName: z.string(),
  usedName: z.string().nullable(),
  firstName: z.string(),
  usedFirstName: z.string().nullable(),
  givenNames: z.string(),
  birthDate: z.string(),
  birthDatePrecision: z.enum(['day', 'month', 'year']),
  sex,
  birthPlaceCode: z.string().nullable(),
  identityStatus,
  attributes: z.object({ doubtful: z.boolean(), fictitious: z.boolean(), homonym: z.boolean() }),
  /** Commune or country of birth, from the code (homonyms: « né à Lyon 3e » vs « né au Maroc »). */
  birthPlaceLabel: z.string().nullable(),
  accessibilityNeeds: z.array(z.enum(['hearing', 'sight', 'mobility', 'cognitive', 'interpreter'])),
  phone: z.string().nullable(),
  /** BCP 47 primary language (fr, en, ar…). */
  preferredLanguage: z.string(),
  mergedIntoId: z.uuid().nullable(),
});
const nullable = <T extends z.ZodType>(s: T) => s.nullable();
export const detail = summary.extend({
  email: z.string().nullable(),
  nir: z.string().nullable(),
  ins: z.object({ matricule: z.string(), oid: z.string(), retrievedAt: z.string(), simulated: z.boolean(), shareable: z.boolean() }).nullable(),
  idDocument: z.object({ type: z.string(), number: z.string(), expiresOn: z.string().nullable(), checkedBy: z.uuid(), checkedByName: z.string().nullable(), checkedAt: z.string() }).nullable(),
  doubtfulReason: z.string().nullable(),
  contact: contactSchema,
  accessibility: nullable(accessibilitySchema),
  /** `practitionerId` set: a practitioner of the practice, name and RPPS as the agenda has them now (GET /:id). */
  gp: nullable(gpSchema.extend({ practitionerId: z.uuid().nullable() })),
  emergencyContact: nullable(emergencyContactSchema),
  legalRepresentatives: z.array(legalRepresentativeSchema),
  amo: nullable(amoSchema),
  amc: nullable(amcSchema),
  rightsAlerts: z.array(z.object({ section: z.string(), label: z.string(), until: z.string(), state: z.enum(['expired', 'expiring']) })),
  isMinor: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const duplicate = z.object({
  id: z.uuid(),
  birthName: z.string(),
  usedName: z.string().nullable(),
  firstName: z.string(),
  birthDate: z.string(),
  sex,
  identityStatus,
  /** Legacy codes (same_nir, same_birth_date_similar_name, swapped_day_month_similar_name) then the scorer's codes. */
  reasons: z.array(z.string()),
  /** Scorer level: certain and probable block the creation unless confirmNotDuplicate; possible is informative. */
  level: z.enum(['certain', 'probable', 'possible']),
  score: z.number(),
  /** The scorer's reasons, in French, with their weight. */
  explanation: z.array(z.object({ code: z.string(), label: z.string(), weight: z.number() })),
});
export const statusChange = z.object({ from: identityStatus, to: identityStatus }).nullable();
export const nameField = z.string().trim().min(1).max(100);
/** `1958-03-12`, `12/03/1958`, or incomplete `1958-03`, `03/1958`, `1958`. */
export const birthDateField = z.string().trim().min(4).max(10);
/** The identity a desk types to create a patient (also the agenda's « new patient » booking). */
export const identityFields = {
  birthName: nameField,
  usedName: nameField.nullable().optional(),
  /** First birth given name (kept for compatibility); `givenNames` carries them all. */
  firstName: nameField.optional(),
  givenNames: z.string().trim().min(1).max(300).optional(),
  usedFirstName: nameField.nullable().optional(),
  birthDate: birthDateField,
  sex,
  birthPlaceCode: z.string().trim().max(5).nullable().optional(),
  nir: z.string().trim().max(25).nullable().optional(),
};

export const insiResult = z.object({
  simulated: z.boolean(),
  outcome: z.object({
    code: z.enum(['00', '01', '02']),
    label: z.string(),
    identity: z
      .object({
        matricule: z.string(),
        oid: z.string(),
        traits: z.object({ birthName: z.string(), givenNames: z.string(), firstName: z.string(), birthDate: z.string(), birthDatePrecision: z.string(), sex, birthPlaceCode: z.string().nullable() }),
      })
      .nullable(),
    differences: z.array(z.object({ trait: z.string(), pivot: z.string().nullable(), other: z.string().nullable() })),
    applied: z.enum(['ins_stored', 'traits_adopted_and_ins_stored', 'none']),
  }),
  patient: detail,
});

export type IdentityStatus = z.infer<typeof identityStatus>;
export type Sex = z.infer<typeof sex>;
export type PatientSummary = z.infer<typeof summary>;
export type Patient = z.infer<typeof detail>;
export type DuplicateCandidate = z.infer<typeof duplicate>;
export type StatusChange = NonNullable<z.infer<typeof statusChange>>;
export type IdentityInput = z.input<z.ZodObject<typeof identityFields>>;
export type InsiResult = z.infer<typeof insiResult>;
