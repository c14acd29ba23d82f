import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium through playwright-core against the real server on a fresh
// PGlite (packages/web/e2e). One file at a time: each starts its own server and browser.
export default defineConfig({
  test: {
    include: ['packages/web/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
