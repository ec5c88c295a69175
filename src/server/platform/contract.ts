/**
 * Zod pieces that several capabilities' contracts answer with, one definition each. Imports only zod: a `contract.ts`
 * (shared with the web) may use it without reaching anything server-side.
 */
import { z } from 'zod';

/** A member of the practice (or a correspondent) named in an answer: who assigned, read, declared… */
export const personRef = z.object({ id: z.uuid(), name: z.string() });

/** The patient a record is about, enough to tell two namesakes apart in a list. */
export const patientRef = z.object({ id: z.uuid(), name: z.string(), birthDate: z.string() });
