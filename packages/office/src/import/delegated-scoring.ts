import type { Indicator } from '@kaohe/core';
import type { ImportIssue, RawDocument, SourceRef } from '../document';

/**
 * A sentence handing the scoring of the document's indicators to another document that is not part of it:
 * "相应指标考核细则按《…<细则名>（<年份>版）》执行" (corpus 11). Returns the sentence and where it is.
 */
export type Delegation = { sentence: string; document: string; source: SourceRef };

const DELEGATION = /[^。；\n]*?(?:考核细则|评分细则|计分办法|考核办法|评分标准)[^。；\n]*?(?:按|依据|参照|详见)\s*(《[^》]+》)\s*(?:执行|确定|计分|评分)?[^。；\n]*/;

export function findDelegation(doc: RawDocument): Delegation | undefined {
  for (const b of doc.blocks) {
    if (b.kind !== 'paragraph') continue;
    const m = DELEGATION.exec(b.text);
    if (m) return { sentence: m[0].trim().replace(/^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])\s*/, ''), document: m[1]!, source: b.source };
  }
  return undefined;
}

/** "详见HSE责任书" in the item's own text: its scoring is in that document. */
const SEE_ALSO = /(?:详见|见)\s*(《[^》]+》|[A-Za-z\u4e00-\u9fa5]{1,12}(?:责任书|细则|办法|方案))/;

/**
 * Per target + points indicator (points stated, no scoring sentence): the report says, for each, that the
 * document does not say how it is scored, and names the document the scoring is delegated to when it does.
 * Nothing is compiled from it: no completion reading (按完成比例) is written, so none is assumed.
 */
export function delegatedIssues(doc: RawDocument, indicators: readonly Indicator[], targetOnly: readonly string[]): ImportIssue[] {
  if (targetOnly.length === 0) return [];
  const file = doc.file;
  const delegation = findDelegation(doc);
  // The item's own paragraph as written ("2.<指标名>（权重N%）：详见<某>责任书。" keeps its tail there only).
  const lineText = new Map<number, string>();
  const paragraphs: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind !== 'paragraph') continue;
    paragraphs.push(b.text);
    if (b.source.line !== undefined) lineText.set(b.source.line, b.text);
  }
  const byCode = new Map<string, Indicator>();
  const walk = (xs: readonly Indicator[]): void => xs.forEach((i) => (byCode.set(i.code, i), walk(i.children ?? [])));
  walk(indicators);
  const out: ImportIssue[] = [];
  for (const code of targetOnly) {
    const ind = byCode.get(code);
    if (!ind) continue;
    // Word has no lines (the indicator keeps none): the first paragraph naming the item is its own.
    const para = ind.source?.line !== undefined ? lineText.get(ind.source.line) : paragraphs.find((t) => t.includes(ind.title));
    const own = SEE_ALSO.exec(`${ind.title}${ind.text ?? ''}${para ?? ''}`);
    const where = `文件 ${file} 指标 ${code}“${ind.title}”`;
    const at = (s: SourceRef): string => (s.line !== undefined ? `第 ${s.line} 行` : s.paragraph !== undefined ? `第 ${s.paragraph} 段` : s.row !== undefined ? `第 ${s.row} 行` : '');
    const message = own
      ? `${where}：本文件未写明计分方法，原文写“详见${own[1]}”，该文件未随本方案提供，需按其人工评分`
      : delegation
        ? `${where}：本文件未写明计分方法（未见“按完成比例”等读法），原文${at(delegation.source)}“${delegation.sentence}”，${delegation.document}未随本方案提供，暂由考核部门人工评分`
        : undefined;
    if (message) out.push({ severity: 'warning', code: 'scoring-not-stated', message, source: ind.source ? { file, ...(ind.source.line !== undefined ? { line: ind.source.line } : {}), ...(ind.source.row !== undefined ? { row: ind.source.row } : {}) } : { file } });
  }
  return out;
}
