// Fast start for the stream commands (`pivot triage`): their TypeScript modules compiled once into one JavaScript
// file, kept in node_modules/.cache/pivot and rebuilt when a source changes. Why: through tsx's loader, each of the
// ~40 modules goes through the loader's worker thread; tsx's registration and those round trips were about a third
// of `pivot triage`'s start-up. Anything unexpected (no esbuild, read-only folder, a module that reads
// import.meta) returns undefined and the caller falls back to tsx: this can only skip work, never change a result.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = process.env.PIVOT_FAST_START_DIR ?? join(root, 'node_modules', '.cache', 'pivot');

/** The one module allowed to read import.meta.url: it finds the model files beside itself (rewritten below). */
const MODELS_MODULE = 'src/server/triage/bundled-models.ts';

const stamp = (file) => {
  const s = statSync(join(root, file));
  return `${s.size}:${s.mtimeMs}`;
};

function upToDate(manifestPath) {
  if (!existsSync(manifestPath)) return false;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    return Object.entries(manifest.inputs).every(([file, s]) => stamp(file) === s);
  } catch {
    return false;
  }
}

async function build(entry, out, manifestPath) {
  const esbuild = await import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    absWorkingDir: root,
    logLevel: 'silent',
    // The bundle lives elsewhere: the models module must still find its files beside its source.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(root, MODELS_MODULE)).href) },
  });
  const inputs = Object.keys(result.metafile.inputs);
  for (const file of inputs) {
    if (file !== MODELS_MODULE && readFileSync(join(root, file), 'utf8').includes('import.meta')) return false;
  }
  mkdirSync(cacheDir, { recursive: true });
  // Written aside then renamed (atomic): two commands started together never read a half-written copy.
  const atomic = (file, contents) => {
    writeFileSync(`${file}.${process.pid}`, contents);
    renameSync(`${file}.${process.pid}`, file);
  };
  atomic(out, result.outputFiles[0].contents);
  atomic(manifestPath, JSON.stringify({ entry, inputs: Object.fromEntries(inputs.map((f) => [f, stamp(f)])) }));
  return true;
}

/** The compiled module of `entry` (a path from the checkout's root), or undefined to use tsx. */
export async function fastModule(entry) {
  if (process.env.PIVOT_NO_FAST_START) return undefined;
  const name = entry.replace(/[^A-Za-z0-9]+/g, '-');
  const out = join(cacheDir, `${name}.mjs`);
  const manifestPath = join(cacheDir, `${name}.json`);
  try {
    if (!upToDate(manifestPath) && !(await build(entry, out, manifestPath))) return undefined;
    return await import(pathToFileURL(out).href);
  } catch {
    return undefined;
  }
}
