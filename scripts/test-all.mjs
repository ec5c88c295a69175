#!/usr/bin/env node
// `npm test`: every suite, then one closing line "N passed, N failed" summing them all.
// Suites: unit + integration on the embedded PostgreSQL; integration again on the external
// server of PIVOT_TEST_DATABASE_URL when set; end-to-end in Debian's Chromium; then the date-sensitive
// suites under nine fixed dates (scripts/test-dates.mjs).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { summariseReport } from './vitest-report.mjs';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-test-report-'));
const logDir = path.join('test-output', 'runs');
fs.mkdirSync(logDir, { recursive: true });
// `background`: runs beside the next run, its output in test-output/runs/<log> (printed when it fails). The
// external-PostgreSQL integration run and the end-to-end run share no server, so they overlap: the end-to-end
// run mostly waits on Chromium and the network (docs/benchmarks.md has the durations).
const runs = [{ name: 'unit + integration (embedded PostgreSQL)', args: ['--project', 'unit', '--project', 'integration'], env: {} }];
if (process.env.PIVOT_TEST_DATABASE_URL) {
  // The crash tests drive the embedded server itself: once is enough.
  runs.push({ name: 'integration (external PostgreSQL)', args: ['--project', 'integration', '--exclude', 'tests/crash/**'], env: { PIVOT_TEST_TARGET: 'external' }, background: 'external-integration.log' });
} else {
  console.log('PIVOT_TEST_DATABASE_URL not set: integration tests run on the embedded PostgreSQL only.');
}
if (process.env.PIVOT_SKIP_E2E === '1') console.log('PIVOT_SKIP_E2E=1: end-to-end tests skipped.');
else runs.push({ name: 'end-to-end (Chromium)', args: ['--project', 'e2e'], env: {} });

let passed = 0;
let failed = 0;
let skipped = 0;
const extraArgs = process.argv.slice(2);

function start(run, i) {
  const report = path.join(outDir, `report-${i}.json`);
  const log = run.background ? fs.openSync(path.join(logDir, run.background), 'w') : undefined;
  console.log(`\n=== ${run.name}${log ? ` (alongside the next run; output in ${path.join(logDir, run.background)})` : ''} ===`);
  const child = spawn('npx', ['vitest', 'run', ...run.args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs], {
    stdio: log ? ['ignore', log, log] : 'inherit',
    env: { ...process.env, ...run.env, ...(log ? { NO_COLOR: '1' } : {}) },
  });
  return new Promise((resolve) => child.on('close', (status) => {
    if (log) fs.closeSync(log);
    resolve({ run, report, status });
  }));
}

function count({ run, report, status }) {
  const r = summariseReport(report, status);
  if (!r) {
    console.error(`${run.name}: no report (vitest exited with ${status}); counted as one failure.`);
    failed += 1;
    return;
  }
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
  console.log(`\n${run.name}: ${r.passed} passed, ${r.failed} failed`);
  if (run.background && r.failed) {
    const lines = fs.readFileSync(path.join(logDir, run.background), 'utf8').split('\n');
    const from = Math.max(0, lines.findIndex((l) => /Failed Tests|FAIL /.test(l)));
    console.log(lines.slice(from, from + 120).join('\n'));
  }
}

const pending = [];
for (const [i, run] of runs.entries()) {
  const started = start(run, i);
  if (run.background) pending.push(started);
  else count(await started);
}
for (const p of pending) count(await p);
// The date-sensitive suites again under fixed dates (Sunday, holiday, DST nights, 23:50 in Paris, 31 December,
// 29 February…): scripts/test-dates.mjs. PIVOT_TEST_DATES=0 skips them (a quicker run while developing).
if (process.env.PIVOT_TEST_DATES === '0' || process.env.PIVOT_SKIP_E2E === '1') {
  console.log('\nPIVOT_TEST_DATES=0 or PIVOT_SKIP_E2E=1: the multi-date run is skipped.');
} else {
  const datesReport = path.join(outDir, 'dates.json');
  console.log('\n=== date-sensitive suites under fixed dates ===');
  const res = spawnSync('node', ['scripts/test-dates.mjs', ...extraArgs], { stdio: 'inherit', env: { ...process.env, PIVOT_DATES_REPORT: datesReport } });
  if (fs.existsSync(datesReport)) {
    const r = JSON.parse(fs.readFileSync(datesReport, 'utf8'));
    passed += r.passed;
    failed += r.failed;
  } else {
    console.error(`multi-date run: no report (exit ${res.status}); counted as one failure.`);
    failed += 1;
  }
}
fs.rmSync(outDir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
