import type { RouteDef } from '../platform/http/route.js';
import { clock } from '../platform/clock.js';

/**
 * The CapabilityStatement is derived from the route table: a FHIR route registered by any capability
 * appears in /fhir/R4/metadata with its interactions and search parameters, with nothing to keep in step by hand.
 */
const FHIR_BASE = '/fhir/R4/';

type Interaction = 'read' | 'vread' | 'update' | 'patch' | 'delete' | 'create' | 'search-type';

function interactionOf(route: RouteDef, rest: string[]): Interaction | undefined {
  const hasId = rest.length >= 2 && rest[1]!.startsWith(':');
  if (rest.length >= 3) return undefined; // operations and history are listed separately
  switch (route.method) {
    case 'GET':
      return hasId ? 'read' : 'search-type';
    case 'POST':
      return hasId ? undefined : 'create';
    case 'PUT':
      return hasId ? 'update' : undefined;
    case 'PATCH':
      return hasId ? 'patch' : undefined;
    case 'DELETE':
      return hasId ? 'delete' : undefined;
  }
}

export function capabilityStatement(routes: RouteDef[], software: { name: string; version: string }, now = clock.now()) {
  const byType = new Map<string, { interactions: Set<Interaction>; params: Set<string> }>();
  for (const r of routes) {
    if (!r.url.startsWith(FHIR_BASE)) continue;
    const rest = r.url.slice(FHIR_BASE.length).split('/');
    const type = rest[0]!;
    if (!/^[A-Z][A-Za-z]+$/.test(type)) continue; // metadata, $operations
    const entry = byType.get(type) ?? { interactions: new Set(), params: new Set() };
    const interaction = interactionOf(r, rest);
    if (interaction) entry.interactions.add(interaction);
    if (interaction === 'search-type' && r.query && 'shape' in r.query) {
      for (const key of Object.keys((r.query as { shape: object }).shape)) entry.params.add(key);
    }
    byType.set(type, entry);
  }
  return {
    resourceType: 'CapabilityStatement' as const,
    status: 'active',
    date: now.toISOString(),
    kind: 'instance',
    software,
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: { description: 'Authorization: Bearer <token> from POST /api/auth/login' },
        resource: [...byType.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([type, e]) => ({
            type,
            interaction: [...e.interactions].sort().map((code) => ({ code })),
            searchParam: [...e.params]
              .filter((p) => p !== '_count')
              .sort()
              .map((name) => ({ name, type: searchParamType(name) })),
          })),
      },
    ],
  };
}

function searchParamType(name: string): string {
  if (name === 'birthdate' || name === 'date' || name.endsWith('-date') || name === 'start') return 'date';
  if (name === 'identifier' || name === 'status' || name === 'gender' || name === '_id') return 'token';
  if (['patient', 'schedule', 'actor', 'practitioner', 'subject', 'context', 'participant'].includes(name)) return 'reference';
  return 'string';
}
