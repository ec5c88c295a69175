// One reading of a vitest JSON report for scripts/test-all.mjs and scripts/test-dates.mjs: what passed, what
// failed, and a suite that failed to load (syntax error, setup crash) counted as a failure although it has no
// failed test.
import fs from 'node:fs';
import path from 'node:path';

/** `undefined` when vitest wrote no report (it crashed or could not start). */
export function summariseReport(reportFile, exitStatus, root = process.cwd()) {
  if (!fs.existsSync(reportFile)) return undefined;
  const r = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')).length;
  const failed = r.numFailedTests + (brokenFiles || (exitStatus !== 0 && r.numFailedTests === 0) ? Math.max(brokenFiles, 1) : 0);
  const failures = r.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${path.relative(root, f.name)} › ${a.fullName}`));
  return { passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests, failures };
}
