import { describe } from 'vitest';

// Tables of the corpus 06 families: stated requirement, 0 分 deduction items, 不得分 below graded options, deductions by category.
import { familyTable } from './family-table';

// Sentences written for this table after the corpus 06 pattern (…达到N%及以上的，产区得a分，非产区得b分，否则不得分):
// the figures of a completion's condition are its requirement (families/stated-requirement.ts).
describe('stated requirement of a completion (corpus 06)', () => {
  familyTable([
    ['a rate reached, category points', '网上订单量达到50%及以上的，产区得0.8分，非产区得1.6分，否则不得分。', { rules: [{ kind: 'completion' }], indicator: { pointsByCategory: { 产区: '0.8', 非产区: '1.6' } }, family: 'category-points' }],
    ['two rates for two kinds of project', '骨干项目完成投资计划85%以上，配套项目完成投资计划75%的，产区得1.2分，非产区得0.7分，否则不得分。', { rules: [{ kind: 'completion' }], indicator: { pointsByCategory: { 产区: '1.2', 非产区: '0.7' } } }],
    ['100% with a judged otherwise', '建立管理制度，全年任务完成率达到100%的，得2分，否则酌情扣分。', { rules: [{ kind: 'completion', points: '2', allowPartial: true }] }],
    ['a rate reached, one amount', '档案电子化率达到90%以上的，得1分。', { rules: [{ kind: 'completion', points: '1' }] }],
    // Never read as a requirement: the side where points are lost, a step, a failure word.
    ['below a figure is not a requirement', '完成率低于60%的，产区得0.3分，非产区得0.15分。', { flag: '60%' }],
    ['a step per point is not a requirement', '普及率每提高1个百分点，产区得0.3分，非产区得0.15分。', { flag: '' }],
    ['a failure word is the other side', '完成率未达到80%的，得0.5分。', { flag: '80%' }],
  ]);
});

// Written after corpus 06 (83): an item of 0 分 whose rules all deduct is a deduction-only item.
describe('deductions on an item of 0 分 (corpus 06)', () => {
  familyTable([
    ['扣 on 0 分 goes below zero', '抽检发现不合格产品流入市场的，流出地扣1分；流入地处置不到位的扣0.5分。', { rules: [{ kind: 'condition', effect: 'deduction', amount: '1' }, { kind: 'condition', effect: 'deduction', amount: '0.5' }], indicator: { allowNegative: true } }, '0'],
    ['扣 beyond the points of a non-zero item is still flagged', '抽检发现不合格产品流入市场的，扣2分。', { flag: '扣分值2超过本项分值1' }, '1'],
  ]);
});

// Written after corpus 06 (14): a 不得分 below the lowest graded option is the options' otherwise.
describe('不得分 below graded options (corpus 06)', () => {
  familyTable([
    ['below the last option', '全部完成年度任务的，得2分，任务完成85%以上、不到100%的，得1.2分，任务完成85%以下的，不得分。',
      { rules: [{ kind: 'any-of', options: ['全部完成年度任务的', '任务完成85%以上、不到100%的'], points: '2', optionPoints: ['2', '1.2'] }] }, '2'],
    ['a figure the options do not name stays unread', '全部完成年度任务的，得2分，任务完成85%以上、不到100%的，得1.2分，任务完成60%以下的，不得分。', { flag: '60%' }, '2'],
  ]);
});

// Written after corpus 06 (26): 倒扣 by category, the verb once before the first category.
describe('deductions by category (corpus 06)', () => {
  familyTable([
    // Read once per category (families/category-rules); the 倒扣 shares the 此项不得分's condition: one clause after the zeroing.
    ['此项不得分，同时倒扣 by category: one 倒扣 after the zeroing', '按期足额兑付奖补资金的，产区得5分，非产区得3.5分，否则不得分。出现截留奖补资金的，此项不得分，并倒扣产区5分，非产区3.5分。',
      { rules: [{ byCategory: { 产区: { kind: 'completion', points: '5' }, 非产区: { kind: 'completion', points: '3.5' } } }, { byCategory: { 产区: { kind: 'condition', effect: 'deduction', amount: '5' }, 非产区: { kind: 'condition', effect: 'deduction', amount: '3.5' } }, afterZero: true }], indicator: { allowNegative: true, pointsByCategory: { 产区: '5', 非产区: '3.5' } } }],
  ]);
});

// Written after corpus 06 (26) (55): a 倒扣 after 此项不得分 is taken after the zeroing (afterZero), never cancelled by it.
describe('倒扣 after 此项不得分 (corpus 06)', () => {
  familyTable([
    ['同时倒扣: the zero and the 倒扣 are one rule', '出现违规情形的，此项不得分，同时倒扣2分。', { rules: [{ kind: 'condition', effect: 'deduction', amount: '2', afterZero: true }], indicator: { allowNegative: true } }, '2'],
    ['并倒扣 as 同时', '出现违规情形的，此项不得分，并倒扣1分。', { rules: [{ kind: 'condition', effect: 'deduction', amount: '1', afterZero: true }], indicator: { allowNegative: true } }, '1'],
    ['a severe case with its own condition keeps the zero', '严格执行政策的，得1分，否则不得分。出现违规问题的，此项不得分；情节严重的，倒扣1分。',
      { rules: [{ kind: 'completion', points: '1' }, { kind: 'zero', scope: 'indicator' }, { kind: 'condition', effect: 'deduction', amount: '1', afterZero: true }], indicator: { allowNegative: true } }],
    // Still flagged: a 扣 beside them (cancelled by the zero, or below zero with the 倒扣?), a 倒扣 before the zero.
    ['another deduction beside them', '出现违规情形的，此项不得分，同时倒扣2分；每迟报一次扣0.5分。', { flag: '另有扣分不在计零之后' }, '2'],
    ['a 倒扣 before the zero', '每出现一次违规倒扣1分；情节严重的，此项不得分。', { flag: '另有扣分不在计零之后' }, '2'],
    ['a 倒扣 in a later sentence is not after the zero', '出现违规问题的，此项不得分。未按时报送的，倒扣1分。', { flag: '另有扣分不在计零之后' }, '2'],
  ]);
});
