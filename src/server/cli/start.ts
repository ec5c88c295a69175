import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.js';
import { repoRoot, runServer, webDir } from '../main.js';

/** Newest modification time under a folder (to know whether the web build is stale). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web app when it is missing or older than its sources (a fresh checkout, or after a pull). */
async function ensureWebBuild(): Promise<void> {
  const sources = path.join(repoRoot, 'src', 'web');
  const index = path.join(webDir, 'index.html');
  if (!fs.existsSync(sources) || process.env.PIVOT_WEB_BUILD === '0') return;
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(sources)) return;
  console.log("Construction de l'application web…");
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
}

export async function start(args: string[]): Promise<number> {
  parseArgs({ args, options: { dev: { type: 'boolean' } } });
  await ensureWebBuild();
  let server: Awaited<ReturnType<typeof runServer>>;
  try {
    server = await runServer(loadConfig());
  } catch (err) {
    // A wrong setting (PIVOT_NOW, PIVOT_DOCUMENT_MAX_MB…) is said in one line, not as a stack trace.
    if (err instanceof Error && /^PIVOT_\w+ /.test(err.message)) {
      console.error(`Pivot ne démarre pas : ${err.message}`);
      return 1;
    }
    throw err;
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`\n${signal} reçu : arrêt propre de Pivot…`);
      server.close().then(resolve, (err) => {
        console.error(err);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
