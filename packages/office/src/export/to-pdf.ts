import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run, type ConvertOptions } from '../libreoffice';
import { ExportError } from './export-error';
import { fontconfigFor } from './model/fonts';

export type PdfSource = { name: string; bytes: Uint8Array };

/** Writer's PDF filter data: export the pages an even-page section break inserts (LibreOffice skips them by default). */
const KEEP_BLANK_PAGES = JSON.stringify({ IsSkipEmptyPages: { type: 'boolean', value: 'false' } });

const safeName = (name: string, i: number): string => `${i}-${name.replace(/[^\w.\-\u4e00-\u9fff]/g, '_')}`;

/**
 * Converts .docx/.xlsx files to PDF with LibreOffice in ONE soffice run (a start costs about a second),
 * with a private profile (-env:UserInstallation) so concurrent conversions never share one, and a
 * fontconfig file that maps the documents' font stacks (model/fonts.ts) to the installed Noto faces.
 * Returns the PDFs in the order given. Word documents keep the blank pages an even-page section break
 * adds (the 公文's 版记 stands on the last, even page: GB/T 9704 §7.4), so the PDF prints double-sided
 * as the document does; they are converted in a run of their own when the batch also has workbooks.
 */
export async function officeToPdf(files: readonly PdfSource[], options: ConvertOptions = {}): Promise<Uint8Array[]> {
  const missing = new ExportError('soffice-missing', '本机未安装 LibreOffice，无法生成 PDF；请由管理员执行 apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk', 'soffice');
  if (options.soffice === false) throw missing;
  if (files.length === 0) return [];
  const dir = await mkdtemp(join(tmpdir(), 'kaohe-pdf-'));
  try {
    const inputs = files.map((f, i) => join(dir, safeName(f.name, i)));
    await Promise.all(files.map((f, i) => writeFile(inputs[i]!, f.bytes)));
    const outDir = join(dir, 'out');
    await mkdir(outDir);
    const fontconfig = join(dir, 'fonts.conf');
    await writeFile(fontconfig, fontconfigFor());
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const isWord = (i: number): boolean => /\.docx$/i.test(inputs[i]!);
    const batches = [inputs.filter((_, i) => isWord(i)), inputs.filter((_, i) => !isWord(i))].filter((b) => b.length > 0);
    let failure: string | null = null;
    for (const [k, batch] of batches.entries()) {
      const target = k === 0 && batch.some((p) => /\.docx$/i.test(p)) ? `pdf:writer_pdf_Export:${KEEP_BLANK_PAGES}` : 'pdf';
      const args = ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', target, '--outdir', outDir, ...batch];
      const result = await run(options.soffice ?? 'soffice', args, options.convertTimeoutMs ?? 120_000 + 10_000 * batch.length, { ...process.env, FONTCONFIG_FILE: fontconfig });
      if (result === 'missing') throw missing;
      failure ??= result;
    }
    return await Promise.all(
      files.map(async (f, i) => {
        const pdf = await readFile(join(outDir, safeName(f.name, i).replace(/\.[^.]+$/, '.pdf'))).catch(() => null);
        if (failure !== null || pdf === null || pdf.length === 0) throw new ExportError('conversion-failed', `文件 ${f.name} 无法由 LibreOffice 转换为 PDF（${failure ?? '没有生成文件'}）`, f.name);
        return new Uint8Array(pdf);
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One .docx to PDF (see officeToPdf). */
export async function docxToPdf(bytes: Uint8Array, options: ConvertOptions = {}): Promise<Uint8Array> {
  const [pdf] = await officeToPdf([{ name: 'document.docx', bytes }], options);
  return pdf!;
}
