import { z } from 'zod';

/**
 * The patient file as a hub (issue 12, item 5), like the patient card of the desk software secretaries know:
 * appointments to come and past ones, no-shows, requests to the assistant, calls, documents. Only what the card
 * shows: titles, dates and states, no document content, no message body beyond the request's one-line summary.
 */
const appointment = z.object({
  id: z.uuid(), start: z.string(), end: z.string(), status: z.string(), practitionerId: z.uuid(), practitionerName: z.string(),
  motifName: z.string().nullable(), channel: z.string(), cancellationReason: z.string().nullable(),
});
export const patientFileOut = z.object({
  /** The practice's zone (IANA): the file shows its dates in it, not in the browser's nor always in Paris. */
  timeZone: z.string(),
  upcoming: z.array(appointment),
  past: z.array(appointment),
  noShows: z.number().int(),
  requests: z.array(z.object({ id: z.uuid(), createdAt: z.string(), category: z.string(), urgency: z.string(), status: z.string(), summary: z.string(), channel: z.string() })),
  calls: z.array(z.object({ id: z.uuid(), occurredAt: z.string(), direction: z.string(), reason: z.string(), outcome: z.string(), note: z.string().nullable(), takenBy: z.string() })),
  documents: z.array(z.object({ id: z.uuid(), title: z.string(), type: z.string(), uploadedAt: z.string() })),
});
export type PatientFile = z.infer<typeof patientFileOut>;
