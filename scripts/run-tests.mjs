#!/usr/bin/env node
// Runs vitest and prints the closing line CI reads: "N passed, N failed" (vitest prints none itself).
// Usage: node scripts/run-tests.mjs [label] [vitest filters...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const [label = 'all', ...filters] = process.argv.slice(2);
mkdirSync('.tmp', { recursive: true });
const out = `.tmp/vitest-${label}.json`;
rmSync(out, { force: true });
const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...filters], { stdio: 'inherit' });
let passed = 0;
let failed = 0;
try {
  const j = JSON.parse(readFileSync(out, 'utf8'));
  passed = j.numPassedTests;
  failed = j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0) + (j.testResults ?? []).filter((t) => t.status === 'failed' && (t.assertionResults ?? []).length === 0).length;
} catch {
  failed = Math.max(failed, 1);
  console.error(`no test report at ${out}: vitest exited with ${r.status}`);
}
console.log(`${label}: ${passed} passed, ${failed} failed`);
process.exit(r.status === 0 && failed === 0 ? 0 : 1);
