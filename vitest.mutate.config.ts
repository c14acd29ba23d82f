import { defineConfig } from 'vitest/config';

// The tests StrykerJS runs against each mutant of packages/core (npm run mutate): the core's own
// tests only, in one worker (the machine is shared).
export default defineConfig({
  test: {
    include: ['packages/core/src/**/*.test.ts', 'packages/core/test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
