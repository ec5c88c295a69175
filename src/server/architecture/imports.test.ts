import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
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
      { from: 'assistant/contract.ts', to: 'triage/contract.ts' },
      { from: 'assistant/routes.ts', to: 'triage/contract.ts' },
    ]).map(key);
    expect(seams).toEqual([
      'deep_import: reception -> patients/service.ts',
      'lower_layer_imports_capability: platform -> agenda/index.ts',
      'deep_import: assistant -> triage/contract.ts',
      'cycle: agenda <-> assistant',
    ]);
  });

  describe('on a tree of files (read from disk as the real check is)', () => {
    // A small server tree written to a temporary folder: the same reader and rules as the first test, so a
    // deliberate seam in real files fails here without touching the real code.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-imports-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
    write('platform/http/app.ts', "import type { Tx } from '../db/database.js';\nexport const app = 1;\n");
    write('platform/db/database.ts', 'export type Tx = unknown;\n');
    write('patients/index.ts', "export { findPatient } from './service.js';\n");
    write('patients/service.ts', "import type { Tx } from '../platform/db/database.js';\nexport const findPatient = (tx: Tx) => tx;\n");
    write('reception/routes.ts', "import { findPatient } from '../patients/index.js';\nexport const r = findPatient;\n");
    write('reception/routes.test.ts', "import { findPatient } from '../patients/service.js';\n"); // tests may reach in
    const seamsIn = () => checkImports(readImports(root)).map(key);

    it('finds no seam in a tree that keeps the rules', () => {
      expect(seamsIn()).toEqual([]);
    });

    it('fails on a deliberate deep import into another capability', () => {
      write('reception/desk.ts', "import { findPatient } from '../patients/service.js';\nexport const d = findPatient;\n");
      try {
        expect(seamsIn()).toEqual(['deep_import: reception -> patients/service.ts']);
      } finally {
        fs.rmSync(path.join(root, 'reception/desk.ts'));
      }
    });

    it('fails on the platform importing a capability, even through its index.ts, and on the cycle it makes', () => {
      write('platform/http/context.ts', "import type { findPatient } from '../../patients/index.js';\nexport type F = typeof findPatient;\n");
      try {
        expect(seamsIn().sort()).toEqual(['cycle: patients <-> platform', 'lower_layer_imports_capability: platform -> patients/index.ts']);
      } finally {
        fs.rmSync(path.join(root, 'platform/http/context.ts'));
      }
    });
  });
});
