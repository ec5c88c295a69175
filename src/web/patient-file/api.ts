// The patient file's timeline (src/server/patient-file): one read for the hub. Its shape is the server contract's zod
// type, imported as a type only (no server code in the bundle).
import { request } from '../api/client';
import type { PatientFile } from '../../server/patient-file/contract';

export type { PatientFile } from '../../server/patient-file/contract';
export type FileAppointment = PatientFile['upcoming'][number];

export const patientFileApi = {
  get: (patientId: string) => request<PatientFile>('GET', `/api/patient-file/${encodeURIComponent(patientId)}`),
};
