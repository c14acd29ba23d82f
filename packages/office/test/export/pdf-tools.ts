import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The real-client check: LibreOffice converts (src/export/to-pdf.ts), poppler reads the PDF back.
 * CI installs them with: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk
 */
const has = (cmd: string, arg: string): boolean => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
export const hasSoffice = has('soffice', '--version') && has('pdftotext', '-v') && has('pdfinfo', '-v');
export const SKIP_REASON = 'LibreOffice (soffice) or poppler-utils is not installed: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk';
if (!hasSoffice) console.warn(`skipping PDF checks: ${SKIP_REASON}`);

function withFile<T>(pdf: Uint8Array, f: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-pdftest-'));
  try {
    const path = join(dir, 'x.pdf');
    writeFileSync(path, pdf);
    return f(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfPages(pdf: Uint8Array): number {
  const info = withFile(pdf, (p) => execFileSync('pdfinfo', [p], { encoding: 'utf8' }));
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

/** The text of one page (1-based) or of all, as pdftotext lays it out. */
export function pdfText(pdf: Uint8Array, page?: number, options: { raw?: boolean } = {}): string {
  // -raw keeps a wrapped table cell's lines together (content order); -layout keeps the page's lines.
  return withFile(pdf, (p) => execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), options.raw ? '-raw' : '-layout', p, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

/** Text without the spaces pdftotext puts between characters of justified or spaced lines. */
export const squeeze = (text: string): string => text.replace(/\s+/g, '');

/** Page size in points, from pdfinfo. */
export function pdfPageSize(pdf: Uint8Array): { width: number; height: number } {
  const info = withFile(pdf, (p) => execFileSync('pdfinfo', [p], { encoding: 'utf8' }));
  const m = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** The words of one page (1-based) with their boxes in points from the top left (pdftotext -bbox). */
export function pdfWords(pdf: Uint8Array, page: number): { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const html = withFile(pdf, (p) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', p, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ text: m[5]!, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) }));
}
