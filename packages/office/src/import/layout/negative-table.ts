import type { RawTable, SourceRef } from '../../document';
import { joinCell, readPointsCell, splitNames } from '../cell-text';
import { compileClause } from '../compile-clause';
import type { BuildState, RowRecord } from '../draft.types';
import { headerRoles, type ColumnRole } from '../header-roles';

/** A 负面清单 table (扣分分值 column, no rule column): each row is a deduction item for the units it names. */
export function readNegativeTable(s: BuildState, table: RawTable, roles: (ColumnRole | undefined)[], start: number): void {
const row = (source: SourceRef, kind: RowRecord['kind'], summary: string): void => void s.rows.push({ source, kind, summary });
  const col = (role: ColumnRole): number => roles.indexOf(role);
  const [cCat, cInd, cResp, cPts] = [col('category') >= 0 ? col('category') : col('item'), col('indicator'), col('responsible'), col('points')];
  for (let r = start; r < table.grid.length; r++) {
    const g = table.grid[r]!;
    const source = table.rows[r]?.[0]?.source ?? table.source;
    if (headerRoles(g)) {
      row(source, 'header', '表头（重复）');
      continue;
    }
    const text = (g[cInd] ?? '').trim();
    if (text === '') {
      if (g.some((c) => c.trim() !== '')) row(source, 'unrecognised', `负面清单行没有考核指标：${g.map((c) => joinCell(c)).join(' | ')}`);
      continue;
    }
    const amount = readPointsCell(g[cPts] ?? '');
    const src = { ...source, ...(table.rows[r]?.[cInd]?.source.line !== undefined ? { line: table.rows[r]![cInd]!.source.line } : {}) };
    const draft = { title: joinCell(g[cCat] ?? ''), text: joinCell(text), units: splitNames(g[cResp] ?? ''), source: src, status: 'ok' as const };
    if (amount !== undefined) {
      s.negative.push({ ...draft, amount: amount < 0 ? (-amount as typeof amount) : amount });
      row(src, 'negative', `负面清单：${draft.text.slice(0, 30)}… 扣 ${(g[cPts] ?? '').trim()} 分`);
      continue;
    }
    const compiled = compileClause(draft.text, { source: src });
    const rule = compiled.rules.length === 1 && compiled.status === 'ok' ? compiled.rules[0]!.rule : undefined;
    if (rule) s.negative.push({ ...draft, rule });
    else s.negative.push({ ...draft, status: 'needs-review', reason: compiled.reason ?? '未写扣分分值', rule: { kind: 'manual', effect: 'deduction', reason: compiled.reason ?? '未写扣分分值' } });
    row(src, 'negative', `负面清单：${draft.text.slice(0, 30)}…（${rule ? `按文字编译为 ${rule.kind}` : '待复核'}）`);
  }
}
