/** Zod schemas and enums of the correspondence capability, shared by the routes and the web app's types. */
import { z } from 'zod';
import { personRef as person, patientRef } from '../platform/contract.js';

export const CORRESPONDENT_KINDS = ['practitioner', 'lab', 'hospital', 'caisse', 'mutuelle', 'other'] as const;
export type CorrespondentKind = (typeof CORRESPONDENT_KINDS)[number];

export const ITEM_TYPES = ['result', 'hospital_report', 'letter', 'referral', 'administrative', 'other'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const IN_STATUSES = ['to_match', 'to_read', 'read', 'filed'] as const;
export const OUT_STATUSES = ['draft', 'sent', 'posted'] as const;
export const ITEM_STATUSES = [...IN_STATUSES, ...OUT_STATUSES] as const;
export type InStatus = (typeof IN_STATUSES)[number];
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** How an item came in or went out. */
export const CHANNELS = ['post', 'email', 'mssante', 'lab'] as const;
export type Channel = (typeof CHANNELS)[number];
export const SEND_CHANNELS = ['email', 'mssante', 'post'] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];

const trimmed = (max: number) => z.string().trim().max(max);
const optText = (max: number) => trimmed(max).transform((s) => s || null).nullable().optional();

export const addressSchema = z.object({
  label: optText(60),
  line1: trimmed(120).min(1),
  line2: optText(120),
  postalCode: trimmed(10).regex(/^\d{5}$/, { error: 'Code postal : 5 chiffres' }),
  city: trimmed(80).min(1),
});
export type Address = z.output<typeof addressSchema>;

export const correspondentInput = z.object({
  kind: z.enum(CORRESPONDENT_KINDS),
  title: optText(20),
  name: trimmed(200).min(1),
  firstName: optText(100),
  rpps: optText(11),
  specialty: optText(120),
  addresses: z.array(addressSchema).max(5).default([]),
  phone: optText(30),
  email: z.email().max(200).nullable().optional(),
  mssante: z.email().max(200).nullable().optional(),
});
export type CorrespondentInput = z.input<typeof correspondentInput>;

export const correspondentView = z.object({
  id: z.uuid(),
  kind: z.enum(CORRESPONDENT_KINDS),
  title: z.string().nullable(),
  name: z.string(),
  firstName: z.string().nullable(),
  displayName: z.string(),
  rpps: z.string().nullable(),
  specialty: z.string().nullable(),
  addresses: z.array(z.object({ label: z.string().nullable(), line1: z.string(), line2: z.string().nullable(), postalCode: z.string(), city: z.string() })),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  mssante: z.string().nullable(),
  duplicateOf: z.array(z.uuid()),
});
export type CorrespondentView = z.output<typeof correspondentView>;

export const itemView = z.object({
  id: z.uuid(),
  direction: z.enum(['in', 'out']),
  channel: z.enum(CHANNELS),
  simulated: z.boolean(),
  type: z.enum(ITEM_TYPES),
  status: z.enum(ITEM_STATUSES),
  subject: z.string(),
  sender: z.object({ correspondent: person.nullable(), label: z.string().nullable() }),
  recipient: z.object({ correspondent: person.nullable(), address: z.string().nullable() }),
  patient: patientRef.nullable(),
  proposedPatients: z.array(z.object({ id: z.uuid(), name: z.string(), birthDate: z.string(), evidence: z.string() })),
  reader: person.nullable(),
  abnormal: z.boolean(),
  receivedAt: z.string(),
  readAt: z.string().nullable(),
  filedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  files: z.array(z.object({ id: z.uuid(), kind: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number() })),
  documentIds: z.array(z.uuid()),
  text: z.string().nullable(),
  /** What the OCR read on the first page of a scan (or an e-mail's first attachment): what a proposal rests on. */
  readText: z.string().nullable(),
  allowed: z.array(z.string()),
});
export type ItemView = z.output<typeof itemView>;
