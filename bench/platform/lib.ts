import fs from 'node:fs';
import { childrenOf, cleanup, freePort, makeDataDir, postmaster, spawnPivot, type PivotProcess } from '../../tests/crash/pivot-process.js';

/** Shared helpers of the platform benchmarks: Pivot runs as a child process (`node bin/pivot.mjs start`), loopback only. */
export { childrenOf, cleanup, freePort, makeDataDir, postmaster, spawnPivot, type PivotProcess };

/** Starts Pivot on `dataDir` and returns once /api/health answers 200. */
export async function startPivot(dataDir: string, opts: { nodeArgs?: string[] } = {}): Promise<PivotProcess> {
  const p = spawnPivot(dataDir, await freePort(), { readyTimeoutMs: 120_000, ...opts });
  await p.ready;
  return p;
}

/** A data folder already initialised (initdb, migrations, demo data), left stopped. */
export async function preparedDataDir(prefix: string): Promise<{ dir: string; firstStartMs: number; firstStopMs: number }> {
  const dir = makeDataDir(prefix);
  const port = await freePort();
  const t0 = performance.now();
  const p = spawnPivot(dir, port, { readyTimeoutMs: 120_000 });
  const firstStartMs = await untilHealthy(p, t0);
  const s0 = performance.now();
  await p.stop(60_000); // the first shutdown checkpoint flushes the whole new cluster (fsync on)
  return { dir, firstStartMs, firstStopMs: performance.now() - s0 };
}

/** Milliseconds from `t0` to the first 200 on /api/health (polled every 10 ms). */
export async function untilHealthy(p: PivotProcess, t0: number, timeoutMs = 120_000): Promise<number> {
  let exited = false;
  void p.exited.then(() => (exited = true));
  while (performance.now() - t0 < timeoutMs) {
    if (exited) throw new Error(`Pivot exited:\n${p.output().slice(-2000)}`);
    const res = await fetch(`${p.url}/api/health`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    if (res?.status === 200) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`not healthy after ${timeoutMs} ms:\n${p.output().slice(-2000)}`);
}

function statusField(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** Resident set size, MB. */
export const rssMb = (pid: number) => statusField(pid, 'VmRSS') / 1024;

/** Proportional set size, MB: shared pages (PostgreSQL shared buffers) divided among the processes mapping them. */
export function pssMb(pid: number): number {
  const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** CPU time (user + system) of a process, in seconds. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return 0;
  }
}

/** The PostgreSQL server processes of a data folder: postmaster and its children. */
export function postgresPids(dataDir: string): number[] {
  const pm = postmaster(dataDir);
  return pm ? [pm.pid, ...childrenOf(pm.pid)] : [];
}

export async function login(url: string, email = 'secretaire@demo.pivot'): Promise<string> {
  const { login } = await import('../../tests/crash/pivot-process.js');
  return login(url, email);
}

export function printTable(rows: Record<string, string | number>[]): void {
  console.table(rows);
  const cols = Object.keys(rows[0] ?? {});
  console.log(`| ${cols.join(' | ')} |\n|${cols.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${cols.map((c) => String(r[c])).join(' | ')} |`);
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
export const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
