import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { publicRoute, route } from '../platform/http/route.js';
import { capabilityStatement } from './capability.js';

const r = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, query?: z.ZodObject) =>
  route({ method, url, summary: '', tags: [], access: { roles: 'any' }, audit: 'none', query, handler: async () => undefined });

describe('CapabilityStatement from the route table', () => {
  it('lists each FHIR resource with its interactions and search parameters', () => {
    const routes = [
      r('GET', '/fhir/R4/Patient', z.object({ name: z.string(), birthdate: z.string(), _count: z.number() })),
      r('GET', '/fhir/R4/Patient/:id'),
      r('POST', '/fhir/R4/Patient'),
      r('PUT', '/fhir/R4/Patient/:id'),
      r('PATCH', '/fhir/R4/Appointment/:id'),
      r('GET', '/api/patients'),
      publicRoute({ method: 'GET', url: '/fhir/R4/metadata', summary: '', tags: [], access: 'public', handler: async () => undefined }),
    ];
    const cs = capabilityStatement(routes, { name: 'Pivot', version: 't' });
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.rest[0]!.resource).toEqual([
      { type: 'Appointment', interaction: [{ code: 'patch' }], searchParam: [] },
      {
        type: 'Patient',
        interaction: [{ code: 'create' }, { code: 'read' }, { code: 'search-type' }, { code: 'update' }],
        searchParam: [
          { name: 'birthdate', type: 'date' },
          { name: 'name', type: 'string' },
        ],
      },
    ]);
  });
});
