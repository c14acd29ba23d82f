import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
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
import { patchDocx } from './model/docx-patch';
import { CN_SIZE, fontName, LANGUAGE, LATIN_FONT, type FontRole } from './model/fonts';
import { HEADING_PT, planPages, TABLE_LINE_PT, TABLE_PT, TITLE_PT, type PagePlan, type PlannedColumn, type PlannedTable, type PlanOptions } from './model/page-plan';
import type { OutBlock, OutCell } from './out-model';
import { sensitivityMark, type Sensitivity } from './model/sensitivity';

const twips = (mm: number): number => Math.round((mm / 25.4) * 1440);
const CHAR = TABLE_PT * 20;

const run = (text: string, role: FontRole, pt: number): TextRun =>
  new TextRun({ text, font: { eastAsia: fontName(role), ascii: LATIN_FONT, hAnsi: LATIN_FONT }, size: Math.round(pt * 2), language: LANGUAGE });

const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: thin, bottom: thin, left: thin, right: thin };

function cellParagraphs(text: string, header: boolean, col: PlannedColumn | undefined, fullWidth: boolean): Paragraph[] {
  const alignment = header || (col && col.kind !== 'text' && !fullWidth) ? AlignmentType.CENTER : AlignmentType.LEFT;
  const role: FontRole = header || fullWidth ? 'heiti' : 'songti';
  return text.split('\n').map((line) => new Paragraph({ alignment, spacing: { line: Math.round(TABLE_LINE_PT * 20), lineRule: LineRuleType.AT_LEAST }, children: [run(line, role, TABLE_PT)] }));
}

function cell(c: OutCell, cols: PlannedColumn[], k: number, header: boolean): TableCell {
  const span = c.colSpan ?? 1;
  const width = cols.slice(k, k + span).reduce((a, col) => a + col.width, 0) * CHAR;
  return new TableCell({
    width: { size: Math.round(width), type: WidthType.DXA },
    borders,
    verticalAlign: VerticalAlignTable.CENTER,
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } } : {}),
    children: c.merged ? [new Paragraph({ children: [run('', 'songti', TABLE_PT)] })] : cellParagraphs(c.text, header, cols[k], span > 1),
    ...(span > 1 ? { columnSpan: span } : {}),
    ...(c.rowSpan && c.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : c.merged ? { verticalMerge: VerticalMergeType.CONTINUE } : {}),
  });
}

/** Rows taller than this may break across pages; shorter ones are kept whole. */
const KEEP_WHOLE_LINES = 20;

function table(t: PlannedTable): Table {
  const widths = t.columns.map((c) => Math.round(c.width * CHAR));
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, k) => cell({ text: c.header }, t.columns, k, true)) }),
      ...t.rows.map(
        (r, i) =>
          new TableRow({
            cantSplit: t.lines[i]! <= KEEP_WHOLE_LINES,
            children: r.flatMap((c, k) => (c.covered ? [] : [cell(c, t.columns, k, false)])),
          }),
      ),
    ],
  });
}

function footer(): Footer {
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { eastAsia: fontName('songti'), ascii: fontName('songti'), hAnsi: fontName('songti') }, size: CN_SIZE.小四 * 2, language: LANGUAGE })] })],
  });
}

/** The security label at the top left of every page (model/sensitivity.ts). */
export function sensitivityHeader(s: Sensitivity): Header {
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.LEFT, children: [run(sensitivityMark(s)!, 'heiti', CN_SIZE.小四)] })] });
}

export function planToDocx(plan: PagePlan): Document {
  const children: (Paragraph | Table)[] = [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(plan.title, 'xiaobiaosong', TITLE_PT)] })];
  for (const b of plan.blocks) {
    if (b.kind === 'heading') children.push(new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: [run(b.text, 'heiti', HEADING_PT)] }));
    else children.push(table(b.table), new Paragraph({ children: [run('', 'songti', TABLE_PT)] }));
  }
  const landscape = plan.orientation === 'landscape';
  const m = plan.margins;
  const body = { font: { eastAsia: fontName('songti'), ascii: LATIN_FONT, hAnsi: LATIN_FONT }, size: TABLE_PT * 2, language: LANGUAGE };
  return new Document({
    title: plan.title,
    styles: { default: { document: { run: body } }, paragraphStyles: [{ id: 'Normal', name: 'Normal', quickFormat: true, run: body }] },
    sections: [
      {
        properties: {
          page: {
            // docx swaps width and height itself for a landscape page.
            size: { width: twips(210), height: twips(297), orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: twips(m.top), bottom: twips(m.bottom), left: twips(m.left), right: twips(m.right), header: twips(m.header), footer: twips(m.footer) },
          },
        },
        footers: { default: footer() },
        ...(plan.sensitivity ? { headers: { default: sensitivityHeader(plan.sensitivity) } } : {}),
        children,
      },
    ],
  });
}

/** Writes the blocks as a Word document laid out by the page plan (model/page-plan.ts). */
export async function blocksToDocx(blocks: OutBlock[], title: string, options: PlanOptions = {}): Promise<Uint8Array> {
  return patchDocx(new Uint8Array(await Packer.toBuffer(planToDocx(planPages(blocks, title, options)))));
}
