import { readCfb, type CfbFile } from './cfb';
import { OfficeError, type RawDocument } from './document';
import { readViaLibreOffice, type ConvertOptions } from './libreoffice';
import { defaultLimits, type ReadLimits } from './limits';

/**
 * Reads an OLE2 compound file. Word 97-2003 documents are converted to .docx by
 * LibreOffice and read like any .docx; password-protected Office files are
 * recognised and refused with a clear message instead of a parse failure.
 */
export async function readOle2(bytes: Uint8Array, file: string, limits: ReadLimits = defaultLimits, options: ConvertOptions = {}): Promise<RawDocument> {
  const cfb = readCfb(bytes);
  if (!cfb) throw new OfficeError('corrupt-document', `文件 ${file} 不是有效的 Word 97-2003 文档（OLE2 结构损坏）`, { file });
  const names = new Set(cfb.entries.map((e) => e.name));
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage') || isEncryptedWord(cfb)) {
    throw new OfficeError('encrypted', `文件 ${file} 已加密（设置了打开密码），无法读取；请在 Office 中取消密码后另存一份再导入`, { file });
  }
  if (names.has('Workbook') || names.has('Book')) {
    throw new OfficeError('unsupported-format', `文件 ${file} 是 Excel 97-2003 工作簿（.xls），暂不能直接导入；请在 Excel 中另存为 .xlsx 后再导入`, { file });
  }
  if (!names.has('WordDocument')) {
    throw new OfficeError('unsupported-format', `文件 ${file} 不是 Word 文档（无法识别的 OLE2 文件）；请提供 .docx、.doc、.xlsx 或文本文件`, { file });
  }
  return readViaLibreOffice(bytes, file, 'doc', limits, options);
}

/** The FIB at the start of the WordDocument stream has fEncrypted (0x0100) and fObfuscated (0x8000) flags. */
function isEncryptedWord(cfb: CfbFile): boolean {
  const stream = cfb.entries.find((e) => e.name === 'WordDocument' && e.type === 'stream');
  const head = stream ? cfb.readStreamHead(stream, 12) : null;
  if (!head) return false;
  const flags = (head[0x0a] ?? 0) | ((head[0x0b] ?? 0) << 8);
  return (flags & 0x0100) !== 0 || (flags & 0x8000) !== 0;
}
