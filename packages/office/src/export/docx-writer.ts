import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from 'docx';
import type { OutBlock, OutCell } from './layouts';

const para = (text: string): Paragraph[] => text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));

function cell(c: OutCell): TableCell {
  return new TableCell({
    children: c.merged ? [new Paragraph('')] : para(c.text),
    ...(c.colSpan && c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
    ...(c.rowSpan && c.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : c.merged ? { verticalMerge: VerticalMergeType.CONTINUE } : {}),
  });
}

/** Writes the blocks as a Word document: headings as paragraphs, tables with vertical merges (vMerge). */
export async function blocksToDocx(blocks: OutBlock[], title: string): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, bold: true })] })];
  for (const b of blocks) {
    if (b.kind === 'heading') children.push(new Paragraph({ children: [new TextRun({ text: b.text, bold: true })] }));
    else
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [new TableRow({ tableHeader: true, children: b.table.header.map((h) => cell({ text: h })) }), ...b.table.rows.map((r) => new TableRow({ children: r.filter((c) => !c.covered).map(cell) }))],
        }),
        new Paragraph(''),
      );
  }
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
