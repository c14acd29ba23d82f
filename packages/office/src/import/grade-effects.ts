import type { RawDocument, SourceRef } from '../document';
import { joinCell } from './cell-text';

/**
 * What a grade effect in a points column ("降B级", corpus 10 区级 rows) costs in points, when the document
 * itself says so: "<上级>指标…降为B、C、D级的，在<下级>按扣减信用分x、y、z分标准执行" (10's 办法 第二十四条).
 * The letters and the amounts are paired in order; a sentence whose two lists differ in length says
 * nothing exact and is not used. Without such a sentence a 降级 cell stays flagged (the scheme format has
 * no credit-level downgrade; it is not one of the scheme's grades either).
 */
export type GradeDeduction = { amount: string; sentence: string; source: SourceRef };

const CONVERSION = /降为?\s*([A-Ea-e](?:\s*[、，,和及]\s*[A-Ea-e])*)\s*级[^。；\n]*?扣减?[^。；\n\d]*?(\d+(?:\.\d+)?(?:\s*[、，,]\s*\d+(?:\.\d+)?)*)\s*分/;

export function gradeDeductions(doc: RawDocument): Map<string, GradeDeduction> {
  const out = new Map<string, GradeDeduction>();
  const read = (text: string, source: SourceRef): void => {
    const flat = joinCell(text).replace(/\s+/g, '');
    const m = CONVERSION.exec(flat);
    if (!m || !/按[^。；]*扣/.test(flat)) return;
    const letters = m[1]!.split(/[、，,和及]/).map((l) => l.toUpperCase());
    const amounts = m[2]!.split(/[、，,]/);
    if (letters.length !== amounts.length) return;
    const sentence = flat.slice(Math.max(0, flat.lastIndexOf('。', m.index) + 1), m.index + m[0].length);
    letters.forEach((l, k) => out.set(`降${l}级`, { amount: amounts[k]!, sentence, source }));
  };
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') read(b.text, b.source);
    else for (const row of b.table.rows) for (const cell of row) if (!cell.isMergedContinuation && /降/.test(cell.text)) read(cell.text, cell.source);
  }
  return out;
}
