import { joinCell } from './cell-text';

/** What a column of a scheme table holds, from its header text. */
export type ColumnRole =
  | 'seq' // 序号
  | 'category' // 类别
  | 'item' // 项目名称 / 考核项目 / 重点工作
  | 'indicator' // 指标 / 考核指标 / 指标及分值 / 考核内容 (under a 类别)
  | 'rule' // 评分标准 / 具体扣分标准 / 目标任务及评价办法
  | 'target' // 目标要求 / 目标任务 / 目标值
  | 'points' // 分值 / 扣分分值
  | 'assessor' // 考核牵头部门
  | 'lead' // 牵头单位
  | 'responsible' // 责任单位
  | 'owner' // 牵头领导/责任处室
  | 'deadline' // 完成时限
  | 'note'; // 备注

const ROLES: [ColumnRole, RegExp][] = [
  ['seq', /^(序号|编号|序)$/],
  ['assessor', /考核牵头(部门|单位)|^考核(部门|单位)$|考评(部门|单位)/],
  ['owner', /牵头领导|责任处室|分管领导/],
  ['rule', /评分(标准|办法|细则)|扣分(标准|办法)|计分(标准|办法|方法|方式)|评价(办法|标准)|考核(方式|标准|办法)|赋分/],
  ['points', /^(扣分)?分值$|^分数$|^权重|^满分$|^得分$/],
  ['category', /^(类别|类型|考核类别|一级指标|指标类别)$/],
  ['indicator', /指标|考核内容|^内容$/],
  ['item', /项目名称|考核项目|^项目$|重点工作|^工作任务$|^任务名称$/],
  ['target', /目标(要求|任务|值)|考核要求|工作要求|^任务$/],
  ['lead', /牵头(单位|部门)|主办单位/],
  ['responsible', /责任(单位|部门)|承办单位|配合单位|协办单位/],
  ['deadline', /时限|完成时间|进度安排/],
  ['note', /^备注/],
];

export function roleOf(header: string): ColumnRole | undefined {
  const h = joinCell(header).replace(/\s+/g, '');
  if (h === '') return undefined;
  for (const [role, re] of ROLES) if (re.test(h)) return role;
  return undefined;
}

/**
 * Roles of a header row. 考核内容 is the category when another column holds the indicators
 * (001:6 考核内容 | 考核指标 | 责任单位) and the indicator under a 类别 column (001:2758).
 * Returns null when the row does not look like a header (fewer than two recognised columns).
 */
export function headerRoles(row: readonly string[]): (ColumnRole | undefined)[] | null {
  // Header cells are short labels; a data row that happens to contain 牵头领导 or 扣分 is not a header.
  if (row.some((c) => joinCell(c).replace(/\s+/g, '').length > 14)) return null;
  const roles = row.map(roleOf);
  const known = roles.filter((r) => r !== undefined);
  if (known.length < 2 || new Set(known).size < 2) return null;
  const indicators = roles.flatMap((r, i) => (r === 'indicator' ? [i] : []));
  if (indicators.length > 1) {
    // The first (考核内容) groups the second (考核指标).
    roles[indicators[0]!] = roles.includes('category') ? 'item' : 'category';
  }
  // A table without an item/indicator column names its items in the 目标/评分 column's neighbour.
  if (!roles.some((r) => r === 'item' || r === 'indicator' || r === 'category')) {
    const first = roles.findIndex((r) => r === undefined);
    if (first >= 0) roles[first] = 'item';
  }
  return roles;
}
