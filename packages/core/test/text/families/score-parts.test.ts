import { describe } from 'vitest';
import { familyTable } from './family-table';

// Several 得分 situations in one item (corpus 06 pattern "…的，得a分；…的，得b分；否则不得分"), read
// against the item's own points. Sentences written for this table.
describe('several score situations against the item points', () => {
  familyTable([
    ['parts that sum to the points add up', '制定工作方案的，得0.4分；组织开展专题培训的，得0.6分；否则不得分。', { rules: [{ kind: 'completion', points: '0.4' }, { kind: 'completion', points: '0.6' }] }, '1'],
    ['three parts summing to the points', '建立台账的，得0.5分；按月通报的，得0.3分；开展培训的，得0.2分。', { rules: [{ kind: 'completion', points: '0.5' }, { kind: 'completion', points: '0.3' }, { kind: 'completion', points: '0.2' }] }, '1'],
    ['the highest equals the points and the sum exceeds them: graded options', '出台地方规章的，得1分；已列入年度制定计划的，得0.6分；否则不得分。', { rules: [{ kind: 'any-of', options: ['出台地方规章的', '已列入年度制定计划的'], points: '1', optionPoints: ['1', '0.6'] }], family: 'graded-options' }, '1'],
    ['graded options by kind of unit (试点省份 / 其他省份)', '试点省份：按期完成试点工作的，得2分，否则不得分；其他省份：开展相关探索的，得2分，否则不得分。', { rules: [{ kind: 'any-of', options: ['试点省份：按期完成试点工作的', '其他省份：开展相关探索的'], points: '2', optionPoints: ['2', '2'] }] }, '2'],
    ['graded options keep the other rules of the item', '达到标准的，得3分；基本达到的，得2分；否则不得分。发现一起违规扣0.5分。', { rules: [{ kind: 'any-of', options: ['达到标准的', '基本达到的'], points: '3', optionPoints: ['3', '2'] }, { kind: 'per-occurrence', effect: 'deduction', amount: '0.5' }] }, '3'],
    ['no points given: the relation stays open', '制定工作方案的，得0.4分；组织开展专题培训的，得0.6分；否则不得分。', { flag: '本项有2个得分情形' }],
    ['sum below the points: not read as parts', '制定工作方案的，得0.6分；组织开展宣传活动的，得0.4分。', { flag: '本项有2个得分情形' }, '2'],
    ['sum above the points but none equals them', '制定工作方案的，得0.6分；组织开展宣传活动的，得0.6分。', { flag: '本项有2个得分情形' }, '1'],
    ['one part alone reaches the points', '制定工作方案的，得1分；组织开展宣传活动的，得0分。', { flag: '得分' }, '1'],
    ['a group of parts reaches the points beside another situation: review (corpus 06 (18) shape)', '有制种大县的省份：制定政策措施的，得1.5分；案件全部查处的，得0.5分。没有制种大县的省份：制定政策措施的，得2分。', { flag: '本项有3个得分情形' }, '2'],
    ['stacked words: never one-of', '全面覆盖的，得1分。面积有扩大的，得0.7分；在此基础上，扩大10%以上的，得0.3分。', { flag: '得分情形' }, '1'],
    ['headed situations never add up', '试点省份：完成试点任务的，得0.5分；其他省份：开展相关工作的，得0.5分。', { flag: '本项有2个得分情形' }, '1'],
    ['points by category are never summed this way', '印发通知的，产区得5分，非产区得3分；组织培训的，得1分；否则不得分。', { flag: '本项有' }, '6'],
  ]);
});
