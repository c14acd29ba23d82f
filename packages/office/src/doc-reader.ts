import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readCfb, type CfbFile } from './cfb';
import { OfficeError, type RawDocument } from './document';
import { readDocx } from './docx-reader';
import { defaultLimits, type ReadLimits } from './limits';

export type ConvertOptions = {
  /** Path or name of LibreOffice's `soffice`; `false` disables conversion. Default 'soffice' (found on PATH). */
  soffice?: string | false;
  /** Default 120 s: a cold LibreOffice start takes a few seconds, a stuck one must not hang an import. */
  convertTimeoutMs?: number;
};

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
  const docx = await convertDocToDocx(bytes, file, options);
  const doc = await readDocx(docx, file, limits);
  return {
    ...doc,
    format: 'doc',
    warnings: [
      {
        severity: 'warning',
        code: 'converted-from-doc',
        message: `文件 ${file} 是 Word 97-2003 格式，已通过 LibreOffice 转换后读取，请核对表格和编号是否完整`,
        source: { file },
      },
      ...doc.warnings,
    ],
  };
}

/** The FIB at the start of the WordDocument stream has fEncrypted (0x0100) and fObfuscated (0x8000) flags. */
function isEncryptedWord(cfb: CfbFile): boolean {
  const stream = cfb.entries.find((e) => e.name === 'WordDocument' && e.type === 'stream');
  const head = stream ? cfb.readStreamHead(stream, 12) : null;
  if (!head) return false;
  const flags = (head[0x0a] ?? 0) | ((head[0x0b] ?? 0) << 8);
  return (flags & 0x0100) !== 0 || (flags & 0x8000) !== 0;
}

async function convertDocToDocx(bytes: Uint8Array, file: string, options: ConvertOptions): Promise<Uint8Array> {
  const missing = new OfficeError(
    'soffice-missing',
    `文件 ${file} 是 Word 97-2003 文档（.doc），本机未安装 LibreOffice，无法转换；请在 Word 中将其另存为 .docx 后再导入，或由管理员执行 apt-get install libreoffice-writer-nogui`,
    { file },
  );
  if (options.soffice === false) throw missing;
  const dir = await mkdtemp(join(tmpdir(), 'kaohe-doc-'));
  try {
    const input = join(dir, 'input.doc');
    const outDir = join(dir, 'out');
    await writeFile(input, bytes);
    await mkdir(outDir);
    // A private profile per conversion: concurrent imports must not share (and lock) one.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const args = ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', 'docx', '--outdir', outDir, input];
    const failure = await run(options.soffice ?? 'soffice', args, options.convertTimeoutMs ?? 120_000);
    if (failure === 'missing') throw missing;
    const output = await readFile(join(outDir, 'input.docx')).catch(() => null);
    if (failure !== null || output === null || output.length === 0) {
      throw new OfficeError(
        'conversion-failed',
        `文件 ${file} 无法由 LibreOffice 转换为 .docx（${failure ?? '没有生成文件'}），文件可能已损坏；请在 Word 中另存为 .docx 后再导入`,
        { file },
      );
    }
    return output;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** null on success, 'missing' when the program is not installed, else a short reason. */
function run(program: string, args: string[], timeout: number): Promise<null | 'missing' | string> {
  return new Promise((resolve) => {
    execFile(program, args, { timeout, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 }, (error) => {
      if (!error) return resolve(null);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES') return resolve('missing');
      resolve(error.killed ? `超过 ${Math.round(timeout / 1000)} 秒未完成` : '转换程序报错');
    });
  });
}
