/**
 * The reception desk's answers: zod schemas and their types, shared by the routes and the web (type-only). Some fields
 * are declared loosely (`state`, `sex`: strings; the checklist's contact, AMO, AMC, GP: unknown) and stay so, since the
 * answers and the OpenAPI document must not change; `ROW_STATES` and `ITEM_KEYS` name the values they carry.
 */
import { z } from 'zod';
import { amoSchema } from '../patients/contract.js';

export const ITEM_KEYS = ['vitale', 'amo_rights', 'mutuelle', 'id_document', 'motif_documents', 'gp', 'contact'] as const;
export type ItemKey = (typeof ITEM_KEYS)[number];
export const itemKey = z.enum(ITEM_KEYS);
export const VISIT_STATUSES = ['waiting', 'called', 'in_consultation', 'done', 'left'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
/** A desk row's state: before arrival (expected, late, no-show) or the visit's status. */
export const ROW_STATES = ['expected', 'late', 'no_show_suggested', 'no_show', ...VISIT_STATUSES] as const;
export type RowState = (typeof ROW_STATES)[number];
export const BOARD_DISPLAYS = ['ticket', 'initials'] as const;
export type BoardDisplay = (typeof BOARD_DISPLAYS)[number];

export const settingsOut = z.object({
  lateGraceMinutes: z.number(), noShowGraceMinutes: z.number(), boardDisplay: z.enum(BOARD_DISPLAYS), boardShowAverageWait: z.boolean(),
  boardLinkActive: z.boolean(), boardLinkCreatedAt: z.string().nullable(),
});
export const visitOut = z.object({
  id: z.uuid(), appointmentId: z.uuid().nullable(), patientId: z.uuid(), practitionerId: z.uuid().nullable(), kind: z.enum(['appointment', 'walk_in']),
  urgent: z.boolean(), urgentReason: z.string().nullable(), ticketNumber: z.number(), serviceDate: z.string(),
  status: z.enum(VISIT_STATUSES), arrivedAt: z.string(), calledAt: z.string().nullable(), calledTo: z.string().nullable(),
  startedAt: z.string().nullable(), endedAt: z.string().nullable(), leftAt: z.string().nullable(),
});
export const deskPatient = z.object({
  id: z.uuid(), name: z.string(), birthName: z.string(), usedName: z.string().nullable(), firstName: z.string(), birthDate: z.string(), sex: z.string(), identityStatus: z.string(),
  accessibilityNeeds: z.array(z.string()), accessibilityNotes: z.string().nullable(), interpreterLanguage: z.string().nullable(), preferredLanguage: z.string(),
});
export const rowOut = z.object({
  key: z.string(), visitId: z.uuid().nullable(), appointmentId: z.uuid().nullable(), appointmentStatus: z.string().nullable(), kind: z.enum(['appointment', 'walk_in']),
  patient: deskPatient, practitionerId: z.uuid().nullable(), practitionerName: z.string().nullable(), motifName: z.string().nullable(),
  scheduledStart: z.string().nullable(), scheduledEnd: z.string().nullable(), state: z.string(), urgent: z.boolean(), urgentReason: z.string().nullable(),
  ticketNumber: z.number().nullable(), arrivedAt: z.string().nullable(), calledAt: z.string().nullable(), calledTo: z.string().nullable(),
  startedAt: z.string().nullable(), endedAt: z.string().nullable(), leftAt: z.string().nullable(), waitingMinutes: z.number().nullable(),
  missing: z.array(itemKey), queueRank: z.number().nullable(),
});
export const delayOut = z.object({ minutes: z.number(), source: z.enum(['declared', 'computed', 'none']) });
export const dayOut = z.object({
  date: z.string(), timeZone: z.string(), now: z.string(), settings: settingsOut,
  practitioners: z.array(z.object({ id: z.uuid(), name: z.string(), accountId: z.uuid().nullable(), delay: delayOut, waiting: z.number(), inConsultation: z.boolean() })),
  rows: z.array(rowOut),
});
export const checklistOut = z.object({
  visitId: z.uuid().nullable(), appointmentId: z.uuid().nullable(), motifName: z.string().nullable(),
  patient: deskPatient.extend({
    contact: z.object({ phones: z.unknown(), email: z.string().nullable(), address: z.unknown(), smsConsent: z.boolean(), emailConsent: z.boolean(), preferredLanguage: z.string() }),
    amo: z.unknown(), amc: z.unknown(), gp: z.unknown(), nir: z.string().nullable(),
  }),
  items: z.array(z.object({ key: itemKey, state: z.enum(['ok', 'todo', 'warning', 'done']), reason: z.string(), params: z.record(z.string(), z.string()), ticked: z.object({ at: z.string(), by: z.string().nullable() }).nullable() })),
  missing: z.array(itemKey),
});
export const boardOut = z.object({
  practiceName: z.string(), display: z.enum(BOARD_DISPLAYS), averageWaitMinutes: z.number().nullable(),
  waiting: z.array(z.object({ label: z.string() })),
  calls: z.array(z.object({ id: z.uuid(), label: z.string(), to: z.string(), at: z.string(), count: z.number() })),
  now: z.string(),
});
export const beneficiaryOut = z.object({
  rank: z.number(), quality: z.enum(['assure', 'ayant_droit']), nir: z.string().nullable(), birthName: z.string(), usedName: z.string().nullable(),
  firstName: z.string(), birthDate: z.string(), amo: amoSchema, gpName: z.string().nullable(),
  birthPlace: z.object({ code: z.string(), name: z.string() }).nullable(),
});
export const vitaleReadOut = z.object({
  simulated: z.boolean(), ok: z.boolean(),
  error: z.object({ code: z.string(), fr: z.string(), en: z.string() }).nullable(),
  card: z.object({ support: z.enum(['card', 'apcv']), serial: z.string(), holderNir: z.string(), readAt: z.string(), simulated: z.boolean(), beneficiaries: z.array(beneficiaryOut) }).nullable(),
  matchedRank: z.number().nullable(),
  proposal: z.object({
    amo: amoSchema.nullable(), amoChanges: z.array(z.string()), nir: z.string().nullable(), rightsExpired: z.boolean(),
    birthPlace: z.object({ code: z.string(), name: z.string() }).nullable(),
    traitDifferences: z.array(z.object({ field: z.enum(['birthName', 'firstName', 'birthDate', 'birthPlace']), file: z.string(), card: z.string() })),
  }).nullable(),
  patientId: z.uuid().optional(),
});

export type ReceptionSettings = z.infer<typeof settingsOut>;
export type VisitView = z.infer<typeof visitOut>;
export type DeskPatientView = z.infer<typeof deskPatient>;
export type DeskRowView = z.infer<typeof rowOut>;
export type Delay = z.infer<typeof delayOut>;
export type DayViewOut = z.infer<typeof dayOut>;
export type PractitionerDay = DayViewOut['practitioners'][number];
export type ChecklistOut = z.infer<typeof checklistOut>;
export type ChecklistItem = ChecklistOut['items'][number];
export type Board = z.infer<typeof boardOut>;
export type VitaleBeneficiaryOut = z.infer<typeof beneficiaryOut>;
export type VitaleRead = z.infer<typeof vitaleReadOut>;
