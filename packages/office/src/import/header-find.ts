import type { RawTable, SourceRef } from '../document';
import { joinCell } from './cell-text';
import { refineRoles } from './content-roles';
import { headerRoles, resolveRoles } from './header-roles';
import type { ColumnRole } from './header-vocabulary';

/** The header row of a table and what stood above it (title rows, 文号, dates, blank rows). */
export type HeaderFound = {
  /** 0-based row of the header. */
  row: number;
  roles: (ColumnRole | undefined)[];
  /** Roles decided from the content, one line each (shown in the report). */
  notes: string[];
  above: { text: string; source: SourceRef }[];
  /** True when no header word was recognised and the roles all come from the content. */
  inferred: boolean;
};

const SCAN_ROWS = 10;

/**
 * Looks for the header in the first rows of a table: rows holding one text (a title merged across
 * the sheet, 文号, a date) or nothing are skipped and kept in `above`; the first row whose words
 * name at least two roles is the header. When no row has header words, the first row of short
 * labels is taken as header if the content below it shows at least a rule or points column and
 * something that names the items (an unknown-but-inferable header).
 */
export function findHeader(table: RawTable): HeaderFound | null {
  const above: HeaderFound['above'] = [];
  for (let r = 0; r < Math.min(SCAN_ROWS, table.grid.length); r++) {
    const row = table.grid[r]!;
    const distinct = [...new Set(row.map((c) => joinCell(c)).filter((c) => c !== ''))];
    const source = table.rows[r]?.find((c) => !c.isMergedContinuation && c.text.trim() !== '')?.source ?? table.rows[r]?.[0]?.source ?? table.source;
    if (distinct.length === 0) continue;
    if (distinct.length === 1 && row.length > 1) {
      above.push({ text: distinct[0]!, source });
      continue;
    }
    const columns = row.map((_, c) => table.rows.slice(r + 1).map((cells) => ownText(cells, c)));
    const named = headerRoles(row);
    if (named) {
      const { roles, notes } = refineRoles(named, columns, row);
      return { row: r, roles, notes, above, inferred: false };
    }
    // A header in unknown words: short Chinese labels over at least three columns and three data rows
    // (a key | value sheet such as 来源说明, or a 章 | 条文 text table, is not a scheme table).
    if (row.some((c) => joinCell(c).length > 14) || distinct.length < 3 || table.grid.length - r - 1 < 3) return null;
    if (distinct.some((c) => !/\p{Script=Han}/u.test(c))) return null;
    const { roles, notes } = refineRoles(row.map(() => undefined), columns, row);
    const resolved = resolveRoles(row, roles);
    const scoring = resolved.includes('rule') || resolved.includes('points');
    const names = resolved.some((x) => x === 'item' || x === 'indicator' || x === 'category');
    if (scoring && names) return { row: r, roles: resolved, notes, above, inferred: true };
    return null;
  }
  return null;
}

/** The text of a cell, empty where it only continues a merged cell (each merge is counted once). */
function ownText(cells: readonly RawTable['rows'][number][number][], c: number): string {
  const cell = cells[c];
  return cell && !cell.isMergedContinuation ? cell.text : '';
}

/** The scheme title among the rows above the header: the first that reads like one. */
export function titleAmong(rows: readonly { text: string }[]): string | undefined {
  // A sentence (…特签订本经营目标责任书。) names the document but is not its title: a title never ends with 。 or ；.
  return rows.map((r) => r.text).find((t) => t.length >= 6 && !/[。；;]$/.test(t) && !/^附件|^[\p{Script=Han}]+〔\d{4}〕\d+号$|^\d{4}年\d{1,2}月\d{1,2}日$/u.test(t) && /考核|考评|评分|细则|方案|标准|办法|责任书|清单|指标|评估|目录/.test(t));
}

/** "2018年度…" / "2020年…": the year a title or text names (never today's). */
export function yearIn(text: string): number | undefined {
  const m = /((?:19|20)\d{2})\s*年/.exec(text);
  return m ? Number(m[1]) : undefined;
}
