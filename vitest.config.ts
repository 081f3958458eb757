import { defineConfig } from 'vitest/config';

/*
 * Slow suites drive other processes (Chromium, a server process killed mid-burst) and take tens of
 * seconds each: they live in test/browser/ or are named `*.slow.test.ts`. `npm run test:fast`
 * excludes both globs, and .ci/run runs them in one of its two passes only.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/types/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});
