import { joinCell } from './cell-text';
import { vocabularyRole, type ColumnRole } from './header-vocabulary';

export type { ColumnRole } from './header-vocabulary';

export function roleOf(header: string): ColumnRole | undefined {
  return vocabularyRole(joinCell(header));
}

/**
 * Roles of a header row from its words (header-vocabulary.ts). 考核内容 is the category when another
 * column holds the indicators (001:6 考核内容 | 考核指标 | 责任单位) and the indicator under a 类别 column
 * (001:2758); beside a 考核项目 and a 评分标准 column it is the item's requirement.
 * Returns null when the row does not look like a header (fewer than two recognised columns).
 */
export function headerRoles(row: readonly string[]): (ColumnRole | undefined)[] | null {
  // Header cells are short labels; a data row that happens to contain 牵头领导 or 扣分 is not a header.
  if (row.some((c) => joinCell(c).replace(/\s+/g, '').length > 14)) return null;
  const roles = row.map(roleOf);
  const known = roles.filter((r) => r !== undefined && r !== 'data');
  if (known.length < 2 || new Set(known).size < 2) return null;
  return resolveRoles(row, roles);
}

/** The adjustments that depend on the other columns of the header. */
export function resolveRoles(row: readonly string[], roles: (ColumnRole | undefined)[]): (ColumnRole | undefined)[] {
  const indicators = roles.flatMap((r, i) => (r === 'indicator' ? [i] : []));
  if (indicators.length > 1) {
    // The first (考核内容) groups the second (考核指标).
    roles[indicators[0]!] = roles.includes('category') ? 'item' : 'category';
  }
  if (roles.includes('item') && roles.includes('rule')) {
    roles.forEach((r, i) => {
      if (r === 'indicator' && /内容/.test(joinCell(row[i] ?? ''))) roles[i] = 'target';
    });
  }
  // A table without an item/indicator column names its items in the 目标/评分 column's neighbour.
  if (!roles.some((r) => r === 'item' || r === 'indicator' || r === 'category')) {
    const first = roles.findIndex((r) => r === undefined);
    if (first >= 0) roles[first] = 'item';
  }
  return roles;
}
