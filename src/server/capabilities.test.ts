import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from './compose.js';
import { LOWER_LAYERS } from './architecture/imports.js';
import { listMigrations, listRepeatableMigrations } from './platform/db/migrate.js';

/** The list of capability descriptors (compose.ts) against the folders of src/server. */
const SERVER = path.dirname(fileURLToPath(import.meta.url));
const folderOf = (file: string) => path.relative(SERVER, file).split(path.sep)[0]!;

describe('capability descriptors', () => {
  it('name each capability once, after its folder, and each has an index.ts', () => {
    const names = CAPABILITIES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(fs.existsSync(path.join(SERVER, n, 'index.ts')), n).toBe(true);
  });

  it('declare every migrations folder the runner applies (lower layers apart), and only those', () => {
    const withMigrations = new Set([...listMigrations(), ...listRepeatableMigrations()].map((m) => folderOf(m.file)));
    const declared = new Map(CAPABILITIES.filter((c) => c.migrations).map((c) => [c.name, fileURLToPath(c.migrations!)]));
    for (const folder of withMigrations) {
      if (LOWER_LAYERS.has(folder) && !declared.has(folder)) continue;
      expect(declared.get(folder), `${folder}/migrations is not declared by its descriptor`).toBe(path.join(SERVER, folder, 'migrations') + path.sep);
    }
    for (const [name, dir] of declared) expect(fs.existsSync(dir), `${name}: ${dir}`).toBe(true);
  });
});
