import { defineConfig } from 'vitest/config';

// Three tiers: pure unit tests, integration tests against a real PostgreSQL, end-to-end tests in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.integration.test.ts', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.integration.test.ts', 'tests/crash/**/*.test.ts'],
          globalSetup: ['tests/global-setup.ts'],
          // The route-table walks (isolation, fuzz) send thousands of requests: ~30 s alone, over 60 s while the
          // end-to-end run shares the machine (npm test overlaps them).
          testTimeout: 180_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 10_000 } },
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // expect.poll waits 1 s by default: a reply or a live update takes longer on a loaded 2-core machine
          // (three dates of the multi-date run at once). A real failure still fails, later.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
