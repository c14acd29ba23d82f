#!/usr/bin/env node
// npm run mutate -- <target> [more stryker options]: one folder of packages/core/src
// (points | grading | ranking | scoring | rules | text) with its committed incremental file
// mutation/incremental-<target>.json. Prints the start, end, minutes and the machine's load, the
// figures docs/testing.md records for each run.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

const [target, ...rest] = process.argv.slice(2);
const env = { ...process.env };
if (target && !target.startsWith('-')) env.MUTATE_TARGET = target;
const args = target && target.startsWith('-') ? [target, ...rest] : rest;
const started = new Date();
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`mutate ${env.MUTATE_TARGET ?? 'all'}: start ${started.toISOString()}, load ${load()}`);
const res = spawnSync('npx', ['stryker', 'run', ...args], { stdio: 'inherit', env });
const ended = new Date();
const minutes = ((ended.getTime() - started.getTime()) / 60000).toFixed(1);
console.log(`mutate ${env.MUTATE_TARGET ?? 'all'}: end ${ended.toISOString()}, ${minutes} min, load ${load()}`);
process.exit(res.status ?? 1);
