import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after corpus 01 (1.4.1) (…，得N分，每少一次扣a分，扣完为止，参加…会议（M分，少一次扣b分，扣完为止）); own words.
describe('part-points: parts of one item, each with its own points and per-miss deduction', () => {
  const part = (points: string, amount: string) => [
    { kind: 'completion', points },
    { kind: 'per-occurrence', effect: 'deduction', amount, cap: points },
  ];
  familyTable([
    ['得N分 part then a （N分，…） part', '按要求每季度报送本单位工作台账，得4分，每少一次扣1分，扣完为止，参加联席会议（3分，少一次扣0.6分，扣完为止）', { rules: [...part('4', '1'), ...part('3', '0.6')], indicator: { points: '7' }, family: 'part-points' }],
    ['two 得N分 parts, no 扣完为止 on the second', '每周开展巡查，得3分，每少一次扣0.6分，扣完为止，按时参加培训，得1分，少一次扣0.5分。', { rules: [...part('3', '0.6'), ...part('1', '0.5')], indicator: { points: '4' } }],
    ['the points column agrees with the sum', '按时报送信息，得3分，每少一次扣1分，参加例会（2分，少一次扣1分）', { rules: [...part('3', '1'), ...part('2', '1')] }, '5'],
    ['the points column disagrees with the sum', '按时报送信息，得3分，每少一次扣1分，参加例会（2分，少一次扣1分）', { flag: '合计5分，与本项分值6分不一致' }, '6'],
    ['numbered, beside another item: the parts are read, the clause keeps no points of its own', '1.按时报送信息，得3分，每少一次扣1分，参加例会（2分，少一次扣1分）\n2.未建立工作台账的，扣1分。', { rules: [...part('3', '1'), ...part('2', '1'), { kind: 'condition', effect: 'deduction', amount: '1' }] }],
    ['a figure inside a task is not this shape', '按时报送信息3篇，得3分，每少一次扣1分，参加例会（2分，少一次扣1分）', { flag: '' }],
    ['每少两次 is not a per-miss deduction of this shape', '按时报送信息，得3分，每少两次扣1分，参加例会（2分，少一次扣1分）', { flag: '' }],
  ]);
});
