/** The audit API's shapes, shared with the web (`import type` only there): imports nothing server-side. */
import { z } from 'zod';

export const auditEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  accountId: z.string().nullable(),
  accountEmail: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  /** The patient the entry is about (the entry's patient, an appointment's, or `details.patientId`), for display. */
  patient: z.object({ id: z.uuid(), birthName: z.string(), usedName: z.string().nullable(), firstName: z.string(), name: z.string() }).nullable(),
});

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), nextBefore: z.string().nullable() });

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBrokenId: z.string().nullable(),
  message: z.string(),
  /** Each problem in words (the first ones of each kind; `problemCounts` has them all). */
  problems: z.array(z.object({ kind: z.string(), message: z.string() })),
  problemCounts: z.record(z.string(), z.number()),
  /** What could not be checked (e.g. no checkpoint in the server's folder). */
  warnings: z.array(z.object({ kind: z.string(), message: z.string() })),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;
