import { z } from 'zod';
import { publicRoute, type RouteDef } from '../platform/http/route.js';
import { capabilityStatement } from './capability.js';

/** `GET /fhir/R4/metadata`: public, as FHIR expects, so that clients can discover the server before logging in. */
export function fhirRoutes(allRoutes: () => RouteDef[]): RouteDef[] {
  return [
    publicRoute({
      method: 'GET',
      url: '/fhir/R4/metadata',
      summary: 'FHIR R4 CapabilityStatement (ressources, interactions et paramètres de recherche pris en charge)',
      tags: ['fhir'],
      access: 'public',
      response: z.looseObject({ resourceType: z.literal('CapabilityStatement') }),
      handler: async () => capabilityStatement(allRoutes(), { name: 'Pivot', version: '0.1.0' }),
    }),
  ];
}
