/** The patient file as a hub: one read gathering the patient's timeline from the other capabilities' doors. */
export { patientFileRoutes } from './routes.js';
export type { PatientFile } from './contract.js';
