/** A small valid scheme (two towns, one Mode-D item, one negative-list entry) used by contract and CLI tests. */
export const SMALL_SCHEME = `formatVersion: 1
code: small
year: 2020
title: 测试方案
unitCategories: [{code: town, name: 镇}]
units:
  - {code: a, name: 甲镇, category: town}
  - {code: b, name: 乙镇, category: town}
rankingGroups:
  - {code: towns, name: 镇, categories: [town]}
divisions: [{code: office, name: 办公室}]
indicators:
  - code: party
    title: 党建
    points: 5
    clauses:
      - code: c1
        text: 每起扣 0.2 分，最高扣 1 分
        rule: {kind: per-occurrence, effect: deduction, amount: 0.2, cap: 1}
        divisions: [office]
      - code: c2
        text: 按时处置率未达 95%，扣 0.1 分，每低 5 个百分点扣 0.1 分
        rule: {kind: threshold-steps, effect: deduction, metric: {of: rate}, threshold: 95, direction: below, initial: 0.1, step: 5, perStep: 0.1}
negativeList:
  - {code: n1, text: 未完成年度任务的, amount: 0.5}
grading:
  grades: [{code: A, name: 优秀}, {code: B, name: 良好}]
  method: score-bands
  bands: [{grade: A, min: 4.5}]
`;
