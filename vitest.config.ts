import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          // `expect(…).toBeVisible()` for the renderer tests.
          setupFiles: ['tests/unit/dom-matchers.ts'],
          // Vitest's 5 s default is too tight on a busy two-core machine: a screen test that loads
          // a lazy chunk, or the lint-rule tests that run ESLint, took 5–15 s there and failed as
          // timeouts, not on what they check.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Integration suites share one PostgreSQL server; keep them from stepping on each other.
          fileParallelism: false,
          // That server: the configured one, or an embedded one when it does not answer.
          globalSetup: ['tests/integration/global-setup.ts'],
        },
      },
      {
        test: {
          // `npm run test:resilience`: hostile and clumsy input, kills and restarts, each bounded in count and time.
          name: 'resilience',
          include: ['tests/resilience/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
