/**
 * Writes the page images in docs/screenshots/exports/ (for the README): page 1 of a few exports as
 * LibreOffice prints them. Run: npx tsx packages/office/test/export/make-screenshots.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFacts, parseScheme } from '@kaohe/contract';
import { evaluate } from '@kaohe/core';
import { exportScheme } from '../../src/export/export-scheme';
import { tongbaoResults, writeTongbaoDocx } from '../../src/export/gongwen/tongbao';
import { officeToPdf } from '../../src/export/to-pdf';
import { importScheme } from '../../src/import/import-scheme';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const out = join(root, 'docs/screenshots/exports');
mkdirSync(out, { recursive: true });

const ex = (f: string): string => join(root, 'examples/jiaxian-2020', f);
const { scheme } = parseScheme(readFileSync(ex('scheme.yaml'), 'utf8'), ex('scheme.yaml'));
const result = evaluate(scheme, parseFacts(readFileSync(ex('facts.yaml'), 'utf8'), ex('facts.yaml'), scheme));
const tongbao = await writeTongbaoDocx({ issuer: '佳县目标责任考核领导小组办公室', docNumber: '佳考发〔2021〕3号', title: '关于佳县2020年度目标责任考核结果的通报', date: '2021-03-01', recipients: '各镇（办、中心），县直各部门', copyTo: ['县委办公室', '县政府办公室'], printedBy: '佳县目标责任考核领导小组办公室', ...tongbaoResults(scheme, result) });
const s000 = (await importScheme(join(root, 'packages/office/test/fixtures/seeds/000_a59af3f7f36b9ebf.txt'))).scheme;
const s004 = (await importScheme(join(root, 'packages/office/test/fixtures/seeds/004_011aa5988ef2c423.txt'))).scheme;

const files: { name: string; bytes: Uint8Array; pages: (number | 'last')[] }[] = [
  // Page 1 (版头), 3 (附件1) and the last page (版记 at the foot of the last, even page).
  { name: 'tongbao.docx', bytes: tongbao, pages: [1, 3, 'last'] },
  { name: '000-breakdown.docx', bytes: await exportScheme(s000, 'docx', 'breakdown'), pages: [1] },
  { name: '000-breakdown.xlsx', bytes: await exportScheme(s000, 'xlsx', 'breakdown'), pages: [1] },
  { name: '000-responsibility.docx', bytes: await exportScheme(s000, 'docx', 'responsibility'), pages: [1] },
  { name: '004-breakdown.xlsx', bytes: await exportScheme(s004, 'xlsx', 'breakdown'), pages: [1] },
];
const pdfs = await officeToPdf(files);
const tmp = mkdtempSync(join(tmpdir(), 'kaohe-shots-'));
try {
  files.forEach((f, i) => {
    const pdf = join(tmp, `${f.name}.pdf`);
    writeFileSync(pdf, pdfs[i]!);
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    for (const page of f.pages.map((p) => (p === 'last' ? count : p))) {
      const base = join(tmp, `${f.name.replace(/\./g, '-')}-p${page}`);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
      renameSync(`${base}.png`, join(out, `${f.name.replace(/\./g, '-')}-p${page}.png`));
    }
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`page images written to ${out}`);
