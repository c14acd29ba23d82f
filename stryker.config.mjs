// Mutation testing of packages/core (npm run mutate; docs/testing.md, "Mutation testing").
// Run one folder at a time: `npm run mutate -- scoring` (mutation/run.mjs) sets MUTATE_TARGET, and
// this file turns it into the files to mutate and a committed incremental file
// (mutation/incremental-<target>.json), so the next session reruns only the mutants whose code or
// covering tests changed. Without a target it mutates all of packages/core/src (slow).
// One test process at a time: the machine is shared.
import { existsSync } from 'node:fs';

const targets = {
  points: ['packages/core/src/points.ts'],
  grading: ['packages/core/src/grading/**/*.ts'],
  ranking: ['packages/core/src/ranking/**/*.ts'],
  scoring: ['packages/core/src/scoring/**/*.ts'],
  rules: ['packages/core/src/rules/**/*.ts'],
  text: ['packages/core/src/text/**/*.ts'],
};
// A target is a folder above or files of packages/core/src, comma-separated
// (`rules/conversion.rules.ts,rules/evaluate-rule.ts`): a big folder in pieces that each finish.
// A file may carry a line range (`scoring/unit-score.ts:1-437`): one big file in parts, each with
// its own incremental file (mutation/incremental-scoring-unit-score-1-437.json).
const target = process.env.MUTATE_TARGET || '';
const files = (t) => t.split(',').map((f) => {
  if (!existsSync(`packages/core/src/${f.replace(/:\d+-\d+$/, '')}`)) throw new Error(`MUTATE_TARGET=${t}: ${f} is not a folder name (${Object.keys(targets).join(', ')}) nor a file of packages/core/src`);
  return `packages/core/src/${f}`;
});
const excluded = ['!packages/core/src/**/*.test.ts', '!packages/core/src/index.ts', '!packages/core/src/**/*.types.ts'];
const name = target ? target.replace(/\.ts/g, '').replace(/[/,:]/g, '-') : 'all';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutate.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [...(target ? (targets[target] ?? files(target)) : ['packages/core/src/**/*.ts']), ...excluded],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 1,
  incremental: true,
  incrementalFile: `mutation/incremental-${name}.json`,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // A mutant's limit is its covering tests' dry-run time × 1.5 + timeoutMS. The core's covering
  // tests run in well under a second; a mutant that times out (an endless loop) counts as
  // detected, so a lower limit only shortens the wait for those (docs/testing.md).
  timeoutMS: 5000,
};
