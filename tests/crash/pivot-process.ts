import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clock } from '../../src/server/platform/clock.js';

/**
 * Runs Pivot exactly as an installation does (`node bin/pivot.mjs start`), as a child process on a
 * data folder and a loopback port, for crash tests and platform benchmarks. Every wait is bounded.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const pivotBin = path.join(repoRoot, 'bin', 'pivot.mjs');
export const DEMO_PASSWORD = 'demo-pivot-crash-2026';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function makeDataDir(prefix = 'pivot-crash-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Environment of a Pivot child: embedded database on `dataDir`, no web build, quiet logs. */
export function pivotEnv(dataDir: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PIVOT_DATA_DIR: dataDir,
    PIVOT_WEB_BUILD: '0',
    PIVOT_DEMO_PASSWORD: DEMO_PASSWORD,
    LOG_LEVEL: 'warn',
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS; // vitest's own loader hooks must not leak into the child
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  return env;
}

export interface PivotProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  dataDir: string;
  url: string;
  /** stdout + stderr so far (for diagnostics). */
  output(): string;
  /** Resolves once `Pivot est prêt` is printed and /api/health answers 200; rejects if the process exits first. */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL to the process group after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  kill9(): void;
}

export function spawnPivot(
  dataDir: string,
  port: number,
  opts: { readyTimeoutMs?: number; nodeArgs?: string[]; env?: Record<string, string>; args?: string[] } = {},
): PivotProcess {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), pivotBin, ...(opts.args ?? ['start'])], {
    cwd: repoRoot,
    env: pivotEnv(dataDir, port, opts.env),
    detached: true, // own process group: cleanup kills the group, never anything else
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const url = `http://127.0.0.1:${port}`;
  const readyTimeoutMs = opts.readyTimeoutMs ?? 90_000;
  const ready = (async () => {
    const deadline = clock.nowMs() + readyTimeoutMs;
    let gone = false;
    void exited.then(() => (gone = true));
    while (clock.nowMs() < deadline) {
      if (gone) throw new Error(`Pivot exited before being ready:\n${out.slice(-3000)}`);
      if (out.includes('Pivot est prêt')) {
        const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
        if (res?.status === 200) return;
      }
      await sleep(50);
    }
    throw new Error(`Pivot not ready after ${readyTimeoutMs} ms:\n${out.slice(-3000)}`);
  })();
  ready.catch(() => undefined);
  const pid = child.pid!;
  return {
    child,
    pid,
    port,
    dataDir,
    url,
    output: () => out,
    ready,
    exited,
    kill9: () => killGroup(pid, 'SIGKILL'),
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(pid, 'SIGTERM');
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs));
      if ((await Promise.race([exited, timer])) === 'timeout') {
        killGroup(pid, 'SIGKILL');
        await Promise.race([exited, sleep(5000)]);
      }
    },
  };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The PostgreSQL server of a data folder, read from its postmaster.pid (pid, port). */
export function postmaster(dataDir: string): { pid: number; port: number } | undefined {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return undefined;
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Every live process whose parent is `ppid` (PostgreSQL backends call setsid(): the group does not reach them). */
export function childrenOf(ppid: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/**
 * Stops a PostgreSQL server still running on `dataDir` (left by a killed Pivot): fast shutdown,
 * then SIGKILL of the postmaster and its own children only. Touches no other cluster.
 */
export async function stopOrphanPostgres(dataDir: string, timeoutMs = 15_000): Promise<void> {
  const pm = postmaster(dataDir);
  if (!pm || !pm.pid || !isAlive(pm.pid)) return;
  if (!cmdline(pm.pid).includes(path.join(dataDir, 'pg'))) return;
  const kids = childrenOf(pm.pid);
  try {
    process.kill(pm.pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = clock.nowMs() + timeoutMs;
  while (isAlive(pm.pid) && clock.nowMs() < deadline) await sleep(50);
  for (const pid of [pm.pid, ...kids]) {
    if (isAlive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

/** Full cleanup of a test data folder: Pivot process group, then any PostgreSQL left on the folder, then the folder. */
export async function cleanup(dataDir: string, ...processes: (PivotProcess | undefined)[]): Promise<void> {
  for (const p of processes) await p?.stop(10_000).catch(() => undefined);
  await stopOrphanPostgres(dataDir).catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

export async function login(url: string, email = 'secretaire@demo.pivot', password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Runs a pivot CLI command to completion (e.g. `audit verify`), bounded in time. */
export async function runCli(dataDir: string, args: string[], timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const p = spawnPivot(dataDir, 0, { args });
  const timer = sleep(timeoutMs).then(() => 'timeout' as const);
  const r = await Promise.race([p.exited, timer]);
  if (r === 'timeout') {
    await p.stop(2000);
    return { code: null, output: `${p.output()}\n[timeout after ${timeoutMs} ms]` };
  }
  return { code: r.code, output: p.output() };
}
