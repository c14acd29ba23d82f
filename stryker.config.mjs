// Mutation testing of packages/core (npm run mutate; docs/testing.md). Incremental: a rerun after a
// small change tests only the mutants whose code or tests changed (reports/stryker-incremental.json).
// One test process at a time: the machine is shared. A folder alone: npm run mutate -- --mutate 'packages/core/src/ranking/**/*.ts'
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutate.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ['packages/core/src/**/*.ts', '!packages/core/src/**/*.test.ts', '!packages/core/src/index.ts', '!packages/core/src/**/*.types.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 1,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 20000,
};
