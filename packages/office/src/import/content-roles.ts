import { halfWidth, joinCell, splitNames } from './cell-text';
import type { ColumnRole } from './header-vocabulary';

/**
 * Column roles read from what the column holds, for the columns the header words do not name (or
 * name wrongly): a points column is mostly numbers or "N分"; a rule column holds sentences with
 * 扣/得/加/不得分; a body column holds names of bodies; a numbering column holds 1 / 1.1 / 一、.
 * Each test gives the share of the column's non-empty cells that pass it.
 */
export type ColumnProfile = { filled: number; points: number; rule: number; bodies: number; seq: number; meanLength: number };

const POINTS = /^([+\-＋－]|加|减|扣)?\d{1,4}(\.\d+)?\s*分?$/;
const RULE = /扣\s*[\d.０-９一二三四五六七八九十半]|扣分|得\s*[\d.]+\s*分|加\s*[\d.]+\s*分|不得分|计\s*[\d.]+\s*分|酌情(给|加|扣|减)分|[×*]\s*[\d.]+\s*分/;
const SEQ = /^(\d{1,3}([.．]\d{1,3})*[.、．]?|[一二三四五六七八九十]{1,3}[、.]|[（(][一二三四五六七八九十\d]{1,3}[)）])$/;
/** Endings of the names of bodies (部门、单位、乡镇) in the seeds and the corpus. */
export const BODY_SUFFIX = /(局|委|办|部|厅|中心|院|站|所|公司|政府|单位|部门|处|室|科|镇|乡|街道|办事处|管委会|队|社|会|团|行|署|支队|大队|分局)$/;

export function profileColumn(cells: readonly string[]): ColumnProfile {
  const texts = cells.map((c) => joinCell(halfWidth(c))).filter((t) => t !== '');
  const n = texts.length;
  if (n === 0) return { filled: 0, points: 0, rule: 0, bodies: 0, seq: 0, meanLength: 0 };
  const share = (f: (t: string) => boolean): number => texts.filter(f).length / n;
  return {
    filled: n,
    points: share((t) => POINTS.test(t)),
    rule: share((t) => t.length >= 8 && RULE.test(t)),
    bodies: share((t) => t.length <= 60 && splitNames(t.replace(/^(牵头|配合|协办|责任)(部门|单位)?[：:]/, '')).every((x) => BODY_SUFFIX.test(x.replace(/[（(].*?[)）]$/, '')))),
    seq: ascending(texts) ? share((t) => SEQ.test(t)) : 0,
    meanLength: texts.reduce((a, t) => a + t.length, 0) / n,
  };
}

/** Numbering goes up: 1, 2, 3 (or 1.1, 1.2); points (5, 10, 5) do not. */
function ascending(texts: readonly string[]): boolean {
  const nums = texts.map((t) => Number.parseFloat(t.replace(/[^\d.]/g, ''))).filter((n) => Number.isFinite(n));
  if (nums.length < 2) return true;
  let up = 0;
  for (let i = 1; i < nums.length; i++) if (nums[i]! >= nums[i - 1]!) up++;
  return up >= (nums.length - 1) * 0.8;
}

/** The role the content points to, or undefined when nothing stands out. */
export function contentRole(p: ColumnProfile): ColumnRole | undefined {
  if (p.filled === 0) return undefined;
  if (p.seq >= 0.7) return 'seq';
  if (p.points >= 0.6) return 'points';
  if (p.rule >= 0.4 && p.meanLength >= 10) return 'rule';
  if (p.bodies >= 0.7 && p.meanLength <= 40) return 'responsible';
  return undefined;
}

/**
 * Completes and corrects the header's roles with the columns' content:
 * - unnamed columns take the role their content shows;
 * - without a rule column, the requirement/indicator column whose cells are scoring sentences is the
 *   rule column (rules written inside 考核内容 / 考核指标, corpus 02);
 * - without an item column, the short-text column left of the rule column names the items (06 年度考核目标任务);
 * - a points-named column that holds no numbers is not a points column.
 * Returns the roles and one line per change, for the report.
 */
export function refineRoles(roles: readonly (ColumnRole | undefined)[], columns: readonly string[][], header: readonly string[]): { roles: (ColumnRole | undefined)[]; notes: string[] } {
  const out = [...roles];
  const notes: string[] = [];
  const profiles = columns.map(profileColumn);
  const label = (c: number): string => (joinCell(header[c] ?? '') || `第 ${c + 1} 列`);
  const set = (c: number, role: ColumnRole, why: string): void => {
    out[c] = role;
    notes.push(`“${label(c)}”列按内容识别为${roleNames[role]}（${why}）`);
  };
  profiles.forEach((p, c) => {
    if (out[c] !== undefined) return;
    const role = contentRole(p);
    if (role && !(role === 'points' && out.includes('points')) && !(role === 'rule' && out.includes('rule'))) set(c, role, reasons[role] ?? '');
  });
  if (!out.includes('rule')) {
    const c = out.findIndex((r, i) => (r === 'target' || r === 'indicator') && profiles[i]!.rule >= 0.4);
    if (c >= 0) set(c, 'rule', '多数单元格是含“扣/得/加分”的评分句子');
  }
  // An 指标 column filled in a few rows only, with sentences, beside a rule column filled in every row (07 核心指标:
  // one description in 20 rows): the description of its item, not the titles of indicators under it.
  const ind = out.indexOf('indicator');
  const rc = out.indexOf('rule');
  if (ind >= 0 && rc >= 0 && out.includes('item') && profiles[ind]!.filled > 0 && profiles[ind]!.filled * 4 <= profiles[rc]!.filled && profiles[ind]!.meanLength >= 20) {
    out[ind] = 'target';
    notes.push(`“${label(ind)}”列只有少数行填写且是说明文字，按目标要求读取（不作为下级指标名称）`);
  }
  const pts = out.indexOf('points');
  if (pts >= 0 && profiles[pts]!.filled > 0 && profiles[pts]!.points < 0.3 && profiles[pts]!.rule < 0.3) {
    out[pts] = 'note';
    notes.push(`“${label(pts)}”列多数不是分值数字，按说明读取`);
  }
  const ruleCol = out.indexOf('rule');
  if (ruleCol >= 0 && !out.some((r) => r === 'item' || r === 'indicator' || r === 'category')) {
    const c = out.findIndex((r, i) => i < ruleCol && (r === 'target' || r === undefined) && profiles[i]!.filled > 0 && profiles[i]!.meanLength <= 40);
    if (c >= 0) set(c, 'item', '评分标准列左侧的短文本，为各项名称');
  }
  // A names column right after the item column and before the points/rule columns, under the item's
  // merged header (01: 考核项目 spans 重点考核部门 | 县委农工部): the units the rows apply to.
  const item = out.indexOf('item');
  const firstValue = out.findIndex((r) => r === 'points' || r === 'rule' || r === 'target');
  out.forEach((r, c) => {
    const underItem = r === undefined || (r === 'item' && c > item) || r === 'responsible';
    if (item >= 0 && c === item + 1 && (firstValue < 0 || c < firstValue) && underItem && profiles[c]!.bodies >= 0.7) set(c, 'unit', '项目列右侧、分值列左侧的单位名称');
  });
  return { roles: out, notes };
}

const roleNames: Record<ColumnRole, string> = {
  seq: '序号',
  category: '类别',
  item: '项目名称',
  indicator: '指标',
  rule: '评分标准',
  target: '目标要求',
  points: '分值',
  assessor: '考核部门',
  lead: '牵头单位',
  responsible: '责任单位',
  owner: '牵头领导/责任处室',
  deadline: '完成时限',
  note: '备注',
  data: '考核数据（不导入）',
  unit: '被考核单位',
};

const reasons: Partial<Record<ColumnRole, string>> = {
  seq: '多数单元格是编号',
  points: '多数单元格是数字或“N分”',
  rule: '多数单元格是含“扣/得/加分”的评分句子',
  responsible: '多数单元格是单位、部门名称',
};

export function roleName(role: ColumnRole): string {
  return roleNames[role];
}
