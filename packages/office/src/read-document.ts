import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readOle2 } from './doc-reader';
import { expectedFormat, formatNames, sniff, spaced } from './detect-format';
import { readViaLibreOffice, type ConvertOptions } from './libreoffice';
import { OfficeError, type RawDocument } from './document';
import { readDocxFromZip } from './docx-reader';
import { defaultLimits, formatBytes, type ReadLimits } from './limits';
import { readTxt } from './txt-reader';
import { readXlsxFromZip } from './xlsx-reader';
import { attr, childrenNamed, parseXml } from './xml';
import { hasEntry, openZip, readZipText, type OpenZip, type ZipKind } from './zip';

export type ReadInput = string | { name: string; bytes: Uint8Array };
export type ReadOptions = Partial<ReadLimits> & ConvertOptions;

/**
 * Reads a scheme file (path, or an upload's name and bytes) into a RawDocument.
 * The format is decided from the content; a misleading extension only adds a
 * warning. Every problem with the input is an OfficeError with a Chinese
 * message naming the file; nothing partial is ever returned.
 */
export async function readDocument(input: ReadInput, options: ReadOptions = {}): Promise<RawDocument> {
  const limits: ReadLimits = {
    maxFileBytes: options.maxFileBytes ?? defaultLimits.maxFileBytes,
    maxUncompressedBytes: options.maxUncompressedBytes ?? defaultLimits.maxUncompressedBytes,
    maxCompressionRatio: options.maxCompressionRatio ?? defaultLimits.maxCompressionRatio,
    ratioCheckFromBytes: options.ratioCheckFromBytes ?? defaultLimits.ratioCheckFromBytes,
  };
  const { file, bytes } = typeof input === 'string' ? await readBounded(input, limits) : { file: basename(input.name), bytes: input.bytes };
  if (bytes.length > limits.maxFileBytes) throw tooLarge(file, bytes.length, limits);
  if (bytes.length === 0) throw new OfficeError('empty-file', `文件 ${file} 是空文件，没有可读取的内容`, { file });

  const expected = expectedFormat(file);
  const doc = await readByContent(file, bytes, limits, options, expected);
  const actual = doc.format;
  if (expected !== null && expected !== actual) {
    doc.warnings.unshift({
      severity: 'warning',
      code: 'extension-mismatch',
      message: `文件 ${file} 的扩展名表示${spaced(formatNames[expected])}，但内容是${spaced(formatNames[actual])}，已按${spaced(formatNames[actual])}读取`,
      source: { file },
    });
  }
  return doc;
}

async function readByContent(file: string, bytes: Uint8Array, limits: ReadLimits, options: ConvertOptions, expected: ReturnType<typeof expectedFormat>): Promise<RawDocument> {
  switch (sniff(bytes)) {
    case 'zip': {
      const kind: ZipKind = expected === 'xlsx' ? 'Excel 工作簿' : expected === 'docx' || expected === 'doc' ? 'Word 文档' : 'Office 文档';
      const zip = await openZip(bytes, file, kind, limits);
      const content = await zipContent(zip);
      if (content === 'docx') return readDocxFromZip({ ...zip, kind: 'Word 文档' });
      if (content === 'xlsx') return readXlsxFromZip({ ...zip, kind: 'Excel 工作簿' }, bytes);
      throw new OfficeError('unsupported-format', `文件 ${file} 是压缩包，但不是 Word 或 Excel 文档（其中没有 word/document.xml 或 xl/workbook.xml）`, { file });
    }
    case 'ole2':
      return readOle2(bytes, file, limits, options);
    case 'rtf':
      return readViaLibreOffice(bytes, file, 'rtf', limits, options);
    case 'html':
      return readViaLibreOffice(bytes, file, 'html', limits, options);
    case 'mht':
      throw new OfficeError('unsupported-format', `文件 ${file} 是网页存档（MHT）格式，暂不支持导入；请在 Word 中另存为 .docx 后再导入`, { file });
    case 'pdf':
      throw new OfficeError('unsupported-format', `文件 ${file} 是 PDF 文件，暂不支持导入；请提供 Word（.docx/.doc）、Excel（.xlsx）或文本文件`, { file });
    case 'text':
      return readTxt(bytes, file);
    case 'binary':
      throw new OfficeError('unsupported-format', `文件 ${file} 不是可识别的文档格式；请提供 Word（.docx/.doc）、Excel（.xlsx）或文本文件`, { file });
  }
}

/** Which Office application the package belongs to, from its main relationship or its well-known parts. */
async function zipContent(zip: OpenZip): Promise<'docx' | 'xlsx' | null> {
  if (hasEntry(zip, 'word/document.xml')) return 'docx';
  if (hasEntry(zip, 'xl/workbook.xml')) return 'xlsx';
  const rels = await readZipText(zip, '_rels/.rels');
  if (rels === null) return null;
  const root = parseXml(rels, zip.file, '_rels/.rels', zip.kind).find((n) => n.name === 'Relationships');
  const main = childrenNamed(root, 'Relationship').find((r) => (attr(r, 'Type') ?? '').endsWith('/officeDocument'));
  const target = (attr(main, 'Target') ?? '').replace(/^\//, '');
  if (target.startsWith('word/')) return 'docx';
  if (target.startsWith('xl/')) return 'xlsx';
  return null;
}

/** The size is checked from stat before reading, and the read itself stops at the limit in case the file grows meanwhile. */
async function readBounded(path: string, limits: ReadLimits): Promise<{ file: string; bytes: Uint8Array }> {
  const file = basename(path);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new OfficeError('file-not-found', `找不到文件 ${file}（${error.code === 'EACCES' ? '没有读取权限' : '路径不存在'}）`, { file }, { cause: error });
  });
  if (!info.isFile()) throw new OfficeError('not-a-file', `${file} 不是文件（可能是文件夹），无法读取`, { file });
  if (info.size > limits.maxFileBytes) throw tooLarge(file, info.size, limits);
  const handle = await open(path, 'r');
  try {
    let buffer = Buffer.alloc(Math.min(info.size, limits.maxFileBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limits.maxFileBytes) throw tooLarge(file, length, limits);
      if (length === buffer.length) {
        // The file grew after stat: keep reading, still bounded by the limit.
        const bigger = Buffer.alloc(Math.min(buffer.length * 2, limits.maxFileBytes + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
    }
    return { file, bytes: buffer.subarray(0, length) };
  } finally {
    await handle.close();
  }
}

function tooLarge(file: string, size: number, limits: ReadLimits): OfficeError {
  return new OfficeError('file-too-large', `文件 ${file} 大小为 ${formatBytes(size)}，超过上限 ${formatBytes(limits.maxFileBytes)}，已拒绝读取`, { file });
}
