import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runAsync, VERSION } from '../src/main';
import { COMMANDS } from '../src/command-specs';
import { SMALL_SCHEME } from '../../contract/test/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-cli-usage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const scheme = file('scheme.yaml', SMALL_SCHEME);
const facts = file('facts.yaml', '- {unit: a, ref: c1, type: occurrence, count: 3}\n- {unit: b, ref: c2, type: rate, numerator: 100, denominator: 100}\n');
const docx = fileURLToPath(new URL('../../office/test/fixtures/000-ideology.docx', import.meta.url));

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAsync(args, { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('help and version', () => {
  it('prints the version with --version, -V and version', async () => {
    for (const a of ['--version', '-V', 'version']) expect(await cli([a])).toMatchObject({ code: 0, out: `kaohe ${VERSION}（考核通 命令行）` });
  });

  it.each(COMMANDS.map((c) => c.name))('kaohe %s --help, -h and kaohe help <command> print that command’s usage, exit 0', async (name) => {
    const long = await cli([name, '--help']);
    expect(long.code).toBe(0);
    expect(long.out.startsWith(`用法：kaohe ${name}`)).toBe(true);
    expect(long.out).toContain('-h, --help');
    expect(long.err).toBe('');
    expect((await cli([name, '-h'])).out).toBe(long.out);
    expect((await cli(['help', name])).out).toBe(long.out);
    // One command's usage only: no other command's synopsis.
    for (const other of COMMANDS.filter((c) => c.name !== name)) expect(long.out).not.toContain(`用法：kaohe ${other.name}`);
  });

  it('--help after other arguments still prints the usage instead of running', async () => {
    const r = await cli(['score', scheme, facts, '--format', 'json', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法：kaohe score <方案文件> <事实文件>');
  });

  it('lists every command with kaohe --help; no arguments prints it to stderr with exit 2', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toContain(`  ${c.name}`);
    expect(r.out).toContain('admin');
    expect((await cli([])).code).toBe(2);
  });

  it('names the server commands in help without running them', async () => {
    expect((await cli(['help', 'backup'])).out).toContain('kaohe backup --help');
  });
});

describe('usage errors: Chinese, with that command’s usage only, exit 2', () => {
  it('an unknown option names the option and the command’s options', async () => {
    const r = await cli(['import', docx, '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('错误：kaohe import 没有选项“--frobnicate”；可用选项：--output、--report');
    expect(r.err).toContain('用法：kaohe import <文档>');
    expect(r.err).not.toContain('用法：kaohe score');
    expect(r.err).not.toMatch(/Unknown option|positional/);
  });

  it('a missing option value and a wrong number of arguments', async () => {
    expect((await cli(['score', scheme, facts, '--format'])).err).toContain('选项“--format”缺少值');
    const few = await cli(['score', scheme]);
    expect(few.code).toBe(2);
    expect(few.err).toContain('kaohe score 需要 <方案文件> <事实文件>：缺少参数 <事实文件>');
    expect(few.err).toContain('用法：kaohe score');
    expect((await cli(['validate', scheme, facts])).err).toContain(`多余的参数“${facts}”`);
  });

  it('a value outside the choices, from the command line or from KAOHE_*', async () => {
    expect((await cli(['explain', scheme, facts, '--unit', 'a', '--by', 'boss'])).err).toContain('--by 应为 division 或 leader，收到“boss”');
    const env = await cli(['explain', scheme, facts, '--unit', 'a'], { KAOHE_FORMAT: 'csv' });
    expect(env.code).toBe(2);
    expect(env.err).toContain('环境变量 KAOHE_FORMAT 应为 text 或 json，收到“csv”');
  });

  it('an unknown command suggests a near one and shows the general usage', async () => {
    const r = await cli(['scor', scheme]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知命令“scor”，您是否想输入 score？');
    expect(r.err).toContain('用法：kaohe <命令>');
  });
});

describe('options from KAOHE_* environment variables', () => {
  it('KAOHE_FORMAT and KAOHE_GROUP apply when the option is not given; the option wins', async () => {
    const json = await cli(['score', scheme, facts], { KAOHE_FORMAT: 'json', KAOHE_GROUP: 'towns' });
    expect(JSON.parse(json.out).groups.map((g: { code: string }) => g.code)).toEqual(['towns']);
    const csv = await cli(['score', scheme, facts, '--format', 'csv'], { KAOHE_FORMAT: 'json' });
    expect(csv.out.startsWith('\uFEFF分组,排名')).toBe(true);
  });

  it('the usage names the variable of each option that may come from the environment', async () => {
    const r = await cli(['export', '--help']);
    expect(r.out).toContain('也可由 KAOHE_EXPORT_AS 给出');
    expect(r.out).toContain('也可由 KAOHE_LAYOUT 给出');
    expect(r.out).not.toContain('KAOHE_OUTPUT');
  });

  it('KAOHE_VERBOSE shows the stack like --verbose', async () => {
    const r = await cli(['validate', join(dir, 'missing.yaml')], { KAOHE_VERBOSE: '1' });
    expect(r.err).toContain('找不到文件');
    expect(r.err).toMatch(/\n\s+at /);
  });
});

describe('file errors in Chinese, no stack without --verbose', () => {
  it('a folder given as the scheme', async () => {
    const r = await cli(['validate', dir]);
    expect(r).toMatchObject({ code: 1, err: `${dir} 是一个文件夹，请给出其中的文件` });
  });

  it('an -o path in a missing folder, a folder, or a read-only place', async () => {
    const missing = await cli(['export', scheme, '--as', 'xlsx', '-o', join(dir, 'no', 'such', 'x.xlsx')]);
    expect(missing).toMatchObject({ code: 1, err: `无法写入 ${join(dir, 'no', 'such', 'x.xlsx')}：所在文件夹不存在` });
    const folder = await cli(['export', scheme, '--as', 'xlsx', '-o', dir]);
    expect(folder.code).toBe(1);
    expect(folder.err).toContain(`无法写入 ${dir}：是一个文件夹，不是文件（请在 -o 后给出文件名，不是文件夹）`);
    expect(folder.err).not.toMatch(/\n\s+at |EISDIR|内部错误/);
    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      const r = await cli(['import', docx, '-o', join(ro, 's.yaml')]);
      expect(r.err).toContain('没有访问权限');
    }
  });

  it('with --verbose the stack follows the message', async () => {
    const r = await cli(['export', scheme, '--as', 'xlsx', '-o', dir, '--verbose']);
    expect(r.err).toMatch(/\n\s+at /);
  });

  it('a YAML syntax error is described in Chinese with its line', async () => {
    const bad = file('bad.yaml', 'formatVersion: 1\ncode: x\n\tyear: 2020\n');
    const r = await cli(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.yaml:3');
    expect(r.err).toContain('文件格式错误（YAML/JSON）：不能用 Tab 缩进，请改用空格');
    expect(r.err).not.toMatch(/[A-Za-z]{6,} (are|is|must) /);
    const dup = await cli(['validate', file('dup.yaml', 'code: a\ncode: b\n')]);
    expect(dup.err).toContain('dup.yaml:2');
    expect(dup.err).toContain('同一层中键重复出现');
  });
});

describe('the wrong kind of file says what it is and which command wants it', () => {
  it('a Word document or a PDF given to validate', async () => {
    const r = await cli(['validate', docx]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${docx} 是 Word 文档，不是方案文件：kaohe validate 需要 YAML 或 JSON 方案文件。考核方案原文请先导入：kaohe import ${docx} -o scheme.yaml，再对 scheme.yaml 运行 kaohe validate`);
    const pdf = file('方案.pdf', '%PDF-1.7\n1 0 obj\n');
    expect((await cli(['validate', pdf])).err).toContain('是 PDF 文件，不是方案文件：kaohe validate 需要 YAML 或 JSON 方案文件。PDF 不能直接导入，请在 Word 中打开并另存为 .docx');
    expect((await cli(['score', scheme, docx])).err).toContain('不是事实文件：kaohe score 需要 YAML、JSON 或 CSV 格式的事实文件');
  });

  it('a file named as a document that holds plain text says its name and content disagree', async () => {
    const renamed = file('方案2.pdf', '这是一段文字\n');
    const r = await cli(['validate', renamed]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${renamed} 的扩展名是 .pdf，但内容不是 PDF 文件（可能改过扩展名或已损坏）：kaohe validate 需要 YAML 或 JSON 方案文件；考核方案原文请在 Word/Excel 中重新另存后用 kaohe import 导入`);
    const facts2 = file('数据.doc', '单位 数据\n');
    expect((await cli(['score', scheme, facts2])).err).toContain('的扩展名是 .doc，但内容不是 Word 97-2003 文档（可能改过扩展名或已损坏）：kaohe score 需要 YAML 或 JSON 事实文件（或 CSV）');
  });

  it('a scheme file or a facts file given to import', async () => {
    const r = await cli(['import', scheme, '-o', join(dir, 'out.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${scheme} 已是考核通方案文件（YAML），无需导入：kaohe import 读取的是 Word/Excel/文本格式的考核方案原文。校验此文件用 kaohe validate ${scheme}，计分用 kaohe score ${scheme} <事实文件>`);
    expect(existsSync(join(dir, 'out.yaml'))).toBe(false);
    expect((await cli(['import', facts])).err).toContain('是事实文件（各单位的考核数据），不是考核方案原文');
  });
});

describe('zod issues in plain Chinese', () => {
  it('a unit without a category says a unitCategories entry is needed', async () => {
    const r = await cli(['validate', file('nocat.yaml', 'formatVersion: 1\ncode: x\nyear: 2020\ntitle: 测试\nunits:\n  - {code: a, name: 甲镇}\n')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('nocat.yaml:6');
    expect(r.err).toContain('units[0].category：缺少必填字段 category：单位类别的编码，须是 unitCategories 中某一项的 code');
    expect(r.err).not.toContain('期望');
  });

  it('a wrong type names what is expected and what was found', async () => {
    const r = await cli(['validate', file('type.yaml', 'formatVersion: 1\ncode: x\nyear: 2020\ntitle: [a, b]\n')]);
    expect(r.err).toContain('title：“title”应为文字，实际是一个列表');
  });
});

describe('completion', () => {
  it('prints bash and zsh scripts naming every command and its options', async () => {
    const bash = await cli(['completion', 'bash']);
    expect(bash.code).toBe(0);
    expect(bash.out).toContain('complete -o filenames -o bashdefault -F _kaohe kaohe');
    for (const c of COMMANDS) expect(bash.out).toContain(c.name);
    expect(bash.out).toContain('score:--format) COMPREPLY=( $(compgen -W "table json csv"');
    const zsh = await cli(['completion', 'zsh']);
    expect(zsh.out).toContain('bashcompinit');
    expect((await cli(['completion', 'fish'])).code).toBe(2);
  });
});
