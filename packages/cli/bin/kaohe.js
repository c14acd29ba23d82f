#!/usr/bin/env node
// The `kaohe` command. Runs the TypeScript sources through tsx (no build step; see docs/ARCHITECTURE.md).
// Offline commands (validate, score, explain, import, export, schema) live in packages/cli; the
// commands that work on the server's database (admin, audit, demo, backup, restore) are handed to
// packages/server's CLI here, at the binary, so packages/cli itself never depends on the server.
import { register } from 'tsx/esm/api';
register();
const SERVER_COMMANDS = new Set(['admin', 'audit', 'demo', 'backup', 'restore']);
if (SERVER_COMMANDS.has(process.argv[2] ?? '')) {
  const { main } = await import('../../server/src/cli.ts');
  await main();
} else {
  await import('../src/main.ts');
}
