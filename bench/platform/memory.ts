/**
 * Idle memory: resident memory of the Pivot node process and of the embedded PostgreSQL processes,
 * right after start and after 10 s idle (target ≤ 300 MB for the node process).
 * Run: npx tsx bench/platform/memory.ts
 */
import { cleanup, postgresPids, preparedDataDir, printTable, pssMb, rssMb, startPivot } from './lib.js';

const IDLE_MS = 10_000;
const TARGET_MB = 300;

const { dir } = await preparedDataDir('pivot-bench-mem-');
const p = await startPivot(dir);
const rows: Record<string, string>[] = [];
try {
  const sample = (when: string) => {
    const pg = postgresPids(dir);
    const pgRss = pg.reduce((s, pid) => s + rssMb(pid), 0);
    const pgPss = pg.reduce((s, pid) => s + pssMb(pid), 0);
    const node = rssMb(p.pid);
    rows.push(
      { when, process: 'Pivot node process (RSS)', MB: node.toFixed(1), target: `≤ ${TARGET_MB} MB ${node <= TARGET_MB ? 'OK' : 'MISSED'}` },
      { when, process: `PostgreSQL, ${pg.length} processes (sum of RSS)`, MB: pgRss.toFixed(1), target: '(information)' },
      { when, process: `PostgreSQL, ${pg.length} processes (sum of PSS)`, MB: pgPss.toFixed(1), target: '(information; shared memory counted once)' },
      { when, process: 'total node RSS + PostgreSQL PSS', MB: (node + pgPss).toFixed(1), target: '' },
    );
  };
  sample('after start');
  await new Promise((r) => setTimeout(r, IDLE_MS));
  sample(`after ${IDLE_MS / 1000} s idle`);
} finally {
  await cleanup(dir, p);
}
printTable(rows);
