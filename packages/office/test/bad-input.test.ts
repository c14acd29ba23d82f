import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { OfficeError } from '../src/document';
import { readDocument, type ReadInput, type ReadOptions } from '../src/read-document';
import { fixture } from './excerpt';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-office-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const docxBytes = readFileSync(fixture('000-ideology.docx'));
const xlsxBytes = readFileSync(fixture('000-ideology.xlsx'));

/** The rejection of a read, so tests can assert code and exact message together. */
async function failure(input: ReadInput, options?: ReadOptions): Promise<{ code: string; message: string }> {
  try {
    await readDocument(input, options);
  } catch (error) {
    if (error instanceof OfficeError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the read to fail');
}

/** Rewrites the sizes a zip declares for every entry (local header and central directory). */
function patchSizes(zip: Uint8Array, uncompressed: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, uncompressed, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, uncompressed, true);
  }
  return out;
}

async function zipOf(files: Record<string, string | Uint8Array>, compression: 'STORE' | 'DEFLATE' = 'DEFLATE'): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression });
}

describe('readDocument', () => {
  it('refuses a missing file', async () => {
    expect(await failure(join(dir, 'missing.docx'))).toEqual({ code: 'file-not-found', message: '找不到文件 missing.docx（路径不存在）' });
  });

  it('refuses a folder', async () => {
    mkdirSync(join(dir, 'folder.docx'));
    expect(await failure(join(dir, 'folder.docx'))).toEqual({ code: 'not-a-file', message: 'folder.docx 不是文件（可能是文件夹），无法读取' });
  });

  it('refuses an empty file', async () => {
    expect(await failure({ name: 'empty.txt', bytes: new Uint8Array() })).toEqual({ code: 'empty-file', message: '文件 empty.txt 是空文件，没有可读取的内容' });
  });

  it('refuses a 200 MB file from its size alone, before reading it', async () => {
    const big = join(dir, 'big.docx');
    writeFileSync(big, '');
    truncateSync(big, 200 * 1024 * 1024); // sparse: no data is written, so reading it would be the slow part
    expect(await failure(big)).toEqual({ code: 'file-too-large', message: '文件 big.docx 大小为 200 MB，超过上限 50 MB，已拒绝读取' });
  });

  it('applies a configured size limit to uploaded bytes', async () => {
    expect(await failure({ name: 'a.txt', bytes: new Uint8Array(2048).fill(0x41) }, { maxFileBytes: 1024 })).toEqual({
      code: 'file-too-large',
      message: '文件 a.txt 大小为 2 KB，超过上限 1 KB，已拒绝读取',
    });
  });

  it('refuses a .docx whose zip structure is cut off', async () => {
    expect(await failure({ name: 'scheme.docx', bytes: docxBytes.subarray(0, docxBytes.length / 2) })).toEqual({
      code: 'corrupt-zip',
      message: '文件 scheme.docx 不是有效的 Word 文档（zip 结构损坏）',
    });
  });

  it('refuses a .xlsx whose zip structure is cut off, calling it a workbook', async () => {
    expect((await failure({ name: '指标.xlsx', bytes: xlsxBytes.subarray(0, 3000) })).message).toBe('文件 指标.xlsx 不是有效的 Excel 工作簿（zip 结构损坏）');
  });

  it('refuses a .docx whose document.xml is not well-formed XML', async () => {
    const bytes = await zipOf({ 'word/document.xml': '<w:document><w:body><w:p>' });
    expect(await failure({ name: 'bad.docx', bytes })).toEqual({ code: 'corrupt-document', message: '文件 bad.docx 不是有效的 Word 文档（word/document.xml 内容损坏）' });
  });

  it('refuses a zip that declares more uncompressed data than the limit, before inflating', async () => {
    // 40 entries of 8 MB each: every one is under the ratio check, together they are 320 MB.
    const parts = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`word/media/part${i}.xml`, '<a/>']));
    const bytes = patchSizes(await zipOf({ 'word/document.xml': '<w:document/>', ...parts }, 'STORE'), 8 * 1024 * 1024);
    expect(await failure({ name: 'bomb.docx', bytes })).toEqual({
      code: 'zip-bomb',
      message: '文件 bomb.docx 解压后的大小（声明为 328 MB）超过上限 200 MB，可能是压缩炸弹，已拒绝读取',
    });
  });

  it('refuses an entry with an absurd compression ratio', async () => {
    const stored = await zipOf({ 'word/document.xml': 'x'.repeat(1000) }, 'STORE');
    // 1000 stored bytes declared as 20 MB: ratio 20971.52 → 20972.
    const bytes = patchSizes(stored, 20 * 1024 * 1024);
    expect(await failure({ name: 'bomb.docx', bytes })).toEqual({
      code: 'zip-bomb',
      message: '文件 bomb.docx 中的 word/document.xml 压缩比异常（约 20972:1），可能是压缩炸弹，已拒绝读取',
    });
  });

  it('stops inflating when an entry lies about its size', async () => {
    const honest = await zipOf({ 'word/document.xml': `<w:document>${' '.repeat(3 * 1024 * 1024)}</w:document>` });
    const bytes = patchSizes(honest, 100);
    expect(await failure({ name: 'lie.docx', bytes }, { maxUncompressedBytes: 1024 * 1024 })).toEqual({
      code: 'zip-bomb',
      message: '文件 lie.docx 解压后的大小（实际已超过 1 MB）超过上限 1 MB，可能是压缩炸弹，已拒绝读取',
    });
  });

  it('refuses a zip that is neither Word nor Excel', async () => {
    expect(await failure({ name: 'photos.zip', bytes: await zipOf({ 'a.jpg': 'jpeg' }) })).toEqual({
      code: 'unsupported-format',
      message: '文件 photos.zip 是压缩包，但不是 Word 或 Excel 文档（其中没有 word/document.xml 或 xl/workbook.xml）',
    });
  });

  it('refuses a password-protected .docx (OLE2 with EncryptionInfo)', async () => {
    expect(await failure(fixture('encrypted.docx'))).toEqual({
      code: 'encrypted',
      message: '文件 encrypted.docx 已加密（设置了打开密码），无法读取；请在 Office 中取消密码后另存一份再导入',
    });
  });

  it('refuses a PDF with the formats it can take instead', async () => {
    expect(await failure({ name: '细则.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n...') })).toEqual({
      code: 'unsupported-format',
      message: '文件 细则.pdf 是 PDF 文件，暂不支持导入；请提供 Word（.docx/.doc）、Excel（.xlsx）或文本文件',
    });
  });

  it('refuses unknown binary content', async () => {
    expect(await failure({ name: 'x.bin', bytes: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0, 0]) })).toEqual({
      code: 'unsupported-format',
      message: '文件 x.bin 不是可识别的文档格式；请提供 Word（.docx/.doc）、Excel（.xlsx）或文本文件',
    });
  });

  it('reads a Word document named .txt as Word and warns about the extension', async () => {
    const doc = await readDocument({ name: 'scheme.txt', bytes: docxBytes });
    expect(doc.format).toBe('docx');
    expect(doc.warnings[0]).toEqual({
      severity: 'warning',
      code: 'extension-mismatch',
      message: '文件 scheme.txt 的扩展名表示文本文件，但内容是 Word 文档，已按 Word 文档读取',
      source: { file: 'scheme.txt' },
    });
  });

  it('reads a workbook named .docx as Excel and warns about the extension', async () => {
    const doc = await readDocument({ name: 'scheme.docx', bytes: xlsxBytes });
    expect([doc.format, doc.warnings[0]?.message]).toEqual(['xlsx', '文件 scheme.docx 的扩展名表示 Word 文档，但内容是 Excel 工作簿，已按 Excel 工作簿读取']);
  });

  it('uses only the base name of a path in messages', async () => {
    const doc = await readDocument({ name: '/uploads/2020/scheme.docx', bytes: docxBytes });
    expect(doc.file).toBe('scheme.docx');
  });
});
