import type { SourceRef } from '../../document';
import { joinCell, readMarker } from '../cell-text';
import type { Dec } from '@kaohe/core';
import type { ClauseDraftNode, DraftNode, NodeKind } from '../draft.types';
import type { ColumnRole } from '../header-roles';
import type { ClauseCompile } from '../compile-clause';

/** A heading of the document's own outline (一、 （一） unit names) that tables are read under. */
export type Heading = { level: number; title: string; source: SourceRef; node?: DraftNode; kind: NodeKind };

export type TableKind = 'negative' | 'deduction' | 'score';

/** A heading that titles a list of its own (考核指标, 任务分解, …细则): read as the list, and written so by the export. */
export const LIST_TITLE = /(清单|考核指标|任务分解|责任分解|指标体系|细则|目标任务)$/;

export function tableKind(header: readonly string[], roles: (ColumnRole | undefined)[], headings: Heading[]): TableKind {
  const pts = roles.indexOf('points');
  const ruleCol = roles.indexOf('rule');
  if (pts >= 0 && ruleCol < 0 && (/扣分/.test(header[pts] ?? '') || headings.some((h) => /负面/.test(h.title)))) return 'negative';
  if (ruleCol >= 0 && /扣分/.test(joinCell(header[ruleCol] ?? '')) && pts < 0) return 'deduction';
  return 'score';
}

export function newNode(kind: NodeKind, title: string, source: SourceRef): DraftNode {
  return { kind, title, children: [], clauses: [], source };
}

export function where(s: SourceRef): string {
  return s.line !== undefined ? `第 ${s.line} 行` : s.sheet ? `工作表 ${s.sheet}` : `第 ${s.table ?? '?'} 个表格`;
}

/** "二、县直部门目标责任考核指标" → 县直部门; "镇（办、中心）目标责任考核指标" → 镇（办、中心）. */
export function categoryName(heading: string): string {
  const m = readMarker(heading);
  const t = (m ? m.rest : heading).replace(/^各/, '').replace(/(共性)?(目标责任)?(考核)?指标$/, '').replace(/考核$/, '').trim();
  return t || heading;
}

export function lineAt(source: SourceRef, offset: number): SourceRef {
  return source.line !== undefined ? { ...source, line: source.line + offset } : { ...source };
}

/** Cell text without the blank lines the text extraction leaves between wrapped lines. */
export function cleanText(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .reduce((acc, l) => (acc === '' ? l : /[\p{Script=Han}，、（“]$/u.test(acc) && /^[\p{Script=Han}，。、；）”]/u.test(l) ? acc + l : `${acc}\n${l}`), '');
}

/**
 * Points by unit category read from a clause ("产区得4分，非产区得3分") become the item's. A second clause
 * of the same item with other category points cannot be both: it goes to review.
 */
export function applyCategoryPoints(item: DraftNode, clause: ClauseDraftNode, points: Record<string, Dec>): void {
  if (item.pointsByCategory && JSON.stringify(item.pointsByCategory) !== JSON.stringify(points)) {
    clause.status = 'needs-review';
    clause.reason = `${clause.reason ? `${clause.reason}；` : ''}同一指标中另有一处按单位类别的分值，不能同时适用`;
    return;
  }
  item.pointsByCategory = points;
}

/** The item policies a compiled clause carries, set on the indicator that holds it (caps, 倒扣 below zero, points by category). */
export function applyClausePolicies(item: DraftNode, clause: ClauseDraftNode, compiled: ClauseCompile): void {
  if (compiled.pointsByCategory) applyCategoryPoints(item, clause, compiled.pointsByCategory);
  if (compiled.deductionCap !== undefined) item.caps = { ...item.caps, deduction: compiled.deductionCap };
  if (compiled.bonusCap !== undefined) item.caps = { ...item.caps, bonus: compiled.bonusCap };
  if (compiled.netCap !== undefined) item.caps = { ...item.caps, net: compiled.netCap };
  if (compiled.allowNegative) item.noFloor = true;
  if (compiled.notApplicable) item.notApplicable = compiled.notApplicable;
}
