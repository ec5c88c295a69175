import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The web app reads the API's shapes from the server's `contract.ts` files with `import type` only, so that no
 * server code reaches the bundle; a contract imports nothing but zod (and other contracts). One documented
 * exception: `platform/identity-display.ts`, the pure naming rule shared by both sides (it imports nothing).
 */
const WEB = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.resolve(WEB, '..', 'server');
const SHARED_AT_RUNTIME = new Set(['platform/identity-display']);
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Imports of server files in one web file: `file: import` for each that breaks the rule. */
export function serverImportViolations(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const [, , typeOnly, names, spec] = m;
    if (!spec!.startsWith('.')) continue;
    const target = path.relative(SERVER, path.resolve(path.dirname(file), spec!)).replace(/\.(js|ts)$/, '');
    if (target.startsWith('..')) continue; // not server code
    if (SHARED_AT_RUNTIME.has(target)) continue;
    const allTypes = !!typeOnly || /^\{\s*(type\s+[\w$]+(\s+as\s+[\w$]+)?\s*,?\s*)+\}$/.test(names!.trim());
    if (!/(^|\/)contract$/.test(target) || !allTypes) out.push(`${path.relative(WEB, file)}: ${m[0].trim()}`);
  }
  return out;
}

describe('web → server imports', () => {
  it('are type-only imports of contract.ts files', () => {
    const violations = sourceFiles(WEB).flatMap((f) => serverImportViolations(f, fs.readFileSync(f, 'utf8')));
    expect(violations).toEqual([]);
  });

  it('and the contracts the web reads import nothing server-side', () => {
    const contracts = new Set<string>();
    for (const f of sourceFiles(WEB)) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(IMPORT)) {
        const target = path.resolve(path.dirname(f), m[4]!);
        if (m[4]!.startsWith('.') && /\/contract$/.test(target) && target.startsWith(SERVER)) contracts.add(`${target}.ts`);
      }
    }
    expect(contracts.size).toBeGreaterThan(3);
    for (const c of contracts) {
      for (const m of fs.readFileSync(c, 'utf8').matchAll(IMPORT)) {
        expect(m[4] === 'zod' || /^\.\.?\/(\.\.\/)?([\w-]+\/)?contract\.js$/.test(m[4]!), `${path.relative(SERVER, c)} imports ${m[4]}`).toBe(true);
      }
    }
  });

  it('fails on a runtime import, and on a server file that is not a contract', () => {
    const file = path.join(WEB, 'agenda', 'api.ts');
    expect(serverImportViolations(file, `import { meSchema } from '../../server/auth/contract';`)).toHaveLength(1);
    expect(serverImportViolations(file, `import type { Me } from '../../server/auth/routes';`)).toHaveLength(1);
    expect(serverImportViolations(file, `import type { Me } from '../../server/auth/contract';`)).toEqual([]);
    expect(serverImportViolations(file, `import { type Me, type Role } from '../../server/auth/contract';`)).toEqual([]);
  });
});
