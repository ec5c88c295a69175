/** The practice settings' shape, shared with the web (`import type` only there): imports nothing server-side. */
import { z } from 'zod';

export const practiceSchema = z.object({ id: z.uuid(), name: z.string(), timezone: z.string(), requireMfa: z.boolean() });

export type PracticeSettings = z.infer<typeof practiceSchema>;
