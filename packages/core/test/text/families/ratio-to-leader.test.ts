import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after the corpus 07 pattern (第1名得N分，第2-k名按第1名的比例得分).
describe('family ratio-to-leader', () => {
  familyTable([
    ['the others by range', '按各单位办件量高低排序，第1名得8分，第2-6名按第1名的比例得分', { rules: [{ kind: 'relative-to-best', effect: 'score', metric: { of: 'value' }, weight: '8' }], family: 'ratio-to-leader' }],
    ['the others as 其余', '排名第1名的得4分，其余按第一名的比例得分。', { rules: [{ kind: 'relative-to-best', effect: 'score', metric: { of: 'value' }, weight: '4' }] }],
    ['a gap between the leader and the others', '排名第1名得6分，第3-5名按第1名的比例得分', { flag: '之间的名次如何计分未写明' }],
    ['a floor it does not read', '排名第1名得6分，其余按第1名的比例得分，最低得2分', { flag: '最低得2分' }],
    ['another amount after the ratio', '排名第1名得6分，其余按第1名的比例得分，倒数第1名扣1分', { flag: '之后还有分值' }],
    ['a leader that is not first', '排名前3名得6分，其余按第1名的比例得分', { flag: '按比例计分与前文分值如何结合未写明' }],
  ]);
});
