/** The phone log's API shapes: zod schemas and their types, shared by the routes, the service and the web (type-only). */
import { z } from 'zod';
import { personRef as person, patientRef } from '../platform/contract.js';

export const CALL_DIRECTIONS = ['in', 'out'] as const;
export const CALL_REASONS = [
  'appointment', 'prescription', 'results', 'medical_question', 'administrative', 'practical_info', 'health_professional', 'other',
] as const;
export const CALL_OUTCOMES = ['booked', 'message', 'advised_15', 'info_given', 'callback', 'other'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export type CallReason = (typeof CALL_REASONS)[number];
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const callSchema = z.object({
  id: z.uuid(),
  direction: z.enum(CALL_DIRECTIONS),
  occurredAt: z.string(),
  callerName: z.string().nullable(),
  callerPhone: z.string().nullable(),
  patient: patientRef.nullable(),
  reason: z.enum(CALL_REASONS),
  outcome: z.enum(CALL_OUTCOMES),
  note: z.string().nullable(),
  messageTo: person.nullable(),
  messageReadAt: z.string().nullable(),
  callback: z
    .object({ dueAt: z.string(), assignee: person.nullable(), doneAt: z.string().nullable(), doneBy: person.nullable(), overdue: z.boolean() })
    .nullable(),
  takenBy: person,
  createdAt: z.string(),
});

export type Person = z.infer<typeof person>;
export type CallView = z.infer<typeof callSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export const newCallInput = z.object({
  direction: z.enum(CALL_DIRECTIONS),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  callerName: optionalText(200),
  callerPhone: z
    .string()
    .trim()
    .max(30)
    .regex(/^(\+?[0-9][0-9 .()-]{1,28}[0-9])?$/, 'Numéro de téléphone invalide')
    .nullable()
    .optional(),
  patientId: z.uuid().nullable().optional(),
  reason: z.enum(CALL_REASONS),
  outcome: z.enum(CALL_OUTCOMES),
  note: optionalText(4000),
  messageToId: z.uuid().nullable().optional(),
  callbackDueAt: z.iso.datetime({ offset: true }).nullable().optional(),
  callbackAssigneeId: z.uuid().nullable().optional(),
});
/** What the service receives; the web sends the same shape. */
export type NewCall = z.output<typeof newCallInput>;
export type NewCallRequest = z.input<typeof newCallInput>;
