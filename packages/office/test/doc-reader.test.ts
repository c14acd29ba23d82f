import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OfficeError } from '../src/document';
import { readOle2 } from '../src/doc-reader';
import { readDocument } from '../src/read-document';
import { readViaLibreOffice } from '../src/libreoffice';
import { defaultLimits } from '../src/limits';
import { excerptBlocks, fixture, shape } from './excerpt';
import { seedExcerpts } from './fixtures/seed-excerpts';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-doc-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
const word97 = readFileSync(fixture('word97.doc'));

/** A stand-in for soffice: a shell script that logs its arguments and copies `output` to <outdir>/input.docx, or fails. */
function fakeSoffice(name: string, output: string | null): string {
  const script = join(dir, name);
  const log = `printf '%s\\n' "$@" > '${join(dir, `${name}.args`)}'`;
  const body = output === null ? `${log}\nexit 3` : `${log}\nwhile [ "$1" != "--outdir" ]; do shift; done\ncp '${output}' "$2/input.docx"`;
  writeFileSync(script, `#!/bin/sh\n${body}\n`);
  chmodSync(script, 0o755);
  return script;
}

async function message(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OfficeError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('readOle2', () => {
  it('tells the user to install LibreOffice or save as .docx when conversion is unavailable', async () => {
    expect(await message(readOle2(word97, '细则.doc', undefined, { soffice: false }))).toBe(
      'soffice-missing: 文件 细则.doc 是 Word 97-2003 文档（.doc），本机未安装 LibreOffice，无法转换；请在 Word 中将其另存为 .docx 后再导入，或由管理员执行 apt-get install libreoffice-writer-nogui',
    );
  });

  it('gives the same message when the soffice program does not exist', async () => {
    expect(await message(readOle2(word97, '细则.doc', undefined, { soffice: join(dir, 'no-such-soffice') }))).toMatch(/^soffice-missing: 文件 细则\.doc 是 Word 97-2003 文档/);
  });

  it('reads the .docx the converter produces and marks the document as doc', async () => {
    const soffice = fakeSoffice('ok-soffice', fixture('000-ideology.docx'));
    const doc = await readOle2(word97, '意识形态.doc', undefined, { soffice });
    expect(doc.format).toBe('doc');
    expect(shape(doc.blocks)).toEqual(shape(excerptBlocks(seedExcerpts[0]!)));
    expect(doc.warnings[0]?.message).toBe('文件 意识形态.doc 是 Word 97-2003 格式，已通过 LibreOffice 转换后读取，请核对表格和编号是否完整');
  });

  it('reports a failed conversion without a partial result', async () => {
    const soffice = fakeSoffice('failing-soffice', null);
    expect(await message(readOle2(word97, '细则.doc', undefined, { soffice }))).toBe(
      'conversion-failed: 文件 细则.doc 无法由 LibreOffice 转换为 .docx（转换程序报错），文件可能已损坏；请在 Word 中另存为 .docx 后再导入',
    );
  });

  it('recognises a password-protected Word 97-2003 file from its FIB', async () => {
    expect(await message(readOle2(readFileSync(fixture('word97-encrypted.doc')), '加密.doc', undefined, { soffice: false }))).toBe(
      'encrypted: 文件 加密.doc 已加密（设置了打开密码），无法读取；请在 Office 中取消密码后另存一份再导入',
    );
  });

  it('asks for .xlsx when given an Excel 97-2003 workbook', async () => {
    expect(await message(readOle2(readFileSync(fixture('excel97.xls')), '指标.xls'))).toBe(
      'unsupported-format: 文件 指标.xls 是 Excel 97-2003 工作簿（.xls），暂不能直接导入；请在 Excel 中另存为 .xlsx 后再导入',
    );
  });

  it('refuses an OLE2 file whose directory is damaged', async () => {
    const damaged = word97.slice();
    damaged.fill(0, 512, damaged.length);
    expect(await message(readOle2(damaged, '坏.doc'))).toBe('corrupt-document: 文件 坏.doc 不是有效的 Word 97-2003 文档（OLE2 结构损坏）');
  });

  it.runIf(hasSoffice)('converts a real .doc with LibreOffice and keeps its merged cells', async () => {
    const doc = await readDocument(fixture('000-ideology.doc'));
    expect(doc.format).toBe('doc');
    expect(shape(doc.blocks)).toEqual(shape(excerptBlocks(seedExcerpts[0]!)));
  });
});

describe('readViaLibreOffice', () => {
  const rtf = new TextEncoder().encode('{\\rtf1\\ansi 考核\\par}');
  const html = new TextEncoder().encode('<html><body><table border="1"><tr><td rowspan="2">乡村振兴</td><td colspan="2">农业</td></tr><tr><td>林业</td><td>5分</td></tr></table></body></html>');

  it('converts RTF saved under a .doc name and says so', async () => {
    const soffice = fakeSoffice('rtf-soffice', fixture('000-ideology.docx'));
    const doc = await readDocument({ name: '细则.doc', bytes: rtf }, { soffice });
    expect([doc.format, doc.warnings[0]?.code, doc.warnings[0]?.message]).toEqual(['doc', 'converted-from-rtf', '文件 细则.doc 是 RTF 格式，已通过 LibreOffice 转换后读取，请核对表格和编号是否完整']);
  });

  it('asks LibreOffice for the Word 2007 filter when converting HTML', async () => {
    const soffice = fakeSoffice('html-soffice', fixture('000-ideology.docx'));
    await readViaLibreOffice(html, '指标.xls', 'html', defaultLimits, { soffice });
    const args = readFileSync(join(dir, 'html-soffice.args'), 'utf8').trim().split('\n');
    expect(args.slice(args.indexOf('--convert-to'), args.indexOf('--convert-to') + 2)).toEqual(['--convert-to', 'docx:MS Word 2007 XML']);
    expect(args.at(-1)).toMatch(/input\.html$/);
  });

  it('names the real format when LibreOffice is missing', async () => {
    expect(await message(readDocument({ name: '指标.xls', bytes: html }, { soffice: false }))).toBe(
      'soffice-missing: 文件 指标.xls 是网页（HTML）格式的文档，本机未安装 LibreOffice，无法转换；请在 Word 中将其另存为 .docx 后再导入，或由管理员执行 apt-get install libreoffice-writer-nogui',
    );
  });

  it('refuses a web archive (MHT) with what to do instead', async () => {
    const mht = new TextEncoder().encode('MIME-Version: 1.0\nContent-Type: multipart/related; boundary="x"\n');
    expect(await message(readDocument({ name: '细则.doc', bytes: mht }))).toBe('unsupported-format: 文件 细则.doc 是网页存档（MHT）格式，暂不支持导入；请在 Word 中另存为 .docx 后再导入');
  });

  it.runIf(hasSoffice)('converts a real HTML table with rowspan and colspan', async () => {
    const doc = await readDocument({ name: '指标.xls', bytes: html });
    expect(doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table.grid] : []))).toEqual([
      [
        ['乡村振兴', '农业', '农业'],
        ['乡村振兴', '林业', '5分'],
      ],
    ]);
  });
});
