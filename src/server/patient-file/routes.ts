import { route, PRACTITIONERS_AND_SECRETARIES, idParams, type RouteDef } from '../platform/http/route.js';
import { patientFileOut } from './contract.js';
import { patientFile } from './service.js';

/** GET /api/patient-file/:id — the patient file's timeline (the desk and the practitioners). */
export function patientFileRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET', url: '/api/patient-file/:id', summary: 'Fiche patient : rendez-vous à venir et passés, absences, demandes, appels, documents', tags: ['patients'],
      // The desk's roles: the appointments they gather are the desk's (an administrator without them sees the identity tabs).
      access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams,
      response: patientFileOut,
      audit: { action: 'patient.file_read', resourceType: 'patient', resourceId: (p) => p.id },
      handler: async ({ ctx, tx, params }) => patientFile(tx, ctx, params.id),
    }),
  ];
}
