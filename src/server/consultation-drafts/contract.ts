import { z } from 'zod';

/** Consultation drafts: shapes shared by the routes and the web (src/web/consultation-drafts/api.ts imports their types). */
export const SECTIONS = ['reason', 'history', 'examination', 'conclusion', 'plan', 'prescriptions'] as const;
export type Section = (typeof SECTIONS)[number];
export const DRAFT_LABEL = { fr: 'Brouillon — à vérifier', en: 'Draft — to be checked' } as const;
export const MAX_TRANSCRIPT = 100_000;

const source = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export const sentence = z.object({ id: z.string().max(40), section: z.enum(SECTIONS), text: z.string().max(4000), source: source.nullable() });
export const problem = z.object({ id: z.string(), problem: z.enum(['no_source', 'source_outside', 'words_not_in_source', 'empty']) });

export const draftOut = z.object({
  label: z.object({ fr: z.string(), en: z.string() }),
  status: z.literal('draft'),
  engine: z.string(),
  transcript: z.string(),
  sentences: z.array(sentence),
  letter: z.array(z.object({ text: z.string(), source: source.nullable(), sentenceId: z.string().nullable(), template: z.boolean() })),
  problems: z.array(problem),
});

export const draftIn = z.object({ transcript: z.string().max(MAX_TRANSCRIPT), patientId: z.uuid().nullable().optional() });
export const checkIn = z.object({ transcript: z.string().max(MAX_TRANSCRIPT), sentences: z.array(sentence.omit({ section: true }).extend({ section: z.enum(SECTIONS).optional() })).max(500) });

export type DraftSentenceView = z.infer<typeof sentence>;
export type DraftProblem = z.infer<typeof problem>;
export type DraftView = z.infer<typeof draftOut>;
