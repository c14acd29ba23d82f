import { resultsApi, type UnitResultView } from '@kaohe/contract/api';

/**
 * A unit result as the server sends it, built through the contract's response schema (so a
 * fixture that drifts from the contract fails here, not in a screen). Numbers follow the 佳县
 * demo (examples/jiaxian-2020): 粮食播种面积 21600 of 24000 earns 0.9 of 1 point.
 */
export function unitResultFixture(): UnitResultView {
  return resultsApi.unit.response.parse({
    assessmentId: '00000000-0000-4000-8000-000000000001',
    unitId: '00000000-0000-4000-8000-000000000002',
    unitCode: 'xizhen',
    unitName: '螅镇',
    schemeId: '00000000-0000-4000-8000-000000000003',
    total: '98.4',
    grade: 'excellent',
    gradeName: '优秀',
    rank: 1,
    ranks: [{ group: 'towns', groupName: '镇（办、中心）', rank: 1, of: 5, isTied: false }],
    computedAt: '2026-12-01T06:30:00.000Z',
    inputSha256: 'abc',
    ledger: {
      unit: 'xizhen',
      name: '螅镇',
      category: 'town',
      total: '98.4',
      itemsTotal: '98.9',
      bonusTotal: '0',
      negativeTotal: '-0.5',
      deductionTotal: '-0.5',
      vetoes: [],
      pendingJudgements: 1,
      needsReview: 0,
      nodes: [
        {
          code: 'NY',
          title: '农业农村工作',
          points: '2',
          score: '1.9',
          deduction: '0',
          bonus: '0',
          status: 'scored',
          isBonus: false,
          clauses: [],
          children: [
            { code: 'NY.LSMJ', title: '粮食播种面积', points: '1', score: '0.9', deduction: '0', bonus: '0', status: 'scored', isBonus: false, children: [], clauses: [{ code: 'NY.LSMJ.p', kind: 'proportional', status: 'scored', score: '0.9', deduction: '0', bonus: '0' }] },
            { code: 'NY.LSCL', title: '粮食总产量', points: '1', score: '1', deduction: '0', bonus: '0', status: 'scored', isBonus: false, children: [], clauses: [{ code: 'NY.LSCL.p', kind: 'proportional', status: 'scored', score: '1', deduction: '0', bonus: '0' }] },
          ],
        },
      ],
      lines: ['完成 21600 / 目标 24000 × 1 分 = 0.9 分', '完成 54168 / 目标 54168 × 1 分 = 1 分', '负面清单：被县级以上通报批评 1 次，扣 0.5 分'],
      entries: [
        { path: ['NY', 'NY.LSMJ'], ref: 'NY.LSMJ.p', kind: 'score', msg: 'rule.proportional', amount: '0.9', facts: ['facts.yaml#1'], text: '完成 21600 / 目标 24000 × 1 分 = 0.9 分', cite: { text: '粮食播种面积', source: { file: 'scheme.yaml', line: 40 } } },
        { path: ['NY', 'NY.LSCL'], ref: 'NY.LSCL.p', kind: 'score', msg: 'rule.proportional', amount: '1', facts: ['facts.yaml#2'], text: '完成 54168 / 目标 54168 × 1 分 = 1 分', cite: { text: '粮食总产量' } },
        { path: [], ref: 'FM.1', kind: 'negative', msg: 'negative.item', amount: '-0.5', facts: ['facts.yaml#9'], text: '负面清单：被县级以上通报批评 1 次，扣 0.5 分', cite: { text: '被县级以上通报批评的，每次扣0.5分' } },
      ],
      gradeNotes: [],
      selfAssessedTotal: null,
      warnings: [],
    },
  });
}
