/**
 * The shapes of `pivot billing quote` (shared/billing-contract.md): one case in, one quote or one error out.
 * Pure zod, no server import, so that routes and the web app can reuse it. Messages are in French because
 * they are shown to the desk as they are.
 */
import { z } from 'zod';

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
