/**
 * Seed 000's own form: a notice (嘉文广旅〔2020〕87号) in 公文 format with the task breakdown as its
 * attachment, the breakdown's merged item cells kept.
 */
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxToPdf, schemeAttachment, writeNoticeDocx } from '../../src/index';
import { importScheme } from '../../src/import/import-scheme';
import { hasSoffice, pdfPages, pdfText, squeeze } from './pdf-tools';

const seed = fileURLToPath(new URL('../fixtures/seeds/000_a59af3f7f36b9ebf.txt', import.meta.url));

describe('writeNoticeDocx', () => {
  let bytes: Uint8Array;
  let xml: string;
  beforeAll(async () => {
    const { scheme } = await importScheme(seed);
    bytes = await writeNoticeDocx({
      issuer: '嘉兴市文化广电旅游局',
      docNumber: '嘉文广旅〔2020〕87号',
      title: '关于印发2020年度工作目标责任制考核清单任务分解的通知',
      date: '2020-05-20',
      recipients: '局机关各处室、直属各单位',
      body: ['现将2020年度工作目标责任制考核清单任务分解印发给你们，请认真抓好落实。'],
      attachments: [schemeAttachment(scheme, 'breakdown')],
    });
    xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  }, 60_000);

  it('puts the breakdown in the attachment with its merged item cells and repeated header rows', () => {
    expect(xml).toContain('>附件：2020年度市文化广电旅游局工作目标责任制考核清单任务分解</w:t>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('>具体扣分标准</w:t>');
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBeGreaterThan(20);
    // 5 columns: 五号 (10.5 pt) table text.
    expect(xml).toMatch(/<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"\/><w:sz w:val="21"\/>/);
    const runs = xml.match(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/g) ?? [];
    expect(runs.filter((r) => !r.includes('w:eastAsia="zh-CN"'))).toEqual([]);
  });

  it.skipIf(!hasSoffice)('prints: page 1 is the notice (版头, 文号, title), the list follows as 附件', async () => {
    const pdf = await docxToPdf(bytes);
    const page1 = squeeze(pdfText(pdf, 1, { raw: true }));
    expect(page1.startsWith('嘉兴市文化广电旅游局文件')).toBe(true);
    expect(page1).toContain('嘉文广旅〔2020〕87号');
    expect(page1).toContain('关于印发2020年度工作目标责任制考核清单任务分解的通知');
    const attachment = squeeze(pdfText(pdf, 3, { raw: true }));
    expect(attachment.startsWith('附件2020年度市文化广电旅游局工作目标责任制考核清单任务分解')).toBe(true);
    expect(attachment).toContain('具体扣分标准');
    // Two pages of notice and the breakdown as the plain .docx prints it (about 22 pages; the issue measured 41).
    expect(pdfPages(pdf)).toBeLessThanOrEqual(30);
  }, 60_000);

  it('refuses 抄送机关 without the 印发机关 of the 版记 rather than dropping them', async () => {
    await expect(
      writeNoticeDocx({ issuer: '嘉兴市文化广电旅游局', docNumber: '嘉文广旅〔2020〕87号', title: '关于印发清单的通知', date: '2020-05-20', body: ['现印发。'], attachments: [], copyTo: ['市委办公室'] }),
    ).rejects.toThrow('通知的印发机关为空：有抄送机关时须写明版记的印发机关');
  });
});
