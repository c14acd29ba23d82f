import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spaced } from './detect-format';
import { OfficeError, type RawDocument } from './document';
import { readDocx } from './docx-reader';
import type { ReadLimits } from './limits';

export type ConvertOptions = {
  /** Path or name of LibreOffice's `soffice`; `false` disables conversion. Default 'soffice' (found on PATH). */
  soffice?: string | false;
  /** Default 120 s: a cold LibreOffice start takes a few seconds, a stuck one must not hang an import. */
  convertTimeoutMs?: number;
};

/** Formats only LibreOffice can turn into .docx for us. Government systems often save RTF or HTML under a .doc name. */
export type LegacySource = 'doc' | 'rtf' | 'html';

const described: Record<LegacySource, { what: string; format: string; ext: string; filter: string }> = {
  doc: { what: 'Word 97-2003 文档（.doc）', format: 'Word 97-2003 格式', ext: 'doc', filter: 'docx' },
  rtf: { what: 'RTF 格式的文档', format: 'RTF 格式', ext: 'rtf', filter: 'docx' },
  // HTML opens in Writer/Web, whose default export is not .docx: name the filter.
  html: { what: '网页（HTML）格式的文档', format: '网页（HTML）格式', ext: 'html', filter: 'docx:MS Word 2007 XML' },
};

/**
 * Converts a legacy document to .docx with LibreOffice and reads it like any
 * .docx. The result keeps format 'doc' (a converted Word-like file) and starts
 * with a warning, because conversion can lose details the user should check.
 */
export async function readViaLibreOffice(bytes: Uint8Array, file: string, source: LegacySource, limits: ReadLimits, options: ConvertOptions): Promise<RawDocument> {
  const docx = await convertToDocx(bytes, file, source, options);
  const doc = await readDocx(docx, file, limits);
  return {
    ...doc,
    format: 'doc',
    warnings: [
      {
        severity: 'warning',
        code: `converted-from-${source}`,
        message: `文件 ${file} 是${spaced(described[source].format)}，已通过 LibreOffice 转换后读取，请核对表格和编号是否完整`,
        source: { file },
      },
      ...doc.warnings,
    ],
  };
}

async function convertToDocx(bytes: Uint8Array, file: string, source: LegacySource, options: ConvertOptions): Promise<Uint8Array> {
  const { what, ext, filter } = described[source];
  const missing = new OfficeError(
    'soffice-missing',
    `文件 ${file} 是${spaced(what)}，本机未安装 LibreOffice，无法转换；请在 Word 中将其另存为 .docx 后再导入，或由管理员执行 apt-get install libreoffice-writer-nogui`,
    { file },
  );
  if (options.soffice === false) throw missing;
  const dir = await mkdtemp(join(tmpdir(), 'kaohe-doc-'));
  try {
    const input = join(dir, `input.${ext}`);
    const outDir = join(dir, 'out');
    await writeFile(input, bytes);
    await mkdir(outDir);
    // A private profile per conversion: concurrent imports must not share (and lock) one.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const args = ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', filter, '--outdir', outDir, input];
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

/** null on success, 'missing' when the program is not installed, else a short reason. Also used by export/to-pdf.ts. */
export function run(program: string, args: string[], timeout: number, env?: NodeJS.ProcessEnv): Promise<null | 'missing' | string> {
  return new Promise((resolve) => {
    execFile(program, args, { timeout, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024, ...(env ? { env } : {}) }, (error) => {
      if (!error) return resolve(null);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES') return resolve('missing');
      resolve(error.killed ? `超过 ${Math.round(timeout / 1000)} 秒未完成` : '转换程序报错');
    });
  });
}
