// The patient file's timeline (src/server/patient-file): one read for the hub.
import { request } from '../api/client';

export interface FileAppointment {
  id: string; start: string; end: string; status: string; practitionerId: string; practitionerName: string;
  motifName: string | null; channel: string; cancellationReason: string | null;
}
export interface PatientFile {
  /** The practice's zone: every date of the file is shown in it. */
  timeZone: string;
  upcoming: FileAppointment[];
  past: FileAppointment[];
  noShows: number;
  requests: { id: string; createdAt: string; category: string; urgency: string; status: string; summary: string; channel: string }[];
  calls: { id: string; occurredAt: string; direction: string; reason: string; outcome: string; note: string | null; takenBy: string }[];
  documents: { id: string; title: string; type: string; uploadedAt: string }[];
}

export const patientFileApi = {
  get: (patientId: string) => request<PatientFile>('GET', `/api/patient-file/${encodeURIComponent(patientId)}`),
};
