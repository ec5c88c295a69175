import { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { URGENCIES } from '../../triage/index.js';
import { practiceBySlug, type ReceiveResult } from '../service.js';

/** Schemas and helpers shared by the assistant's route files. */

export const slug = z.string().trim().toLowerCase().min(1).max(100).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
export const reason = z.object({ code: z.string(), label: z.string(), evidence: z.string() });
export const person = z.object({ id: z.uuid(), name: z.string() });
export const publicReply = z.object({
  text: z.string(),
  lang: z.enum(['fr', 'en']),
  emergency: z.boolean(),
  numbers: z.array(z.string()),
  asked: z.array(z.string()),
  /** Booking dialog: the answers offered (web chat buttons; the label is sent back as the message). */
  choices: z.array(z.string()),
});
export const requestSummary = z.object({
  id: z.uuid(),
  category: z.string(),
  urgency: z.enum(URGENCIES),
  status: z.enum(['new', 'in_progress', 'done']),
  summary: z.string(),
  reasons: z.array(reason),
  channel: z.enum(['web_chat', 'sms', 'email', 'phone']),
  conversationId: z.uuid(),
  patient: z.object({ id: z.uuid(), name: z.string(), birthDate: z.string() }).nullable(),
  matchStatus: z.enum(['matched', 'to_match']),
  matchMethod: z.string().nullable(),
  candidateCount: z.number().int(),
  assignee: person.nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
  pendingAlert: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  handledAt: z.string().nullable(),
  handledBy: person.nullable(),
});
export const alert = z.object({
  id: z.uuid(),
  level: z.literal('vital'),
  requestId: z.uuid(),
  conversationId: z.uuid(),
  channel: z.enum(['web_chat', 'sms', 'email', 'phone']),
  contact: z.string().nullable(),
  summary: z.string(),
  reasons: z.array(reason),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: person.nullable(),
  requestStatus: z.string(),
  patient: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export const task = z.object({
  id: z.uuid(),
  kind: z.enum(['task', 'practitioner_message']),
  assignee: person,
  text: z.string(),
  dueAt: z.string().nullable(),
  requestId: z.uuid().nullable(),
  patientId: z.uuid().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  createdBy: z.uuid(),
  createdAt: z.string(),
});
export const sheetText = z.string().trim().max(2000).nullable();
export const sheet = z.object({
  openingHours: sheetText,
  address: sheetText,
  access: sheetText,
  parking: sheetText,
  transport: sheetText,
  fees: z.array(z.object({ practitioner: z.string().trim().min(1).max(120), fees: z.string().trim().min(1).max(500) })).max(40),
  paymentsAccepted: sheetText,
  tiersPayant: sheetText,
  whatToBring: sheetText,
  onCall: sheetText,
});
export const id = z.object({ id: z.uuid() });
export const everyone = { roles: ['admin', 'practitioner', 'secretary'] as const };
export const admins = { roles: ['admin'] as const };
export const boolString = z.enum(['true', 'false']).transform((v) => v === 'true');

export function toPublicReply(r: ReceiveResult) {
  return { text: r.reply.text, lang: r.reply.lang, emergency: r.reply.emergency, numbers: r.reply.numbers, asked: r.reply.asked, choices: r.reply.choices ?? [] };
}


export async function practiceOr404(db: Db, s: string) {
  const p = await practiceBySlug(db, s);
  if (!p) throw new AppError('not_found');
  return p;
}
