/**
 * The built `kaohe` command as a user gets it: `npm pack -w packages/cli` installed into a fresh
 * prefix and run from a folder outside the repository, and the repository's own binary handing the
 * server commands over. Slow (packs and installs); it is the only test of the build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'kaohe-pack-'));
const prefix = join(root, 'prefix');
const work = join(root, 'work');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  mkdirSync(work);
  // prepack builds dist/ from the current sources.
  execFileSync('npm', ['pack', '-w', 'packages/cli', '--pack-destination', root, '--silent'], { cwd: repo, stdio: 'pipe' });
  const tgz = readdirSync(root).find((f) => f.endsWith('.tgz'))!;
  execFileSync('npm', ['install', '-g', join(root, tgz), '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--silent'], { cwd: work, stdio: 'pipe' });
  for (const f of ['scheme.yaml', 'facts.yaml']) copyFileSync(join(repo, 'examples', 'jiaxian-2020', f), join(work, f));
  copyFileSync(join(repo, 'packages', 'office', 'test', 'fixtures', '000-ideology.docx'), join(work, '方案.docx'));
}, 180_000);

const kaohe = (...args: string[]) => {
  const r = spawnSync(join(prefix, 'bin', 'kaohe'), args, { cwd: work, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
};

describe('the packed kaohe, installed outside the repository', () => {
  it('answers --version and --help', () => {
    expect(kaohe('--version')).toMatchObject({ code: 0, out: 'kaohe 0.1.0（考核通 命令行）' });
    expect(kaohe('score', '--help').out).toContain('用法：kaohe score <方案文件> <事实文件>');
  });

  it('scores the 佳县 example and imports a Word document (office code bundled)', () => {
    const r = kaohe('score', 'scheme.yaml', 'facts.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toContain('【镇（办、中心）】共 5 个单位');
    const imp = kaohe('import', '方案.docx', '-o', 'imported.yaml');
    expect(imp.code).toBe(0);
    expect(imp.out).toContain('覆盖率：评分条款 10 条：已编译 10 条');
    expect(kaohe('validate', 'imported.yaml').code).toBe(0);
  });

  it('says in Chinese that the server commands need the repository', () => {
    const r = kaohe('admin', 'create');
    expect(r.code).toBe(1);
    expect(r.err).toContain('“kaohe admin”操作服务器数据库，只在考核通仓库中可用');
  });
});

describe('the repository binary', () => {
  it('hands server commands over, with their usage in Chinese', () => {
    const r = spawnSync(process.execPath, [join(repo, 'packages', 'cli', 'bin', 'kaohe.js'), 'backup', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('用法（服务器数据库命令');
    const bad = spawnSync(process.execPath, [join(repo, 'packages', 'cli', 'bin', 'kaohe.js'), 'restore'], { encoding: 'utf8', env: { ...process.env, DATA_DIR: join(root, 'data') } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('错误：restore 需要备份文件');
  });
});
