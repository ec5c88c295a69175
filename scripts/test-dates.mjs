#!/usr/bin/env node
// The date-sensitive suites under fixed clocks: the days that broke or could break them (a Sunday, a Saturday
// morning, a public holiday and its eve, the two nights of the daylight-saving changes, 23:50 in Paris,
// 31 December, 29 February). Today is the main `npm test` run. Each date runs the integration and end-to-end
// files below with PIVOT_NOW (see src/server/platform/clock.ts): server, SQL, seed, tests and browser all
// believe it is that day, and the clock runs on from there.
//
//   node scripts/test-dates.mjs                 every date
//   node scripts/test-dates.mjs --only sunday   one date (names below); extra arguments go to vitest
//
// Last line: "N passed, N failed" over all dates. Used by scripts/test-all.mjs (npm test).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Paris wall-clock instants, with their offset (CET +01:00, CEST +02:00). */
export const DATES = [
  { name: 'sunday', at: '2026-12-13T10:15:00+01:00', why: 'a Sunday: the practice is closed' },
  { name: 'saturday-morning', at: '2026-12-12T09:05:00+01:00', why: 'a Saturday morning: half-day opening' },
  { name: 'holiday', at: '2027-07-14T10:00:00+02:00', why: 'a public holiday on a weekday (14 July)' },
  { name: 'holiday-eve', at: '2026-12-24T17:45:00+01:00', why: 'the eve of a holiday (Christmas Eve, late afternoon)' },
  { name: 'dst-spring-night', at: '2027-03-28T01:40:00+01:00', why: 'the night clocks go forward (02:00 → 03:00)' },
  { name: 'dst-autumn-night', at: '2027-10-31T02:40:00+02:00', why: 'the night clocks go back (03:00 → 02:00)' },
  { name: 'paris-23-50', at: '2026-12-08T23:50:00+01:00', why: '23:50 in Paris: the next day in a few minutes, still the same day in UTC' },
  { name: 'new-years-eve', at: '2026-12-31T18:00:00+01:00', why: '31 December: next week is next year' },
  { name: 'leap-day', at: '2028-02-29T11:00:00+01:00', why: '29 February' },
];

/** Suites whose outcome depends on the day or the hour: agenda, bookings, reminders, desk, assistant, phone, statistics. */
export const DATE_SENSITIVE = [
  'src/server/platform/clock.integration.test.ts',
  'src/server/agenda',
  'src/server/reception',
  'src/server/assistant',
  'src/server/phone-log',
  'src/server/desk-stats',
  'src/server/incidents',
  'src/server/jobs',
  'src/server/auth/auth.integration.test.ts',
  'src/server/patients/merge',
  'tests/e2e/agenda.test.ts',
  'tests/e2e/booking.test.ts',
  'tests/e2e/reception.test.ts',
  'tests/e2e/desk.test.ts',
  'tests/e2e/assistant.test.ts',
];

function main() {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
  const dates = only ? DATES.filter((d) => d.name === only) : DATES;
  if (!dates.length) {
    console.error(`Unknown date « ${only} »: ${DATES.map((d) => d.name).join(', ')}`);
    process.exit(2);
  }
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  // The web bundle does not depend on the date: build it once for every date's end-to-end tests.
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-dates-'));
  let passed = 0;
  let failed = 0;
  const lines = [];
  for (const [i, date] of dates.entries()) {
    const report = path.join(outDir, `report-${i}.json`);
    const t0 = Date.now();
    console.log(`\n=== ${date.name}: ${date.at} (${date.why}) ===`);
    const res = spawnSync(
      'npx',
      ['vitest', 'run', '--project', 'integration', '--project', 'e2e', ...DATE_SENSITIVE, '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`, ...args],
      {
        cwd: root,
        stdio: 'inherit',
        // PIVOT_NOW_SINCE: every process of this run (vitest workers, job workers) shares one offset.
        env: { ...process.env, PIVOT_NOW: date.at, PIVOT_NOW_SINCE: String(Date.now()), PIVOT_E2E_PREBUILT: '1' },
      },
    );
    const seconds = Math.round((Date.now() - t0) / 1000);
    if (!fs.existsSync(report)) {
      failed += 1;
      lines.push(`${date.name.padEnd(18)} no report (vitest exited with ${res.status})`);
      continue;
    }
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')).length;
    const dateFailed = r.numFailedTests + (brokenFiles || (res.status !== 0 && r.numFailedTests === 0) ? Math.max(brokenFiles, 1) : 0);
    passed += r.numPassedTests;
    failed += dateFailed;
    const failures = r.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => `    ✗ ${path.relative(root, f.name)} › ${a.fullName}`));
    lines.push(`${date.name.padEnd(18)} ${date.at}  ${r.numPassedTests} passed, ${dateFailed} failed  (${seconds} s)`, ...failures);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  console.log(`\n=== dates ===\n${lines.join('\n')}`);
  // npm test (scripts/test-all.mjs) adds these counts to its own closing line.
  if (process.env.PIVOT_DATES_REPORT) fs.writeFileSync(process.env.PIVOT_DATES_REPORT, JSON.stringify({ passed, failed }));
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
