import type { RuleKind } from '../rules/rule.types';

/**
 * The Chinese name of each rule kind (what describeRule writes before the rule's parts). A module
 * of its own, importing types only, so the web can read it through the contract without loading
 * the scoring core (`@kaohe/core/rule-kind-names`).
 */
export const ruleKindNamesZh: Record<RuleKind, string> = {
  'per-occurrence': '按次计分',
  condition: '条件扣分/加分',
  discretionary: '酌情打分',
  shortfall: '按缺项扣分',
  'threshold-steps': '阈值与级差',
  bands: '分档计分',
  lateness: '按逾期时长扣分',
  deadline: '限期完成',
  proportional: '按完成比例计分',
  completion: '完成即得分',
  'partial-credit': '未完成按进度计分',
  'any-of': '达成任一项得满分',
  'rate-formula': '按比率公式计分',
  'relative-to-best': '与最优单位比较',
  'rank-bands': '按组内名次分档',
  'external-rank': '按上级排名计分',
  'bottom-k': '组内末位扣分',
  'top-k': '组内前列加分',
  conversion: '专项考核折算',
  accumulate: '累计积分',
  zero: '该项不得分',
  survey: '满意度测评',
  average: '取平均分',
  manual: '人工评定',
};
