/**
 * The annotated set format read by score.ts (development and held-out sets alike), one JSON object a line:
 *   {"id", "text",
 *    "errors": [{"start","end","word","correct","category"}],
 *    "medicalTerms"?: [{"start","end","word","category"}] | ["word", …]}
 * Offsets are UTF-16 code units of `text`, end exclusive, `word` = text.slice(start, end).
 * `category` is drug, anatomy, abbreviation, medical (another medical term) or other (an ordinary word).
 * A flagged span that overlaps no error is a false alarm: on a medical term (listed in medicalTerms, or a word of the
 * lexicon) it counts against the "correct medical words flagged" goal, elsewhere as an "other" false alarm.
 */
import { z } from 'zod';

export const CATEGORIES = ['drug', 'anatomy', 'abbreviation', 'medical', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

const span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), word: z.string() });

export const annotatedLine = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  errors: z.array(span.extend({ correct: z.string(), category: z.string() })),
  medicalTerms: z.array(z.union([z.string(), span.extend({ category: z.string().optional() })])).optional(),
});
export type AnnotatedLine = z.infer<typeof annotatedLine>;

/** Checks that every span slices to its word; returns the problems found. */
export function spanProblems(line: AnnotatedLine): string[] {
  const out: string[] = [];
  for (const s of [...line.errors, ...(line.medicalTerms ?? []).filter((m) => typeof m !== 'string')]) {
    if (typeof s === 'string') continue;
    if (line.text.slice(s.start, s.end) !== s.word) out.push(`${line.id}: [${s.start},${s.end}) is "${line.text.slice(s.start, s.end)}", not "${s.word}"`);
  }
  return out;
}
