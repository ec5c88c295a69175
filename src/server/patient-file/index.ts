/** The patient file as a hub: one read gathering the patient's timeline from the other capabilities' doors. */
export { patientFileRoutes } from './routes.js';
export type { PatientFile } from './contract.js';

import type { Capability } from '../platform/capability.js';
import { patientFileRoutes } from './routes.js';

export const patientFileCapability: Capability = { name: 'patient-file', mount: () => ({ routes: patientFileRoutes() }) };
