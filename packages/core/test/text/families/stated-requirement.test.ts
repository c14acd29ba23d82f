import { describe, expect, it } from 'vitest';
import { compileRuleText } from '../../../src/text/compile-rule';
import { familyTable } from './family-table';

// Made-up sentences after the corpus 06 shapes (43) and (84): the figures of a condition that earns points or a bonus
// are the requirement the assessor checks; a limit on a duration (不超过N个月) inside a condition is no points cap.
describe('stated requirements of completions and bonuses', () => {
  familyTable([
    ['a bonus whose condition scopes and states its figures', '辖区内年接待量超过50万人次的场馆中，开通预约系统的场馆达到80%的，加0.2分。', { rules: [{ kind: 'condition', effect: 'bonus', amount: '0.2' }] }],
    ['a completion with a rate requirement, otherwise 0', '图书借阅量不低于上年的90%，且馆藏更新按期完成的，得2分，否则不得分。', { rules: [{ kind: 'completion', points: '2' }] }],
    ['by category, with a 倒扣 by category', '应急物资储备不低于核定数量的75%，且补库期不超过3个月的，产区得2.6分，非产区得1.4分，否则不得分；并且倒扣产区2分，非产区1分。', {
      rules: [
        { byCategory: { 产区: { kind: 'completion', points: '2.6' }, 非产区: { kind: 'completion', points: '1.4' } } },
        { byCategory: { 产区: { kind: 'condition', effect: 'deduction', amount: '2' }, 非产区: { kind: 'condition', effect: 'deduction', amount: '1' } } },
      ],
      indicator: { allowNegative: true, pointsByCategory: { 产区: '2.6', 非产区: '1.4' } },
    }],
    ['a duration limit in the condition is not a cap', '问题整改期原则上不超过3个月，超期未完成整改的，每起扣0.5分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '0.5' }] }],
    ['a points cap is still read', '资料缺失的，每项扣0.5分，最多不超过2分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '0.5', cap: '2' }] }],
    ['one threshold of a value in an unknown unit stays for review', '流转土地 100 亩以上的，加1分。', { flag: '未读取的门槛' }],
    ['a failed requirement is not a bonus requirement', '未达到90%以上的，加1分。', { flag: '未读取的门槛' }],
    ['a deduction does not take its figures as a requirement', '辖区内超过50万人次的场馆中，开通预约系统的场馆不足80%的，扣0.2分。', { flag: '未读取' }],
  ]);

  it('names the figures it read as the requirement', () => {
    const result = compileRuleText('辖区内年接待量超过50万人次的场馆中，开通预约系统的场馆达到80%的，加0.2分。');
    const params = result.rules[0]!.params.filter((param) => param.name === 'requirement').map((param) => param.phrase);
    expect(params).toEqual(['超过50万', '80%']);
  });
});
