/**
 * The 通报 of the 佳县 2020 example's results (examples/jiaxian-2020, scored by the core) as a
 * GB/T 9704-2012 公文: checked on the document XML (page, margins, grid, fonts, sizes, colours, 页码)
 * and, where LibreOffice is installed, on the PDF it prints.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { parseFacts, parseScheme } from '@kaohe/contract';
import { evaluate } from '@kaohe/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxToPdf, isExportError, tongbaoDocument, tongbaoResults, writeTongbaoDocx, type TongbaoInput } from '../../src/index';
import { cjkWidth } from '../../src/export/model/measure';
import { hasSoffice, pdfPages, pdfPageSize, pdfText, pdfWords, squeeze } from './pdf-tools';
import { lines, MARGIN, PAGE, TEXT_HEIGHT } from '../../src/export/gongwen/gongwen-page';

const example = (rel: string): { path: string; text: string } => {
  const path = fileURLToPath(new URL(`../../../../examples/jiaxian-2020/${rel}`, import.meta.url));
  return { path, text: readFileSync(path, 'utf8') };
};

function jiaxianInput(): TongbaoInput {
  const s = example('scheme.yaml');
  const { scheme } = parseScheme(s.text, s.path);
  const f = example('facts.yaml');
  const result = evaluate(scheme, parseFacts(f.text, f.path, scheme));
  return {
    issuer: '佳县目标责任考核领导小组办公室',
    docNumber: '佳考发〔2021〕3号',
    title: '关于佳县2020年度目标责任考核结果的通报',
    date: '2021-03-01',
    recipients: '各镇（办、中心），县直各部门',
    printedBy: '佳县目标责任考核领导小组办公室',
    copyTo: ['县委各部门', '县人大常委会办公室'],
    ...tongbaoResults(scheme, result),
  };
}

const attr = (xml: string, tag: string, name: string): string | undefined => new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];
/** The run (w:r) whose text is `text`, as XML. */
const runWith = (xml: string, text: string): string => {
  const runs = xml.match(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/g) ?? [];
  const hit = runs.find((r) => r.includes(`>${text}</w:t>`));
  if (!hit) throw new Error(`no run with text ${text}`);
  return hit;
};

describe('writeTongbaoDocx (GB/T 9704-2012)', () => {
  const input = jiaxianInput();
  let zip: JSZip;
  let xml: string;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await writeTongbaoDocx(input);
    zip = await JSZip.loadAsync(bytes);
    xml = await zip.file('word/document.xml')!.async('string');
  });

  it('takes the results from the evaluation: groups in rank order, totals as scored, grades in the scheme’s order', () => {
    expect(input.groups.map((g) => g.name)).toEqual(['镇（办、中心）', '（一）党委工作部门', '（五）经济发展部门']);
    // examples/README.md: 螅镇 98, 坑镇 96.5, 木头峪镇 93.75, 店镇 93.09, 康家港 79.9
    expect(input.groups[0]!.rows).toEqual([
      { rank: 1, unit: '螅镇', total: '98', grade: '优秀' },
      { rank: 2, unit: '坑镇', total: '96.5', grade: '优秀' },
      { rank: 3, unit: '木头峪镇', total: '93.75', grade: '良好' },
      { rank: 4, unit: '店镇', total: '93.09', grade: '良好' },
      { rank: 5, unit: '康家港便民服务中心', total: '79.9', grade: '合格' },
    ]);
    expect(input.grades.map((g) => [g.grade, g.units.length])).toEqual([['优秀', 3], ['良好', 6], ['合格', 2], ['不合格', 0]]);
  });

  it('writes the body from the results: how many units, grade counts, the first of each group (ties named together)', () => {
    const body = tongbaoDocument(input).body.join('\n');
    expect(body).toContain('本次考核共考核11个单位，分3个组别排名。现将佳县2020年度目标责任考核结果通报如下。');
    expect(body).toContain('（一）镇（办、中心）（5个单位）。螅镇名列第一，得分98分。');
    // The group's own ordinal "（一）" is not repeated after the 通报's.
    expect(body).toContain('（二）党委工作部门（3个单位）。县委办公室名列第一，得分97.5分。');
    expect(body).toContain('县发展改革和科技局、县财政局并列第一，均得94.5分。');
    expect(body).toContain('经评定，优秀等次3个，良好等次6个，合格等次2个。');
    expect(body).not.toContain('不合格');
  });

  it('sets A4 with the standard margins (上37 下35 左28 右26 mm) and a 22-line grid', () => {
    expect([attr(xml, 'w:pgSz', 'w:w'), attr(xml, 'w:pgSz', 'w:h')]).toEqual(['11906', '16838']);
    // 37 mm = 2098 twips, 35 mm = 1984, 28 mm = 1587, 26 mm = 1474: the 版心 is 156 mm × 225 mm.
    expect(['w:top', 'w:bottom', 'w:left', 'w:right'].map((a) => attr(xml, 'w:pgMar', a))).toEqual(['2098', '1984', '1587', '1474']);
    // 225 mm = 12756 twips / 22 lines → 579 (the figure of the usual Word 公文 template).
    expect(attr(xml, 'w:docGrid', 'w:linePitch')).toBe('579');
    expect(attr(xml, 'w:docGrid', 'w:type')).toBe('lines');
  });

  it('prints the 发文机关标志 in red 小标宋, the 发文字号 over a red rule, the title in 小标宋 二号', () => {
    const mark = runWith(xml, '佳县目标责任考核领导小组办公室文件');
    expect(mark).toContain('w:eastAsia="方正小标宋简体"');
    expect(mark).toContain('<w:color w:val="FF0000"/>');
    const number = /<w:p>(?:(?!<\/w:p>).)*佳考发〔2021〕3号(?:(?!<\/w:p>).)*<\/w:p>/.exec(xml)![0];
    expect(number).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(number).toContain('<w:jc w:val="center"/>');
    const title = runWith(xml, input.title);
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>'); // 二号 = 22 pt
  });

  it('sets the body in 仿宋_GB2312 三号 condensed to 28 characters a line, headings in 黑体 and 楷体', () => {
    const p = runWith(xml, '经评定，优秀等次3个，良好等次6个，合格等次2个。');
    expect(p).toContain('w:eastAsia="仿宋_GB2312"');
    expect(p).toContain('<w:sz w:val="32"/>'); // 三号 = 16 pt
    expect(p).toContain('<w:spacing w:val="-5"/>');
    expect(runWith(xml, '一、考核结果')).toContain('w:eastAsia="黑体"');
    expect(runWith(xml, '（一）镇（办、中心）（5个单位）。')).toContain('w:eastAsia="楷体_GB2312"');
  });

  it('marks every run as Simplified Chinese and names each font’s alternative in the font table', async () => {
    const runs = xml.match(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/g) ?? [];
    expect(runs.length).toBeGreaterThan(50);
    expect(runs.filter((r) => !r.includes('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>'))).toEqual([]);
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/<w:docDefaults>.*<w:lang w:val="zh-CN" w:eastAsia="zh-CN"\/>/);
    const fonts = await zip.file('word/fontTable.xml')!.async('string');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
  });

  it('numbers pages "— 1 —" in 4号 宋体, odd pages right and even pages left, one character in', async () => {
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const footerOf = async (type: string): Promise<string> => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`).exec(xml)![1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!;
      return zip.file(`word/${target[1] ?? target[2]}`)!.async('string');
    };
    const odd = await footerOf('default');
    const even = await footerOf('even');
    for (const f of [odd, even]) {
      expect(squeeze(f.replace(/<[^>]+>/g, ' '))).toBe('—PAGE—');
      expect(f).toContain('<w:sz w:val="28"/>'); // 4号 = 14 pt
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>');
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(odd).toMatch(/<w:ind w:right="280"\/>/);
    expect(even).toContain('<w:jc w:val="left"/>');
    expect(even).toMatch(/<w:ind w:left="280"\/>/);
  });

  it('numbers the content pages only: the 版记 section has footers without 页码 (§7.5.3)', async () => {
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const footerText = async (id: string): Promise<string> => {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!;
      return squeeze((await zip.file(`word/${target[1] ?? target[2]}`)!.async('string')).replace(/<[^>]+>/g, ' '));
    };
    const sections = xml.split('</w:sectPr>').slice(0, -1);
    const footers = await Promise.all(
      sections.map(async (s) => {
        const props = s.slice(s.lastIndexOf('<w:sectPr'));
        const refs = [...props.matchAll(/<w:footerReference w:type="(\w+)" r:id="([^"]+)"/g)];
        return Object.fromEntries(await Promise.all(refs.map(async (m) => [m[1]!, await footerText(m[2]!)] as const)));
      }),
    );
    // Body and 附件: "— PAGE —" on odd and even pages; the 版记: both footers present (not inherited) and empty.
    expect(footers).toEqual([{ default: '—PAGE—', even: '—PAGE—' }, { default: '—PAGE—', even: '—PAGE—' }, { default: '', even: '' }]);
  });

  it('puts the ranking and grade tables in 附件 with header rows repeated on each page', () => {
    expect(xml).toContain('>附件1</w:t>');
    expect(xml).toContain('>附件2</w:t>');
    expect(xml).toContain('<w:pageBreakBefore/>');
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(4);
    expect(xml).toContain('>附件：1．佳县2020年度目标责任考核结果排名</w:t>');
  });

  it('puts the 版记 in a section of its own on the next even page, spaced down to the last lines of the 版心 (§7.4)', () => {
    const sections = xml.split('</w:sectPr>');
    // body, 附件, 版记: the last section starts on an even page and holds only the spacer, the 版记 table and its closing paragraph.
    expect(sections.length - 1).toBe(3);
    const last = sections[2]!;
    expect(last).toMatch(/<w:type w:val="evenPage"\/>/);
    expect(last).toContain('>抄送：县委各部门，县人大常委会办公室。</w:t>');
    expect(last).toContain('2021年3月1日印发</w:t>');
    expect(sections[0]! + sections[1]!).not.toContain('印发</w:t>');
    // Two rows of one grid line each (抄送 fits one line), exact; the spacer fills the 版心 above them.
    expect(last.match(/<w:trHeight w:val="(\d+)" w:hRule="exact"\/>/g)).toEqual([`<w:trHeight w:val="${lines(1)}" w:hRule="exact"/>`, `<w:trHeight w:val="${lines(1)}" w:hRule="exact"/>`]);
    const spacer = Number(/<w:spacing w:after="0" w:before="0" w:line="(\d+)" w:lineRule="exact"\/>/.exec(last)![1]);
    expect(spacer).toBe(TEXT_HEIGHT - lines(2) - 20 - 120);
    // Rules: thick first (8 eighths of a point), thin between (4), thick last.
    expect([...last.matchAll(/<w:(top|bottom) w:val="single" w:color="000000" w:sz="(\d)"\/>/g)].map((m) => `${m[1]}${m[2]}`)).toEqual(['top8', 'bottom4', 'top4', 'bottom8']);
  });

  it('refuses bad input in Chinese, naming the field', () => {
    const bad = (patch: Partial<TongbaoInput>): string => {
      try {
        tongbaoDocument({ ...input, ...patch });
        return 'accepted';
      } catch (e) {
        expect(isExportError(e)).toBe(true);
        return (e as Error).message;
      }
    };
    expect(bad({ docNumber: '佳考发[2021]3号' })).toMatch(/^通报的发文字号"佳考发\[2021\]3号"应写作.*六角括号〔〕/);
    expect(bad({ date: '2021-02-30' })).toBe('通报的成文日期"2021-02-30"不是有效日期');
    expect(bad({ issuer: ' ' })).toBe('通报的发文机关为空');
    expect(bad({ printedBy: undefined })).toBe('通报的印发机关为空：有抄送机关时须写明版记的印发机关');
    expect(bad({ groups: [{ name: '镇', rows: [{ rank: 1, unit: '螅镇', total: '九十八', grade: '优秀' }] }] })).toBe('通报的第1组第1行的总分"九十八"不是数字');
  });

  it.skipIf(!hasSoffice)('prints in LibreOffice: A4, page 1 shows the 版头, 文号 and title, 28 characters a line, 22 lines a page', async () => {
    const pdf = await docxToPdf(bytes);
    const size = pdfPageSize(pdf);
    expect([Math.round(size.width), Math.round(size.height)]).toEqual([595, 842]);
    // Body (2 pages) + 附件1 (3 groups, 2 pages) + 附件2 (1 page).
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(4);
    expect(pdfPages(pdf)).toBeLessThanOrEqual(6);
    const page1 = squeeze(pdfText(pdf, 1));
    expect(page1.indexOf('佳县目标责任考核领导小组办公室文件')).toBe(0);
    expect(page1).toContain('佳考发〔2021〕3号');
    expect(page1).toContain('关于佳县2020年度目标责任考核结果的通报');
    expect(page1).toContain('—1—');
    // A full line of body text holds 28 characters, never 29 (first lines are indented 2).
    const page2 = pdfText(pdf, 2).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('—'));
    const widths = page2.map((l) => cjkWidth(squeeze(l)));
    expect(Math.max(...widths)).toBeLessThanOrEqual(28);
    expect(Math.max(...widths)).toBeGreaterThanOrEqual(26);
    expect(page2.length).toBeLessThanOrEqual(22);
    expect(squeeze(pdfText(pdf))).toContain('2021年3月1日印发');
    // §7.4: the 版记 on the last page, which is even, its last line at the foot of the 版心 (within one grid
    // line above its lower edge); a page the even-page break adds before it is blank.
    const pages = pdfPages(pdf);
    expect(pages % 2).toBe(0);
    const words = pdfWords(pdf, pages);
    const printed = words.filter((w) => w.text.includes('印发'));
    expect(printed).toHaveLength(1);
    const foot = ((PAGE.height - MARGIN.bottom) / 20);
    expect(printed[0]!.yMax).toBeLessThanOrEqual(foot);
    expect(printed[0]!.yMax).toBeGreaterThan(foot - lines(1) / 20);
    expect(words.map((w) => w.text)).toEqual(expect.arrayContaining(['抄送：县委各部门，县人大常委会办公室。', '佳县目标责任考核领导小组办公室', '日印发']));
    // Everything in the 版心 of that page is the 版记, in its last three lines (the 页码 is below the 版心).
    const inText = words.filter((w) => w.yMax <= foot + 1);
    expect(inText.every((w) => w.yMin > foot - 3 * (lines(1) / 20)), JSON.stringify(inText.map((w) => [w.text, w.yMin]))).toBe(true);
    if (!squeeze(pdfText(pdf, pages - 1)).includes('附件')) expect(squeeze(pdfText(pdf, pages - 1))).toBe('');
    // §7.5.3: the 版记 page (and a blank page before it) carry no 页码; every content page carries its own.
    expect(squeeze(pdfText(pdf, pages))).not.toMatch(/—\d+—/);
    for (let p = 1; p < pages; p++) {
      const text = squeeze(pdfText(pdf, p));
      if (text === '') continue; // the blank page the even-page break inserts
      expect(text.match(/—(\d+)—/g), `page ${p}`).toEqual([`—${p}—`]);
    }
  }, 60_000);
});
