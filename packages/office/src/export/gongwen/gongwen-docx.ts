import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  SectionType,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { columnWidths, type ColumnKind } from '../model/column-widths';
import { CN_SIZE, fontName, LANGUAGE, LATIN_FONT, type FontRole } from '../model/fonts';
import { patchDocx } from '../model/docx-patch';
import type { OutCell } from '../out-model';
import { sensitivityHeader } from '../docx-writer';
import type { Sensitivity } from '../model/sensitivity';
import { cjkWidth } from '../model/measure';
import { BODY_CONDENSE, BODY_PT, chars, FOOTER_DISTANCE, halfPoints, LINE_PITCH, lines, MARGIN, mm, PAGE, TEXT_HEIGHT, TEXT_WIDTH } from './gongwen-page';

export type GongwenColumn = { header: string; kind: ColumnKind };
/** Rows of plain texts, or of cells with merges (a layout's table as an attachment). */
export type GongwenTable = { columns: GongwenColumn[]; rows: (string | OutCell)[][] };
export type GongwenBlock = { kind: 'paragraph'; text: string } | { kind: 'heading'; text: string } | { kind: 'table'; table: GongwenTable };
export type GongwenAttachment = { title: string; blocks: GongwenBlock[] };
/** 版记 (§7.4): 抄送机关, 印发机关 and 印发日期. */
export type GongwenRecord = { copyTo?: string[]; printedBy: string; printedDate: string };

/** A 公文 with its 版头, 主体 and 版记 (GB/T 9704-2012 §7), body paragraphs as plain text. */
export type GongwenDocument = {
  /** 发文机关标志, e.g. "佳县目标责任考核领导小组办公室文件". */
  mark: string;
  /** 发文字号, e.g. "佳考发〔2021〕3号". */
  docNumber?: string;
  title: string;
  /** 主送机关, written with its closing colon. */
  recipients?: string;
  /** 正文 paragraphs; a paragraph opening with "一、" is set in 黑体, "（一）" in 楷体 (§7.3.3 结构层次). */
  body: string[];
  attachments?: GongwenAttachment[];
  /** 发文机关署名 and 成文日期 (e.g. "2021年3月1日"). */
  signer: string;
  date: string;
  record?: GongwenRecord;
  /** The security label (草稿/内部/公开) of what the document is made from, at the top left of every page header. */
  sensitivity?: Sensitivity;
};

const RED = 'FF0000';

/**
 * A run in one of the stacks' fonts. 3号 text is condensed by BODY_CONDENSE so that 28 characters fill
 * a line (see gongwen-page.ts: a character grid would do it in Word, but LibreOffice gives a 16 pt
 * character two cells of a 15.8 pt grid).
 */
function run(text: string, role: FontRole, pt: number, extra: { color?: string } = {}): TextRun {
  return new TextRun({ text, font: { eastAsia: fontName(role), ascii: LATIN_FONT, hAnsi: LATIN_FONT }, size: halfPoints(pt), language: LANGUAGE, ...(pt === BODY_PT ? { characterSpacing: BODY_CONDENSE } : {}), ...extra });
}

/** Splits "一、总体情况。正文……" into the heading phrase (in 黑体/楷体) and the rest (仿宋). */
function bodyRuns(text: string): TextRun[] {
  const level = /^[一二三四五六七八九十]+、/.test(text) ? 'heiti' : /^（[一二三四五六七八九十]+）/.test(text) ? 'kaiti' : undefined;
  if (!level) return [run(text, 'fangsong', BODY_PT)];
  const stop = text.indexOf('。');
  if (stop < 0 || stop === text.length - 1) return [run(text, level, BODY_PT)];
  return [run(text.slice(0, stop + 1), level, BODY_PT), run(text.slice(stop + 1), 'fangsong', BODY_PT)];
}

const bodyParagraph = (text: string): Paragraph => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: chars(2) }, children: bodyRuns(text) });

/** §7.2.4: the mark fits the 156 mm 版心 on one line; 初号 at most. */
function markSize(mark: string): number {
  const fit = Math.floor(((TEXT_WIDTH / 20) * 0.96) / Math.max(1, cjkWidth(mark)));
  return Math.max(CN_SIZE.二号, Math.min(CN_SIZE.初号, fit));
}

function head(doc: GongwenDocument): Paragraph[] {
  const out: Paragraph[] = [];
  const line: IBorderOptions = { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 };
  // §7.2.4 发文机关标志: 居中, 上边缘至版心上边缘 35 mm, 红色小标宋.
  out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: mm(35) - LINE_PITCH, line: 240, lineRule: LineRuleType.AUTO }, children: [run(doc.mark, 'xiaobiaosong', markSize(doc.mark), { color: RED })] }));
  // §7.2.5 发文字号: 标志下空二行, 居中; §7.2.7 分隔线: 文号之下 4 mm, 红色, 与版心等宽.
  out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: lines(2) }, border: { bottom: line }, children: [run(doc.docNumber ?? '', 'fangsong', BODY_PT)] }));
  // §7.3.1 标题: 分隔线下空二行, 2号小标宋, 居中.
  out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: lines(2) }, children: [run(doc.title, 'xiaobiaosong', CN_SIZE.二号)] }));
  // §7.3.2 主送机关: 标题下空一行, 居左顶格.
  if (doc.recipients) out.push(new Paragraph({ spacing: { before: lines(1) }, children: [run(doc.recipients.endsWith('：') ? doc.recipients : `${doc.recipients}：`, 'fangsong', BODY_PT)] }));
  return out;
}

/** §7.3.4 附件说明: 正文下空一行左空二字 "附件：1．…", later names aligned under the first. */
function attachmentNote(attachments: readonly GongwenAttachment[]): Paragraph[] {
  if (attachments.length === 0) return [];
  if (attachments.length === 1) return [new Paragraph({ spacing: { before: lines(1) }, indent: { left: chars(2) }, children: [run(`附件：${attachments[0]!.title}`, 'fangsong', BODY_PT)] })];
  return attachments.map((a, i) =>
    new Paragraph({
      ...(i === 0 ? { spacing: { before: lines(1) } } : {}),
      indent: { left: chars(5), hanging: i === 0 ? chars(3) : 0 },
      children: [run(`${i === 0 ? '附件：' : ''}${i + 1}．${a.title}`, 'fangsong', BODY_PT)],
    }),
  );
}

/**
 * §7.3.5.2 不加盖印章的公文: 署名右空二字; 成文日期在其下一行, 首字比署名首字右移二字; when the date is
 * longer than the 署名, the date is 右空二字 and the 署名 moves left accordingly.
 */
function signature(doc: GongwenDocument): Paragraph[] {
  const s = cjkWidth(doc.signer);
  const d = cjkWidth(doc.date);
  const [signRight, dateRight] = d > s ? [2 + d - s + 2, 2] : [2, s - d];
  return [
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: lines(1) }, indent: { right: chars(signRight) }, children: [run(doc.signer, 'fangsong', BODY_PT)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: chars(dateRight) }, children: [run(doc.date, 'fangsong', BODY_PT)] }),
  ];
}

const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const cellBorders = { top: thin, bottom: thin, left: thin, right: thin };
/** Table text: 4号 for a narrow table (the 通报's rankings), 五号 for one of five columns or more (a task list, as the seeds print theirs). */
const tablePt = (columns: number): number => (columns <= 4 ? CN_SIZE.四号 : CN_SIZE.五号);

function tableCell(c: OutCell, width: number, header: boolean, kind: ColumnKind, pt: number): TableCell {
  const fullWidth = (c.colSpan ?? 1) > 1;
  const centred = header || (kind !== 'text' && !fullWidth);
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: cellBorders,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60 },
    ...(fullWidth ? { columnSpan: c.colSpan } : {}),
    ...(c.rowSpan && c.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : c.merged ? { verticalMerge: VerticalMergeType.CONTINUE } : {}),
    children: (c.merged ? '' : c.text).split('\n').map(
      (t) =>
        new Paragraph({
          alignment: centred ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { line: Math.round(pt * 20 * 1.25), lineRule: LineRuleType.EXACT, before: 40, after: 40 },
          children: [run(t, header || fullWidth ? 'heiti' : 'fangsong', pt)],
        }),
    ),
  });
}

const asCell = (c: string | OutCell | undefined): OutCell => (typeof c === 'string' ? { text: c } : (c ?? { text: '' }));

/** An attachment table: widths from the content (model/column-widths), header row repeated on every page, short rows kept whole, merges kept. */
function attachmentTable(t: GongwenTable, widthRows: GongwenTable['rows']): Table {
  const pt = tablePt(t.columns.length);
  const perChar = pt * 20;
  const cellsOf = (rs: GongwenTable['rows']): OutCell[][] => rs.map((r) => t.columns.map((_, k) => asCell(r[k])));
  const rows = cellsOf(t.rows);
  const measured = cellsOf(widthRows);
  const widthsChars = columnWidths(
    t.columns.map((c, k) => ({ header: c.header, kind: c.kind, cells: measured.flatMap((r) => (r[k]!.merged || r[k]!.covered || (r[k]!.colSpan ?? 1) > 1 ? [] : [{ text: r[k]!.text, span: r[k]!.rowSpan ?? 1 }])) })),
    TEXT_WIDTH / perChar,
    measured.length,
  );
  const widths = widthsChars.map((w) => Math.floor(w * perChar));
  const spanWidth = (k: number, c: OutCell): number => widths.slice(k, k + (c.colSpan ?? 1)).reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, k) => tableCell({ text: c.header }, widths[k]!, true, c.kind, pt)) }),
      ...rows.map((r) => new TableRow({ cantSplit: r.every((c) => c.text.length < 200), children: r.flatMap((c, k) => (c.covered ? [] : [tableCell(c, spanWidth(k, c), false, t.columns[k]!.kind, pt)])) })),
    ],
  });
}

const headerKey = (t: GongwenTable): string => t.columns.map((c) => c.header).join('\t');
const sameHeader = (blocks: readonly GongwenBlock[], t: GongwenTable): GongwenTable[] => blocks.flatMap((b) => (b.kind === 'table' && headerKey(b.table) === headerKey(t) ? [b.table] : []));

/** §8 附件: 另面编排; "附件1" in 3号黑体 顶格 on the first line, its title centred on the second. */
function attachmentPages(attachments: readonly GongwenAttachment[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  attachments.forEach((a, i) => {
    // The first starts the attachments' own section (a new page); later ones break the page themselves.
    out.push(new Paragraph({ ...(i > 0 ? { pageBreakBefore: true } : {}), children: [run(attachments.length > 1 ? `附件${i + 1}` : '附件', 'heiti', BODY_PT)] }));
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: lines(1) }, children: [run(a.title, 'xiaobiaosong', CN_SIZE.二号)] }));
    for (const b of a.blocks) {
      // Tables of one attachment with the same header (the 通报's groups, a list's sections) share their widths.
      if (b.kind === 'table') out.push(attachmentTable(b.table, sameHeader(a.blocks, b.table).flatMap((t) => t.rows)), new Paragraph({ children: [] }));
      else if (b.kind === 'heading') out.push(new Paragraph({ keepNext: true, children: [run(b.text, 'heiti', BODY_PT)] }));
      else out.push(bodyParagraph(b.text));
    }
  });
  return out;
}

/**
 * §7.4 版记 on the last lines of the last page, which is an even page: a section of its own that starts on
 * the next even page (Word's evenPage break; an odd blank page is added when the content ends on an even
 * page) holding a spacer of the computed height and the 版记, whose rows are whole grid lines: 抄送 between
 * the thick first rule and a thin rule, 印发机关 and 印发日期 above the thick last rule, the last line of the
 * 版心. LibreOffice 7.4 honours neither a table pinned to the page foot (tblpYSpec="bottom") nor a frame
 * aligned to the bottom (framePr yAlign) nor a section aligned to the bottom (vAlign), so the position is
 * computed: on a fresh page only the 版记 is there.
 */
function recordSection(r: GongwenRecord): (Paragraph | Table)[] {
  const thick: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const rows: TableRow[] = [];
  const pt = CN_SIZE.四号;
  const row = (n: number, children: Paragraph[], top: IBorderOptions, bottom: IBorderOptions): TableRow =>
    new TableRow({
      cantSplit: true,
      height: { value: lines(n), rule: HeightRule.EXACT },
      children: [new TableCell({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.CENTER, borders: { top, bottom, left: none, right: none }, children })],
    });
  let used = 0;
  if (r.copyTo?.length) {
    const text = `抄送：${r.copyTo.join('，')}。`;
    const n = copyToLines(text, pt);
    used += n;
    rows.push(row(n, [new Paragraph({ indent: { left: chars(4), right: chars(1), hanging: chars(3) }, children: [run(text, 'fangsong', pt)] })], thick, thin));
  }
  used += 1;
  rows.push(
    row(1, [new Paragraph({ tabStops: [{ type: 'right', position: TEXT_WIDTH - chars(1) }], indent: { left: chars(1) }, children: [run(r.printedBy, 'fangsong', pt), run(`\t${r.printedDate}印发`, 'fangsong', pt)] })], r.copyTo?.length ? thin : thick, thick),
  );
  // The 版心 less the 版记's lines, the closing 1 pt paragraph Word needs after a table, and 6 pt for the rules.
  const spacer = TEXT_HEIGHT - lines(used) - RECORD_TAIL - 120;
  const exact = (line: number): Paragraph => new Paragraph({ spacing: { before: 0, after: 0, line, lineRule: LineRuleType.EXACT }, children: [run('', 'fangsong', 1)] });
  return [exact(spacer), new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [TEXT_WIDTH], layout: TableLayoutType.FIXED, rows }), exact(RECORD_TAIL)];
}

/** Twips of the paragraph that closes the 版记 section. */
const RECORD_TAIL = 20;

/** Lines the 抄送 takes: 4号 characters in the 版心 less one character on each side; later lines start after "抄送：" (右空一字, 回行与冒号后首字对齐). */
export function copyToLines(text: string, pt: number): number {
  const perChar = pt * 20;
  const first = Math.floor((TEXT_WIDTH - 2 * chars(1)) / perChar);
  const rest = Math.floor((TEXT_WIDTH - chars(4) - chars(1)) / perChar);
  const w = Math.ceil(cjkWidth(text));
  return w <= first ? 1 : 1 + Math.ceil((w - first) / rest);
}

/** §7.5.3 页码: 4号半角宋体 "— 1 —", 单页码居右空一字, 双页码居左空一字. */
function pageFooter(odd: boolean): Footer {
  const pt = CN_SIZE.四号;
  const indent = Math.round(pt * 20);
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: indent } : { left: indent },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { eastAsia: fontName('songti'), ascii: fontName('songti'), hAnsi: fontName('songti') }, size: halfPoints(pt), language: LANGUAGE })],
      }),
    ],
  });
}

/**
 * §7.5.3 "公文的版记页前有空白页的，空白页和版记页均不编排页码": the 版记 section's footers (odd and even) are
 * empty, so its page carries no 页码; the blank page an even-page break inserts is printed empty by
 * LibreOffice (tested on the PDF).
 */
const noPageNumber = (): Footer => new Footer({ children: [new Paragraph({ children: [] })] });

const bodyFont = { font: { eastAsia: fontName('fangsong'), ascii: LATIN_FONT, hAnsi: LATIN_FONT }, size: halfPoints(BODY_PT), language: LANGUAGE };

/** Writes a 公文 as .docx following GB/T 9704-2012 (see gongwen-page.ts for the page and grid). */
export async function writeGongwenDocx(doc: GongwenDocument): Promise<Uint8Array> {
  const main: (Paragraph | Table)[] = [...head(doc), ...doc.body.map(bodyParagraph), ...attachmentNote(doc.attachments ?? []), ...signature(doc)];
  const annex = attachmentPages(doc.attachments ?? []);
  const record = doc.record ? recordSection(doc.record) : [];
  const page = { size: { width: PAGE.width, height: PAGE.height }, margin: { ...MARGIN, header: mm(15), footer: FOOTER_DISTANCE, gutter: 0 } };
  const footers = { default: pageFooter(true), even: pageFooter(false) };
  const headers = doc.sensitivity ? { headers: { default: sensitivityHeader(doc.sensitivity), even: sensitivityHeader(doc.sensitivity) } } : {};
  const document = new Document({
    creator: doc.signer,
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: bodyFont },
      },
      // LibreOffice measures the character grid against the Normal style's size, not the document defaults.
      paragraphStyles: [{ id: 'Normal', name: 'Normal', quickFormat: true, run: bodyFont }],
    },
    // The 22-line grid holds for the body; the 附件 are a section of their own without it, because
    // LibreOffice snaps table lines to the grid too (a 五号 table line would take a 29 pt grid line).
    sections: [
      { properties: { page, grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH } }, footers, ...headers, children: main },
      ...(annex.length > 0 ? [{ properties: { page, type: SectionType.NEXT_PAGE }, footers, ...headers, children: annex }] : []),
      ...(record.length > 0 ? [{ properties: { page, type: SectionType.EVEN_PAGE }, footers: { default: noPageNumber(), even: noPageNumber() }, ...headers, children: record }] : []),
    ],
  });
  return patchDocx(new Uint8Array(await Packer.toBuffer(document)));
}

