import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImports, readImports, type Violation } from './imports.js';

/**
 * The server's import rules as a test, in the spirit of the route-table test (issue 11). The seams that exist today
 * are listed in `import-baseline.json`: the list may only shrink. A new deep import, a lower layer reaching a
 * capability or a new cycle fails here; a seam fixed must leave the list (the test says which), so that it cannot
 * come back. `UPDATE_IMPORT_BASELINE=1` rewrites the list (to be read in review: it must not grow).
 */
const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BASELINE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-baseline.json');
const key = (v: Violation) => `${v.rule}: ${v.where}`;

describe('server import rules', () => {
  it('adds no seam to those listed, and the list holds no seam that is gone', () => {
    const now = checkImports(readImports(SERVER)).map(key).sort();
    if (process.env.UPDATE_IMPORT_BASELINE === '1') fs.writeFileSync(BASELINE, `${JSON.stringify(now, null, 2)}\n`);
    const baseline = JSON.parse(fs.readFileSync(BASELINE, 'utf8')) as string[];
    expect(now.filter((v) => !baseline.includes(v)), 'new seams (import through the other capability’s index.ts)').toEqual([]);
    expect(baseline.filter((v) => !now.includes(v)), 'seams fixed: remove them from import-baseline.json').toEqual([]);
  });

  it('fails on a deep import, on a lower layer importing a capability, and on a cycle', () => {
    const seams = checkImports([
      { from: 'reception/service.ts', to: 'patients/service.ts' },
      { from: 'reception/routes.ts', to: 'patients/index.ts' },
      { from: 'reception/routes.ts', to: 'platform/http/route.ts' },
      { from: 'platform/http/app.ts', to: 'agenda/index.ts' },
      { from: 'agenda/index.ts', to: 'assistant/index.ts' },
      { from: 'assistant/index.ts', to: 'agenda/index.ts' },
      { from: 'compose.ts', to: 'agenda/routes.ts' },
    ]).map(key);
    expect(seams).toEqual([
      'deep_import: reception -> patients/service.ts',
      'lower_layer_imports_capability: platform -> agenda/index.ts',
      'cycle: agenda <-> assistant',
    ]);
  });
});
