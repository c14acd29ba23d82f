#!/usr/bin/env node
// Runs vitest and prints the closing line CI reads: "N passed, N failed" (vitest prints none itself).
// Usage: node scripts/run-tests.mjs [label] [vitest filters or options...]
// Without filters (the README's `npm test`) the browser tests run too, as a second vitest pass
// (vitest.browser.config.ts: Debian's Chromium against the real server); the last line counts both.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const [label = 'all', ...filters] = process.argv.slice(2);
mkdirSync('.tmp', { recursive: true });

function run(name, args) {
  const out = `.tmp/vitest-${name}.json`;
  rmSync(out, { force: true });
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...args], { stdio: 'inherit' });
  let passed = 0;
  let failed = 0;
  try {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    passed = j.numPassedTests;
    // A file that failed without a failed test of its own (an import error, a beforeAll that threw or timed out, so
    // its tests were skipped) counts as one failure and says why: never a silent "5 skipped".
    const broken = (j.testResults ?? []).filter((t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed'));
    for (const t of broken) console.error(`failed without a failed test (its tests did not run; the error is printed above): ${t.name}${t.message ? `\n  ${String(t.message).split('\n').slice(0, 5).join('\n  ')}` : ''}`);
    failed = j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0) + broken.length;
  } catch {
    failed = Math.max(failed, 1);
    console.error(`no test report at ${out}: vitest exited with ${r.status}`);
  }
  // indented so that only the closing total matches CI's "label: N passed, N failed"
  console.log(`  ${name} pass: ${passed} passed, ${failed} failed`);
  return { passed, failed, ok: r.status === 0 && failed === 0 };
}

const passes = [run(label, filters)];
if (filters.length === 0 && label !== 'postgres' && label !== 'browser') passes.push(run(`${label}-browser`, ['--config', 'vitest.browser.config.ts']));
const passed = passes.reduce((n, p) => n + p.passed, 0);
const failed = passes.reduce((n, p) => n + p.failed, 0);
console.log(`${label}: ${passed} passed, ${failed} failed`);
process.exit(passes.every((p) => p.ok) ? 0 : 1);
