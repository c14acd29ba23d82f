import * as P from '../../src/points';
import type { Scheme } from '../../src/scheme/scheme.types';

const d = P.dec;

/**
 * 最多报一次: 城镇新增就业 is one data item read by two clauses — I1 (5 points) 按完成比例计分 against a
 * target of 1000, and I2 (2 points) 低于800人扣1分. A unit reports the figure once, at `jobs`.
 */
export function twoClausesOneMetric(): Scheme {
  return {
    formatVersion: 1,
    code: 'DI',
    year: 2026,
    title: '两条款共用一个数据项',
    settings: {},
    unitCategories: [{ code: 'town', name: '镇' }],
    units: [
      { code: 'U1', name: '甲镇', category: 'town' },
      { code: 'U2', name: '乙镇', category: 'town' },
    ],
    rankingGroups: [],
    divisions: [],
    leaders: [],
    assessors: [],
    indicators: [
      { code: 'I1', title: '城镇新增就业', points: d('5'), clauses: [{ code: 'C1', text: '城镇新增就业1000人，按完成比例计分', rule: { kind: 'proportional', effect: 'score', target: d('1000') }, dataItem: 'jobs' }] },
      { code: 'I2', title: '就业底线', points: d('2'), clauses: [{ code: 'C2', text: '城镇新增就业低于800人的扣1分', rule: { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: d('800'), direction: 'below', initial: d('1') }, dataItem: 'jobs' }] },
    ],
    negativeList: [],
    vetoes: [],
    subAssessments: [],
  };
}

