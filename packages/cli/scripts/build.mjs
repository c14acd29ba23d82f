#!/usr/bin/env node
// Builds the `kaohe` command into JavaScript so it starts like any Node CLI (no TypeScript compile
// at each start; `npm run kaohe` keeps running the sources through tsx for development).
//
//   dist/cli/        the offline commands (validate, score, explain, import, export, schema) with
//                    every npm dependency bundled in: this is what `npm pack` ships, and it runs
//                    outside the repository. Office code is a separate chunk, loaded only by
//                    import/export, so `kaohe score` does not parse exceljs/docx.
//   dist/server/     the server commands (admin, audit, demo, backup, restore), bundled with the
//                    server's npm packages left external: they resolve from the repository's
//                    node_modules, so this part works from a repository install (npm link,
//                    npm install -g .) and is not in the packed tarball.
//
// Run by the root `prepare` script (npm install) and by `npm run build`.
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..');
const repo = join(cli, '..', '..');
const dist = join(cli, 'dist');

// Bundled CommonJS packages (exceljs, jszip…) call require() for Node built-ins; give ESM chunks one.
const banner = { js: "import { createRequire as __kaoheCreateRequire } from 'node:module'; const require = __kaoheCreateRequire(import.meta.url);" };

/** Keeps each source file's own import.meta.url (the server finds its migrations and the demo next to its sources). */
const keepSourceUrl = {
  name: 'keep-source-url',
  setup(b) {
    b.onLoad({ filter: /packages[\\/]server[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/** Leaves npm packages external except the workspace's own (@kaohe/*, which are TypeScript sources). */
const npmExternal = {
  name: 'npm-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@kaohe/') || args.path.startsWith('node:') ? undefined : { path: args.path, external: true }));
  },
};

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: 'linked', legalComments: 'none', logLevel: 'warning', absWorkingDir: repo };

// `prepare` passes --if-available: an install without dev dependencies (no esbuild) skips the build with a note.
let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  if (process.argv.includes('--if-available')) {
    console.warn('kaohe: 未安装 esbuild（开发依赖），跳过命令行构建；需要 kaohe 命令时请运行 npm install 后 npm run build');
    process.exit(0);
  }
  throw new Error('kaohe 构建需要 esbuild：请先运行 npm install');
}

const started = Date.now();
await rm(dist, { recursive: true, force: true });
await build({ ...common, entryPoints: { main: join(cli, 'src', 'main.ts') }, outdir: join(dist, 'cli'), splitting: true, chunkNames: 'chunks/[name]-[hash]', banner, minifyWhitespace: true, minifySyntax: true });
await build({ ...common, entryPoints: { cli: join(repo, 'packages', 'server', 'src', 'cli.ts') }, outdir: join(dist, 'server'), plugins: [keepSourceUrl, npmExternal] });
console.log(`kaohe: 已构建 ${dist}（${Date.now() - started} ms）`);
