/** Zod schemas and enums of the reports capability, shared by the routes and the web app's types. */
import { z } from 'zod';
import { personRef as person, patientRef } from '../platform/contract.js';
import { sentence as draftSentence, MAX_TRANSCRIPT } from '../consultation-drafts/contract.js';

// ---------- the report's body as the web editor (tiptap / ProseMirror) saves it (rendered by richtext.ts) ----------

export const MARKS = ['bold', 'italic', 'underline'] as const;
export type Mark = (typeof MARKS)[number];
/**
 * `cite`: a sentence that came from a consultation draft (sources.ts), with the id of the draft sentence whose
 * transcript passage it cites, and `unsourced` when it has none. A review aid only: never printed or sent.
 */
export const CITE = 'cite';

export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: RichNode[];
}
export interface RichDoc extends RichNode {
  type: 'doc';
}

const MAX_DEPTH = 8;
const markSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(MARKS) }).strip(),
  z.object({ type: z.literal(CITE), attrs: z.object({ ref: z.string().min(1).max(40), unsourced: z.boolean().default(false) }).strip() }).strip(),
]);
const fieldName = z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/).max(60);

// Nodes a report may hold (tiptap's StarterKit names); anything else is refused with a 400.
const nodeSchema: z.ZodType<RichNode> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: z.string().min(1).max(20000), marks: z.array(markSchema).max(4).optional() }).strip(),
    z.object({ type: z.literal('hardBreak') }).strip(),
    z.object({ type: z.literal('mergeField'), attrs: z.object({ field: fieldName }).strip() }).strip(),
    z.object({ type: z.literal('paragraph'), content: z.array(nodeSchema).max(2000).optional() }).strip(),
    z.object({ type: z.literal('heading'), attrs: z.object({ level: z.number().int().min(1).max(3) }).strip(), content: z.array(nodeSchema).max(500).optional() }).strip(),
    z.object({ type: z.literal('bulletList'), content: z.array(nodeSchema).max(500) }).strip(),
    z.object({ type: z.literal('orderedList'), attrs: z.object({ start: z.number().int().min(0).max(10000) }).partial().strip().optional(), content: z.array(nodeSchema).max(500) }).strip(),
    z.object({ type: z.literal('listItem'), content: z.array(nodeSchema).max(100) }).strip(),
  ]),
);

export const richDocSchema = z
  .object({ type: z.literal('doc'), content: z.array(nodeSchema).max(2000) })
  .strip()
  .refine((d) => depth(d) <= MAX_DEPTH, { error: 'Document trop imbriqué.' }) as unknown as z.ZodType<RichDoc>;

function depth(n: RichNode): number {
  return 1 + Math.max(0, ...(n.content ?? []).map(depth));
}

// ---------- the API's shapes ----------

export const REPORT_KINDS = ['consultation_report', 'referral_letter', 'ultrasound_report', 'operative_report', 'dental_plan_letter'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_STATUSES = ['draft', 'to_validate', 'validated'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const RECIPIENT_CHANNELS = ['email', 'mssante', 'post'] as const;
export type RecipientChannel = (typeof RECIPIENT_CHANNELS)[number];
export const REPORT_FILTERS = ['all', 'to_validate', 'drafts', 'validated'] as const;
export type ReportFilter = (typeof REPORT_FILTERS)[number];
export const REPORT_ACTIONS = ['edit', 'submit', 'validate', 'amend', 'audio'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export const recipientInput = z.object({ correspondentId: z.uuid(), channel: z.enum(RECIPIENT_CHANNELS) });

export const newReportInput = z.object({
  patientId: z.uuid(),
  authorId: z.uuid(),
  templateId: z.string().min(1).max(60),
  recipients: z.array(recipientInput).max(20).default([]),
});

/** A consultation draft (transcript + cited sentences, as corrected on screen) turned into a report draft. */
export const fromDraftInput = z.object({
  patientId: z.uuid(),
  authorId: z.uuid(),
  transcript: z.string().min(1).max(MAX_TRANSCRIPT),
  sentences: z.array(draftSentence).min(1).max(500),
  engine: z.string().min(1).max(60).default('rules'),
  recipients: z.array(recipientInput).max(20).default([]),
});

export const reportUpdateInput = z.object({
  title: z.string().trim().min(1).max(300),
  body: richDocSchema,
  recipients: z.array(recipientInput).max(20),
  /** The version the editor started from: a save over someone else's newer save is a 409, not a silent loss. */
  baseHash: z.string().regex(/^[0-9a-f]{64}$/),
});

export const reportSummary = z.object({
  id: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  status: z.enum(REPORT_STATUSES),
  patient: patientRef,
  author: person,
  amendsId: z.uuid().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  validatedAt: z.string().nullable(),
  hasAudio: z.boolean(),
});
export type ReportSummary = z.output<typeof reportSummary>;

export const reportView = reportSummary.extend({
  templateId: z.string(),
  body: z.unknown(),
  html: z.string(),
  text: z.string(),
  fields: z.record(z.string(), z.string()),
  contentHash: z.string(),
  recipients: z.array(z.object({ correspondentId: z.uuid(), name: z.string(), channel: z.enum(RECIPIENT_CHANNELS), address: z.string().nullable(), itemId: z.uuid().nullable() })),
  audio: z.object({ fileName: z.string(), mimeType: z.string(), size: z.number(), uploadedAt: z.string() }).nullable(),
  validation: z.object({ by: z.string(), at: z.string(), hash: z.string() }).nullable(),
  documentId: z.uuid().nullable(),
  amendedById: z.uuid().nullable(),
  allowed: z.array(z.enum(REPORT_ACTIONS)),
  /** When drafted from a consultation: the transcript and each sentence's source; `blocking`: unsourced and left as drafted. */
  sources: z.object({
    transcript: z.string(),
    engine: z.string(),
    sentences: z.array(z.object({ id: z.string(), section: z.string(), text: z.string(), source: z.object({ start: z.number().int(), end: z.number().int() }).nullable(), unsourced: z.boolean(), blocking: z.boolean() })),
  }).nullable(),
});
export type ReportView = z.output<typeof reportView>;

/** A report template as GET /api/reports/templates lists it (the body: the editor's JSON). */
export const reportTemplate = z.object({ id: z.string(), kind: z.enum(REPORT_KINDS), specialties: z.array(z.string()), label: z.object({ fr: z.string(), en: z.string() }), title: z.string(), body: z.unknown() });
export type ReportTemplate = z.output<typeof reportTemplate>;
