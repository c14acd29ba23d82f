import { describe } from 'vitest';

// families/category-rules: amounts by unit category inside a clause's rules, read once per category. Sentences
// written for this table after the corpus 06 patterns (每减少…产区扣a分，非产区扣b分; 倒扣产区a分，非产区b分; 分别).
import { familyTable } from './family-table';

const rate = { of: 'rate', percent: true };
const steps = (perStep: string) => ({ kind: 'threshold-steps', effect: 'score', metric: rate, threshold: '90', direction: 'below', step: '1', perStep });

describe('rules by unit category', () => {
  familyTable([
    ['steps by category, a cut-off the steps reach', '普及率不低于90%的，产区得8分，非产区得4分；每减少一个百分点，产区扣2分，非产区扣1分；低于86%不得分。',
      // 4 steps × 2 = 8 and 4 × 1 = 4: below 86% both are 0 already
      { rules: [{ byCategory: { 产区: steps('2'), 非产区: steps('1') } }], indicator: { pointsByCategory: { 产区: '8', 非产区: '4' } }, family: 'category-rules' }],
    ['a cut-off above where the steps reach zero stays in review', '普及率不低于90%的，产区得8分，非产区得4分；每减少一个百分点，产区扣2分，非产区扣1分；低于88%不得分。', { flag: '按单位类别' }],
    ['the points column must be one category\'s points', '普及率不低于90%的，产区得8分，非产区得4分；每减少一个百分点，产区扣2分，非产区扣1分。', { flag: '分值栏的 1.5 分不是条文中任一单位类别的分值（产区 8 分、非产区 4 分）' }, '1.5'],
    ['the points column states one category', '普及率不低于90%的，产区得8分，非产区得4分；每减少一个百分点，产区扣2分，非产区扣1分。',
      { rules: [{ byCategory: { 产区: steps('2'), 非产区: steps('1') } }], indicator: { pointsByCategory: { 产区: '8', 非产区: '4' } } }, '4'],
    ['倒扣 with the verb before the first category', '经费及时下达的，产区得5分，非产区得2.5分，否则不得分，并倒扣产区5分，非产区2.5分。',
      { rules: [
        { byCategory: { 产区: { kind: 'completion', points: '5' }, 非产区: { kind: 'completion', points: '2.5' } } },
        { byCategory: { 产区: { kind: 'condition', effect: 'deduction', amount: '5' }, 非产区: { kind: 'condition', effect: 'deduction', amount: '2.5' } } },
      ], indicator: { allowNegative: true, pointsByCategory: { 产区: '5', 非产区: '2.5' } } }],
    ['a rule the same for every category stays one rule', '达标的，产区得1.2分，非产区得0.6分；在此基础上，有创新的，得0.1分。',
      { rules: [{ byCategory: { 产区: { kind: 'completion', points: '1.2' }, 非产区: { kind: 'completion', points: '0.6' } } }, { kind: 'completion', points: '0.1' }], indicator: { pointsByCategory: { 产区: '1.3', 非产区: '0.7' } } }],
    ['a category word outside a pair is not read', '产区的普及率不低于90%的，产区得8分，非产区得4分；每减少一个百分点，产区扣2分，非产区扣1分。', { flag: '按单位类别' }],
    ['a 分别 list shorter than the categories is not read', '持平的，产区得5分，非产区得3分；每提高1个百分点，在产区5分、非产区3分的基础上分别加0.3分，加满为止。', { flag: '' }],
    ['the same category twice is no pair', '完成的，产区得2分，产区得1分。', { flag: '' }],
    // A copy that only deducts takes the item's points from the column (corpus 06 (83): 0 分 items go below zero).
    ['deductions by category on a 0 分 item go below zero', '抽检发现不合格产品流入市场的，产区扣1分，非产区扣0.5分。',
      { rules: [{ byCategory: { 产区: { kind: 'condition', effect: 'deduction', amount: '1' }, 非产区: { kind: 'condition', effect: 'deduction', amount: '0.5' } } }], indicator: { allowNegative: true } }, '0'],
    ['a deduction beyond the column is checked, never read as that category\'s points', '抽检发现不合格产品流入市场的，产区扣2分，非产区扣0.5分。', { flag: '扣分值2超过本项分值1' }, '1'],
  ]);
});
