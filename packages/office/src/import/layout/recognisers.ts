import { tablesOf, type RawDocument } from '../../document';
import type { BuildState } from '../draft.types';
import { findHeader } from '../header-find';
import { gradeDeductions } from '../grade-effects';
import { paragraphLayout } from './paragraph-layout';
import type { LayoutRecogniser } from './recogniser.types';

export type { LayoutRecogniser } from './recogniser.types';
import { TableWalker } from './table-layout';


/**
 * Tables with a header row (anywhere in their first rows) and the paragraphs around them: the
 * outline (一、 （一） unit names) the tables sit under, and paragraph-form 细则 after the last table.
 */
export const tableLayout: LayoutRecogniser = {
  name: 'tables',
  label: '表格方案',
  detect: (doc) => tablesOf(doc).some((t) => findHeader(t) !== null),
  read(doc, state) {
    const sheets = new Set(tablesOf(doc).filter((t) => t.sheet !== undefined && findHeader(t) !== null).map((t) => t.sheet));
    const w = new TableWalker(state, sheets.size > 1);
    const lastTable = doc.blocks.reduce((k, b, i) => (b.kind === 'table' ? i : k), -1);
    const tail = doc.blocks.slice(lastTable + 1);
    const tailIsRules = paragraphLayout.detect({ ...doc, blocks: tail });
    doc.blocks.forEach((block, i) => {
      if (i > lastTable && tailIsRules) return;
      if (block.kind === 'paragraph') w.paragraph(block.text, block.source, doc.blocks[i + 1]?.kind === 'table');
      else w.table(block.table);
    });
    if (tailIsRules) {
      state.rows.push({ source: tail[0]!.kind === 'paragraph' ? tail[0]!.source : { file: doc.file }, kind: 'heading', summary: '表格之后的段落为段落式细则，按段落方案读取' });
      paragraphLayout.read({ ...doc, blocks: tail }, state);
    }
  },
};

/** In the order they are tried. */
export const recognisers: readonly LayoutRecogniser[] = [tableLayout, paragraphLayout];

export function readStructure(doc: RawDocument): BuildState & { layout?: string } {
  const state: BuildState & { layout?: string } = { file: doc.file, roots: [], negative: [], units: [], groups: [], rows: [], issues: [...doc.warnings] };
  if (doc.properties?.title) state.title = doc.properties.title;
  if (doc.properties?.year !== undefined) state.year = doc.properties.year;
  const chosen = recognisers.find((r) => r.detect(doc));
  if (!chosen) {
    for (const b of doc.blocks) {
      if (b.kind === 'paragraph' && b.text.trim() !== '') state.rows.push({ source: b.source, kind: 'unrecognised', summary: `正文：${b.text.trim().slice(0, 40)}` });
      if (b.kind === 'table') state.rows.push({ source: b.table.source, kind: 'unrecognised', summary: `第 ${b.table.index} 个表格没有可识别的表头` });
    }
    return state;
  }
  state.layout = chosen.label;
  const grades = gradeDeductions(doc);
  if (grades.size > 0) state.gradeDeductions = grades;
  chosen.read(doc, state);
  return state;
}
