#!/usr/bin/env node
// The `kaohe` command: runs the JavaScript built by packages/cli/scripts/build.mjs (root `npm install`
// runs it through `prepare`; `npm run build` redoes it). `npm run kaohe -- …` runs the TypeScript
// sources through tsx instead, for development.
// Offline commands live in packages/cli; the commands that work on the server's database (admin,
// audit, demo, backup, restore) are handed to packages/server's CLI here, at the binary, so
// packages/cli itself never depends on the server.
import { existsSync, readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const first = argv[0];
if (first === '--version' || first === '-V' || first === 'version') {
  // Answered before anything else is loaded: as fast as Node starts.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`kaohe ${pkg.version}（考核通 命令行）\n`);
} else if (['admin', 'audit', 'demo', 'backup', 'restore'].includes(first ?? '')) {
  const server = new URL('../dist/server/cli.js', import.meta.url);
  if (!existsSync(server)) {
    process.stderr.write(
      `“kaohe ${first}”操作服务器数据库，只在考核通仓库中可用：在仓库中运行 npm install（或 npm run build）后用 npm link 安装 kaohe，` +
        `或直接运行 npm run kaohe-server -- ${argv.join(' ')}。此安装包只含离线命令（validate、score、explain、import、export）。\n`,
    );
    process.exitCode = 1;
  } else {
    const { main, usage } = await import(server.href);
    if (argv.includes('--help') || argv.includes('-h')) process.stdout.write(`${usage}\n`);
    else await main();
  }
} else {
  const main = new URL('../dist/cli/main.js', import.meta.url);
  if (!existsSync(main)) {
    process.stderr.write('kaohe 尚未构建：请在仓库根目录运行 npm run build（npm install 会自动构建），开发时可用 npm run kaohe -- <命令>。\n');
    process.exitCode = 1;
  } else {
    const { runMain } = await import(main.href);
    await runMain(argv);
  }
}
