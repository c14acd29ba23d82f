import { describe } from 'vitest';
import { familyTable } from './family-table';

// Several 得分 situations in one item (corpus 06 pattern "…的，得a分；…的，得b分；否则不得分"), read
// against the item's own points. Sentences written for this table.
describe('several score situations against the item points', () => {
  familyTable([
    ['parts that sum to the points add up', '制定工作方案的，得0.6分；组织开展宣传活动的，得0.4分；否则不得分。', { rules: [{ kind: 'completion', points: '0.6' }, { kind: 'completion', points: '0.4' }] }, '1'],
    ['three parts summing to the points', '建立台账的，得0.5分；按月通报的，得0.3分；开展培训的，得0.2分。', { rules: [{ kind: 'completion', points: '0.5' }, { kind: 'completion', points: '0.3' }, { kind: 'completion', points: '0.2' }] }, '1'],
    ['the highest equals the points: one of them, still a review', '出台地方法规的，得0.5分；已列入立法计划的，得0.3分；否则不得分。', { flag: '本项有2个得分情形', suggestion: '最高一档 0.5 分即本项分值' }, '0.5'],
    ['no points given: the relation stays open', '制定工作方案的，得0.6分；组织开展宣传活动的，得0.4分；否则不得分。', { flag: '本项有2个得分情形' }],
    ['sum below the points: not read as parts', '制定工作方案的，得0.6分；组织开展宣传活动的，得0.4分。', { flag: '本项有2个得分情形' }, '2'],
    ['sum above the points but none equals them', '制定工作方案的，得0.6分；组织开展宣传活动的，得0.6分。', { flag: '本项有2个得分情形' }, '1'],
    ['one part alone reaches the points', '制定工作方案的，得1分；组织开展宣传活动的，得0分。', { flag: '得分' }, '1'],
    ['points by category are never summed this way', '下发文件的，产区得2分，非产区得1分；召开会议的，得1分；否则不得分。', { flag: '本项有' }, '3'],
  ]);
});
