import { z } from 'zod';
import { isRpps } from '../rpps.js';
import { STATUSES } from '../status.js';

/** The agenda's REST schemas (zod) and who may call what, shared by routes/configuration.ts and routes/appointments.ts. */
export const CONFIG = { roles: ['admin'] } as const;
export const STAFF = { roles: ['admin', 'practitioner', 'secretary'] } as const;
export const DESK = { roles: ['secretary', 'practitioner'] } as const;
export const tags = ['agenda'];

export const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/);
export const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const isoDate = z.iso.date();
export const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
export const sector = z.enum(['1', '2', 'optam', 'non_conventionne']);
export const status = z.enum(STATUSES as [string, ...string[]]) as unknown as z.ZodEnum<{ [K in (typeof STATUSES)[number]]: K }>;

export const practitionerDto = z.object({
  id: z.uuid(),
  accountId: z.uuid().nullable(),
  displayName: z.string(),
  rpps: z.string().nullable(),
  specialty: z.string(),
  sector,
  colour: z.string(),
  active: z.boolean(),
});
export const motifDto = z.object({
  id: z.uuid(),
  practitionerId: z.uuid().nullable(),
  name: z.string(),
  durationMinutes: z.number(),
  bufferMinutes: z.number(),
  colour: z.string(),
  newPatientsAllowed: z.boolean(),
  onlineBookable: z.boolean(),
  teleconsultation: z.boolean(),
  preparationInstructions: z.string().nullable(),
  documentsToBring: z.string().nullable(),
  requiredResourceId: z.uuid().nullable(),
  capacity: z.number(),
  active: z.boolean(),
});
export const appointmentDto = z.object({
  id: z.uuid(),
  practitionerId: z.uuid(),
  practitionerName: z.string(),
  patientId: z.uuid(),
  patientName: z.string(),
  /** The parts of the name, for the web app to write it in the reader's language (platform/identity-display.ts). */
  patientIdentity: z.object({ birthName: z.string(), usedName: z.string().nullable(), firstName: z.string() }),
  patientBirthDate: z.string(),
  patientPhone: z.string().nullable().optional(),
  motifId: z.uuid().nullable(),
  motifName: z.string().nullable(),
  colour: z.string().nullable(),
  resourceId: z.uuid().nullable(),
  seriesId: z.uuid().nullable(),
  start: z.string(),
  end: z.string(),
  busyUntil: z.string(),
  seat: z.number().nullable(),
  status,
  channel: z.string(),
  teleconsultation: z.boolean(),
  note: z.string().nullable(),
  overrideReason: z.string().nullable(),
  cancellationReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  statusChangedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export const historyDto = z.array(
  z.object({
    at: z.string(),
    kind: z.string(),
    by: z.string().nullable(),
    accountId: z.string().nullable(),
    channel: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    fromStart: z.string().nullable(),
    toStart: z.string().nullable(),
    reason: z.string().nullable(),
  }),
);
export const weeklyRange = z.object({
  weekday: z.number().int().min(1).max(7),
  start: time,
  end: time,
  validFrom: isoDate.optional(),
  validUntil: isoDate.nullable().optional(),
  weekParity: z.enum(['all', 'even', 'odd']).default('all'),
});
export const urgentRange = z.object({ weekday: z.number().int().min(1).max(7), start: time, end: time });
export const exceptionDto = z.object({ id: z.uuid(), kind: z.enum(['opening', 'absence']), reason: z.string().nullable(), start: z.string(), end: z.string() });

export const rpps = z.string().trim().refine(isRpps, 'Numéro RPPS invalide (11 chiffres, clé de Luhn).');
export const practitionerBody = z.object({
  displayName: z.string().trim().min(1).max(200),
  accountId: z.uuid().nullable().optional(),
  rpps: rpps.nullable().optional(),
  specialty: z.string().trim().min(1).max(200).optional(),
  sector: sector.optional(),
  colour: colour.optional(),
});
export const motifBody = z.object({
  practitionerId: z.uuid().nullable().optional(),
  name: z.string().trim().min(1).max(100),
  durationMinutes: z.number().int().min(5).max(480),
  bufferMinutes: z.number().int().min(0).max(120).optional(),
  colour: colour.optional(),
  newPatientsAllowed: z.boolean().optional(),
  onlineBookable: z.boolean().optional(),
  teleconsultation: z.boolean().optional(),
  preparationInstructions: z.string().max(2000).nullable().optional(),
  documentsToBring: z.string().max(2000).nullable().optional(),
  requiredResourceId: z.uuid().nullable().optional(),
  capacity: z.number().int().min(1).max(50).optional(),
});

export const uuidList = z
  .union([z.uuid(), z.array(z.uuid())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .optional();

