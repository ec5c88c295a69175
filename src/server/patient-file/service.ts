import { patientAppointments } from '../agenda/index.js';
import { patientRequests } from '../assistant/index.js';
import { patientDocuments } from '../documents/index.js';
import { findPatient } from '../patients/index.js';
import { patientCalls } from '../phone-log/index.js';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import type { PatientFile } from './contract.js';

/**
 * Gathers the patient's timeline from each capability's door (each read is audited and scoped by the practice
 * there). A patient of another practice is a 404 before anything is read.
 */
export async function patientFile(tx: Tx, ctx: RequestContext, patientId: string): Promise<PatientFile> {
  await findPatient(tx, ctx.practiceId, patientId); // 404 for a patient of another practice
  // One transaction, one connection: the reads run one after the other.
  const appointments = await patientAppointments(tx, ctx, patientId);
  const requests = await patientRequests(tx, ctx, patientId);
  const calls = await patientCalls(tx, ctx, patientId);
  const documents = await patientDocuments(tx, ctx, patientId);
  const practice = await tx.selectFrom('practices').select('timezone').where('id', '=', ctx.practiceId).executeTakeFirstOrThrow();
  const slim = (a: (typeof appointments.upcoming)[number]) => ({
    id: a.id, start: a.start, end: a.end, status: a.status, practitionerId: a.practitionerId, practitionerName: a.practitionerName,
    motifName: a.motifName, channel: a.channel, cancellationReason: a.cancellationReason,
  });
  return {
    timeZone: practice.timezone,
    upcoming: appointments.upcoming.map(slim),
    past: appointments.past.map(slim),
    noShows: appointments.noShows,
    requests: requests.map((r) => ({ id: r.id, createdAt: r.createdAt, category: r.category, urgency: r.urgency, status: r.status, summary: r.summary, channel: r.channel })),
    calls: calls.map((c) => ({ id: c.id, occurredAt: c.occurredAt, direction: c.direction, reason: c.reason, outcome: c.outcome, note: c.note, takenBy: c.takenBy.name })),
    documents: documents.map((d) => ({ id: d.id, title: d.title, type: d.type, uploadedAt: d.uploadedAt })),
  };
}
