/** The JSON lines of `pivot spellcheck`: what comes in, what goes out. */
import { z } from 'zod';

export const spellcheckLineIn = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string(),
  /** Optional words of the practice, accepted as written (the secretaries' own dictionary). */
  extraWords: z.array(z.string()).optional(),
});
export type SpellcheckLineIn = z.infer<typeof spellcheckLineIn>;

export const spellIssueSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  word: z.string(),
  suggestions: z.array(z.string()).max(5),
});
export type SpellIssue = z.infer<typeof spellIssueSchema>;

export const spellcheckLineOut = z.union([
  z.object({ id: z.union([z.string(), z.number()]).optional(), issues: z.array(spellIssueSchema) }),
  z.object({ id: z.union([z.string(), z.number()]).optional(), error: z.string() }),
]);
export type SpellcheckLineOut = z.infer<typeof spellcheckLineOut>;

/** A word of the practice dictionary, as the API and the settings list show it. */
export const practiceWordView = z.object({
  id: z.uuid(),
  word: z.string(),
  addedBy: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.string(),
});
export type PracticeWordView = z.infer<typeof practiceWordView>;
