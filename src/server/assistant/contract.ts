import { z } from 'zod';
import { personRef, patientRef } from '../platform/contract.js';
import { URGENCIES } from '../triage/contract.js';

/**
 * The intake assistant's API shapes: zod schemas used by its routes (routes/*.ts) and their types, read by the web
 * with `import type` (src/web/api/types.ts).
 */
export const CHANNELS = ['web_chat', 'sms', 'email', 'phone'] as const;
export const reason = z.object({ code: z.string(), label: z.string(), evidence: z.string() });
export const person = personRef;
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
  channel: z.enum(CHANNELS),
  conversationId: z.uuid(),
  patient: patientRef.nullable(),
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
  channel: z.enum(CHANNELS),
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

/** The menu badge's counters. */
export const badgeCounts = z.object({ open: z.number(), new: z.number(), vital: z.number(), sameDay: z.number(), pendingAlerts: z.number() });
/** The practice's public links (chat, booking) and the widget snippet. */
export const practiceLinks = z.object({ name: z.string(), slug: z.string(), chatPath: z.string(), bookingPath: z.string(), widgetSnippet: z.string() });

/** The counters above the inbox list. */
export const inboxCounts = z.object({ open: z.number(), vital: z.number(), sameDay: z.number(), toMatch: z.number(), overdue: z.number() });

export const requestDetail = z.object({
  request: requestSummary.extend({
    details: z.record(z.string(), z.unknown()),
    candidates: z.array(z.object({ id: z.uuid(), name: z.string(), birthDate: z.string(), via: z.string() })),
    outcome: z.record(z.string(), z.unknown()).nullable(),
  }),
  conversation: z.object({
    id: z.uuid(),
    channel: z.enum(CHANNELS),
    address: z.string().nullable(),
    language: z.enum(['fr', 'en']),
    patientId: z.uuid().nullable(),
    startedAt: z.string(),
    lastActivityAt: z.string(),
    messages: z.array(
      z.object({
        id: z.uuid(),
        direction: z.enum(['in', 'out']),
        text: z.string(),
        at: z.string(),
        triage: z.object({ intent: z.string(), urgency: z.string(), lang: z.string(), reasons: z.array(reason) }).nullable(),
      }),
    ),
  }),
  alerts: z.array(alert),
  tasks: z.array(task),
});

export const chatIntro = z.object({
  practice: z.object({ name: z.string(), slug: z.string() }),
  greeting: z.object({ fr: z.string(), en: z.string() }),
  emergencyNotice: z.object({ fr: z.string(), en: z.string() }),
});

export const chatHistory = z.object({
  language: z.enum(['fr', 'en']),
  messages: z.array(z.object({ direction: z.enum(['in', 'out']), text: z.string(), at: z.string(), emergency: z.boolean() })),
});

export type TriageReason = z.infer<typeof reason>;
export type PersonRef = z.infer<typeof person>;
export type ChatReply = z.infer<typeof publicReply>;
export type RequestSummary = z.infer<typeof requestSummary>;
export type VitalAlert = z.infer<typeof alert>;
export type AssistantTask = z.infer<typeof task>;
export type PracticeSheet = z.infer<typeof sheet>;
export type InboxCounts = z.infer<typeof inboxCounts>;
export type BadgeCounts = z.infer<typeof badgeCounts>;
export type PracticeLinks = z.infer<typeof practiceLinks>;
export type RequestDetail = z.infer<typeof requestDetail>;
export type ConversationMessage = RequestDetail['conversation']['messages'][number];
export type MatchCandidate = RequestDetail['request']['candidates'][number];
export type ChatIntro = z.infer<typeof chatIntro>;
export type ChatHistory = z.infer<typeof chatHistory>;
export type Channel = (typeof CHANNELS)[number];
