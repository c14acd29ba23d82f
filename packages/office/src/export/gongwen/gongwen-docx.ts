import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { columnWidths, type ColumnKind } from '../model/column-widths';
import { CN_SIZE, fontName, LANGUAGE, LATIN_FONT, type FontRole } from '../model/fonts';
import { patchDocx } from '../model/docx-patch';
import { cjkWidth } from '../model/measure';
import { BODY_CONDENSE, BODY_PT, chars, FOOTER_DISTANCE, halfPoints, LINE_PITCH, lines, MARGIN, mm, PAGE, TEXT_WIDTH } from './gongwen-page';

export type GongwenColumn = { header: string; kind: ColumnKind };
export type GongwenTable = { columns: GongwenColumn[]; rows: string[][] };
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

const TABLE_PT = CN_SIZE.四号;
const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const cellBorders = { top: thin, bottom: thin, left: thin, right: thin };

function tableCell(text: string, width: number, header: boolean, kind: ColumnKind): TableCell {
  const centred = header || kind !== 'text';
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: cellBorders,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60 },
    children: text.split('\n').map(
      (t) =>
        new Paragraph({
          alignment: centred ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { line: Math.round(TABLE_PT * 20 * 1.25), lineRule: LineRuleType.EXACT, before: 40, after: 40 },
          children: [run(t, header ? 'heiti' : 'fangsong', TABLE_PT)],
        }),
    ),
  });
}

/** An attachment table: widths from the content (model/column-widths), header row repeated on every page, rows kept whole. */
function attachmentTable(t: GongwenTable): Table {
  const perChar = TABLE_PT * 20;
  const total = TEXT_WIDTH / perChar;
  const widthsChars = columnWidths(
    t.columns.map((c, k) => ({ header: c.header, kind: c.kind, cells: t.rows.map((r) => ({ text: r[k] ?? '', span: 1 })) })),
    total,
    t.rows.length,
  );
  const widths = widthsChars.map((w) => Math.floor(w * perChar));
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, k) => tableCell(c.header, widths[k]!, true, c.kind)) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: t.columns.map((c, k) => tableCell(r[k] ?? '', widths[k]!, false, c.kind)) })),
    ],
  });
}

/** §8 附件: 另面编排; "附件1" in 3号黑体 顶格 on the first line, its title centred on the second. */
function attachmentPages(attachments: readonly GongwenAttachment[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  attachments.forEach((a, i) => {
    out.push(new Paragraph({ pageBreakBefore: true, children: [run(attachments.length > 1 ? `附件${i + 1}` : '附件', 'heiti', BODY_PT)] }));
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: lines(1) }, children: [run(a.title, 'xiaobiaosong', CN_SIZE.二号)] }));
    for (const b of a.blocks) {
      if (b.kind === 'table') out.push(attachmentTable(b.table), new Paragraph({ children: [] }));
      else if (b.kind === 'heading') out.push(new Paragraph({ keepNext: true, children: [run(b.text, 'heiti', BODY_PT)] }));
      else out.push(bodyParagraph(b.text));
    }
  });
  return out;
}

/**
 * §7.4 版记: thick first and last rules, thin between, after the last content. GB/T 9704 puts it on the
 * last lines of the last page; a floating table pinned there (tblpYSpec="bottom" or an absolute tblpY)
 * is dropped or misplaced by LibreOffice 7.4, so the clerk moves it down if the page has room.
 */
function recordTable(r: GongwenRecord): Table {
  const thick: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const rows: TableRow[] = [];
  const pt = CN_SIZE.四号;
  const cell = (children: Paragraph[], top: IBorderOptions, bottom: IBorderOptions): TableCell =>
    new TableCell({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, borders: { top, bottom, left: none, right: none }, children });
  if (r.copyTo?.length) rows.push(new TableRow({ children: [cell([new Paragraph({ indent: { left: chars(4), right: chars(1), hanging: chars(3) }, children: [run(`抄送：${r.copyTo.join('，')}。`, 'fangsong', pt)] })], thick, thin)] }));
  rows.push(
    new TableRow({
      children: [
        cell(
          [new Paragraph({ tabStops: [{ type: 'right', position: TEXT_WIDTH - chars(1) }], indent: { left: chars(1) }, children: [run(r.printedBy, 'fangsong', pt), run(`\t${r.printedDate}印发`, 'fangsong', pt)] })],
          r.copyTo?.length ? thin : thick,
          thick,
        ),
      ],
    }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    layout: TableLayoutType.FIXED,
    rows,
  });
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

const bodyFont = { font: { eastAsia: fontName('fangsong'), ascii: LATIN_FONT, hAnsi: LATIN_FONT }, size: halfPoints(BODY_PT), language: LANGUAGE };

/** Writes a 公文 as .docx following GB/T 9704-2012 (see gongwen-page.ts for the page and grid). */
export async function writeGongwenDocx(doc: GongwenDocument): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    ...head(doc),
    ...doc.body.map(bodyParagraph),
    ...attachmentNote(doc.attachments ?? []),
    ...signature(doc),
    ...attachmentPages(doc.attachments ?? []),
  ];
  if (doc.record) children.push(new Paragraph({ spacing: { before: lines(2) }, children: [] }), recordTable(doc.record), new Paragraph({ children: [] }));
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
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...MARGIN, header: mm(15), footer: FOOTER_DISTANCE, gutter: 0 } },
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
        },
        footers: { default: pageFooter(true), even: pageFooter(false) },
        children,
      },
    ],
  });
  return patchDocx(new Uint8Array(await Packer.toBuffer(document)));
}

