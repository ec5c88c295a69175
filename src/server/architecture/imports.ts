import fs from 'node:fs';
import path from 'node:path';

/**
 * The import rules of the server (docs/architecture.md), read from the source as text: which folder imports which.
 * - the lower layers (`platform/`, `jobs/`, `audit/`) import no capability;
 * - a capability imports another only through its `index.ts` (its one door); a `contract.ts` (zod shapes shared with
 *   the web, imports nothing server-side) may read another capability's `contract.ts` (e.g. the triage's vocabularies);
 * - no cycle between folders.
 * The composition roots (`compose.ts`, `main.ts`, `cli/`) wire everything and are exempt.
 */
export const LOWER_LAYERS = new Set(['platform', 'jobs', 'audit']);
const ROOTS = new Set(['compose.ts', 'main.ts', 'cli']);

export interface ImportEdge {
  /** Path relative to src/server, e.g. `reception/service.ts`. */
  from: string;
  to: string;
}

export interface Violation {
  rule: 'lower_layer_imports_capability' | 'deep_import' | 'cycle';
  /** `folder -> file` for an import; the folders of the cycle for a cycle. */
  where: string;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Every relative import of every non-test TypeScript file under `root` (src/server). */
export function readImports(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const text = fs.readFileSync(full, 'utf8');
        for (const m of text.matchAll(IMPORT)) {
          const spec = (m[1] ?? m[2])!;
          const target = path.relative(root, path.resolve(path.dirname(full), spec)).replace(/\.js$/, '.ts');
          if (target.startsWith('..')) continue; // outside src/server (shared web contract, tests)
          edges.push({ from: path.relative(root, full), to: target });
        }
      }
    }
  };
  walk(root);
  return edges;
}

const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file);

/** The violations of the rules in a list of imports (pure, so that a test can show each rule failing). */
export function checkImports(edges: ImportEdge[]): Violation[] {
  const out: Violation[] = [];
  const seams = new Map<string, Violation>();
  const folderEdges = new Map<string, Set<string>>();
  for (const e of edges) {
    const [a, b] = [folderOf(e.from), folderOf(e.to)];
    if (a === b || ROOTS.has(a)) continue;
    if (!folderEdges.has(a)) folderEdges.set(a, new Set());
    folderEdges.get(a)!.add(b);
    // A seam is a folder reaching into a file of another (splitting a file must not count it twice).
    if (LOWER_LAYERS.has(a) && !LOWER_LAYERS.has(b)) seams.set(`l|${a} -> ${e.to}`, { rule: 'lower_layer_imports_capability', where: `${a} -> ${e.to}` });
    else if (!LOWER_LAYERS.has(b) && e.to !== `${b}/index.ts` && !(e.from.endsWith('/contract.ts') && e.to === `${b}/contract.ts`)) seams.set(`d|${a} -> ${e.to}`, { rule: 'deep_import', where: `${a} -> ${e.to}` });
  }
  out.push(...seams.values());
  // Cycles between folders: each strongly connected component of more than one folder, once.
  for (const cycle of stronglyConnected(folderEdges)) if (cycle.length > 1) out.push({ rule: 'cycle', where: cycle.sort().join(' <-> ') });
  return out;
}

function stronglyConnected(graph: Map<string, Set<string>>): string[][] {
  // Tarjan's algorithm over the folder graph (a few dozen nodes).
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((s) => [...s])]);
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (const v of nodes) if (!indices.has(v)) visit(v);
  return components;
}
