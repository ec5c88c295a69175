#!/usr/bin/env node
// The date-sensitive suites under fixed clocks: the days that broke or could break them (a Sunday, a Saturday
// morning, a public holiday and its eve, the two nights of the daylight-saving changes, 23:50 in Paris,
// 31 December, 29 February). Today is the main `npm test` run. Each date runs the integration and end-to-end
// files below with PIVOT_NOW (see src/server/platform/clock.ts): server, SQL, seed, tests and browser all
// believe it is that day, and the clock runs on from there.
//
//   node scripts/test-dates.mjs                 every date, PIVOT_DATES_PARALLEL (default 5) at a time
//   node scripts/test-dates.mjs --only sunday   one date (names below); other arguments go to vitest
//
// Each date's output is kept in test-output/dates/<name>.log. Last line: "N passed, N failed" over all dates.
// Used by scripts/test-all.mjs (npm test).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { summariseReport } from './vitest-report.mjs';

/** Paris wall-clock instants, with their offset (CET +01:00, CEST +02:00). */
export const DATES = [
  { name: 'sunday', at: '2026-12-13T10:15:00+01:00', why: 'a Sunday: the practice is closed' },
  { name: 'saturday-morning', at: '2026-12-12T09:05:00+01:00', why: 'a Saturday morning' },
  { name: 'holiday', at: '2027-07-14T10:00:00+02:00', why: 'a public holiday on a weekday (14 July)' },
  { name: 'holiday-eve', at: '2026-12-24T17:45:00+01:00', why: 'the eve of a holiday (Christmas Eve, late afternoon)' },
  { name: 'dst-spring-night', at: '2027-03-28T01:40:00+01:00', why: 'the night clocks go forward (02:00 → 03:00)' },
  { name: 'dst-autumn-night', at: '2027-10-31T02:40:00+02:00', why: 'the night clocks go back (03:00 → 02:00)' },
  { name: 'paris-23-50', at: '2026-12-08T23:50:00+01:00', why: '23:50 in Paris: tomorrow in ten minutes, still today in UTC' },
  { name: 'paris-00-20', at: '2026-12-09T00:20:00+01:00', why: 'twenty past midnight in Paris: the day is 20 minutes old, yesterday in UTC' },
  { name: 'new-years-eve', at: '2026-12-31T18:00:00+01:00', why: '31 December: next week is next year' },
  { name: 'leap-day', at: '2028-02-29T11:00:00+01:00', why: '29 February' },
];

/** Suites whose outcome depends on the day or the hour: agenda, online booking, reminders, desk, assistant, phone, statistics. */
export const DATE_SENSITIVE = [
  'src/server/platform/clock.integration.test.ts',
  'src/server/agenda/agenda.integration.test.ts',
  'src/server/agenda/notifications.integration.test.ts',
  'src/server/agenda/no-show-policy.integration.test.ts',
  'src/server/agenda/move-practitioner.integration.test.ts',
  'src/server/reception',
  'src/server/assistant',
  'src/server/phone-log',
  'src/server/desk-stats',
  'src/server/patients/merge',
  'tests/e2e/agenda.test.ts',
  'tests/e2e/booking.test.ts',
  'tests/e2e/reception.test.ts',
];
// The other end-to-end suites (desk, assistant chat, patients, platform) drive screens whose date logic is
// already covered above by their integration tests (phone log, desk statistics, assistant dialogs).

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const logDir = path.join(root, 'test-output', 'dates');

function runDate(date, extraArgs) {
  const report = path.join(logDir, `${date.name}.json`);
  const log = fs.openSync(path.join(logDir, `${date.name}.log`), 'w');
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      'npx',
      ['vitest', 'run', '--project', 'integration', '--project', 'e2e', ...DATE_SENSITIVE, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs],
      {
        cwd: root,
        stdio: ['ignore', log, log],
        // PIVOT_NOW_SINCE: every process of this date's run (vitest workers, job workers) shares one offset.
        env: { ...process.env, PIVOT_NOW: date.at, PIVOT_NOW_SINCE: String(Date.now()), PIVOT_E2E_PREBUILT: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
      },
    );
    child.on('close', (status) => {
      fs.closeSync(log);
      const seconds = Math.round((Date.now() - t0) / 1000);
      const r = summariseReport(report, status, root);
      if (!r) return resolve({ date, seconds, passed: 0, failed: 1, failures: [`    no report (vitest exited with ${status})`] });
      resolve({ date, seconds, passed: r.passed, failed: r.failed, failures: r.failures.map((f) => `    ✗ ${f}`) });
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
  const dates = only ? DATES.filter((d) => only.split(',').includes(d.name)) : DATES;
  if (!dates.length) {
    console.error(`Unknown date « ${only} »: ${DATES.map((d) => d.name).join(', ')}`);
    process.exit(2);
  }
  fs.mkdirSync(logDir, { recursive: true });
  // The web bundle does not depend on the date: build it once for every date's end-to-end tests.
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
  const parallel = Math.max(1, Number(process.env.PIVOT_DATES_PARALLEL ?? 5));
  const t0 = Date.now();
  const results = [];
  const queue = [...dates];
  await Promise.all(
    Array.from({ length: Math.min(parallel, queue.length) }, async () => {
      for (let date = queue.shift(); date; date = queue.shift()) {
        console.log(`… ${date.name}: ${date.at} (${date.why})`);
        const r = await runDate(date, args);
        console.log(`${r.failed ? '✗' : '✓'} ${date.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds} s)`);
        results.push(r);
      }
    }),
  );
  results.sort((a, b) => dates.indexOf(a.date) - dates.indexOf(b.date));
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`\n=== dates (${parallel} at a time, ${Math.round((Date.now() - t0) / 1000)} s; logs in test-output/dates/) ===`);
  for (const r of results) console.log(`${r.date.name.padEnd(18)} ${r.date.at}  ${r.passed} passed, ${r.failed} failed  (${r.seconds} s)`, ...(r.failures.length ? ['\n' + r.failures.join('\n')] : []));
  for (const r of results.filter((x) => x.failed)) {
    const lines = fs.readFileSync(path.join(logDir, `${r.date.name}.log`), 'utf8').split('\n');
    const from = lines.findIndex((l) => /Failed Tests|FAIL /.test(l));
    console.log(`\n--- ${r.date.name} (${r.date.at}) ---\n${lines.slice(Math.max(0, from), from + 80).join('\n')}`);
  }
  // npm test (scripts/test-all.mjs) adds these counts to its own closing line.
  if (process.env.PIVOT_DATES_REPORT) fs.writeFileSync(process.env.PIVOT_DATES_REPORT, JSON.stringify({ passed, failed }));
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
