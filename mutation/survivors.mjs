#!/usr/bin/env node
// node mutation/survivors.mjs <target>: the surviving and uncovered mutants of the last run of a
// target (reports/mutation/<target>.json), one a line: status, file:line, mutator, replacement and
// the source line — the list docs/testing.md sorts into "equivalent" and "killed by a test".
import { readFileSync } from 'node:fs';

const target = process.argv[2] ?? 'all';
const report = JSON.parse(readFileSync(`reports/mutation/${target}.json`, 'utf8'));
for (const [file, data] of Object.entries(report.files)) {
  const lines = data.source.split('\n');
  for (const m of data.mutants) {
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
    const line = m.location.start.line;
    const code = lines[line - 1].trim().slice(0, 110);
    console.log(`${m.status === 'Survived' ? 'S' : 'N'} ${file.replace('packages/core/src/', '')}:${line} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '').slice(0, 60)} | ${code}`);
  }
}
