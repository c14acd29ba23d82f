import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after the corpus 02 pattern (全部完成，得N分，未完成按完成比例扣分).
describe('family full-or-proportional', () => {
  familyTable([
    ['未完成按…完成比例扣分', '全部村庄完成改厕，得3分，未完成按改厕完成比例扣分', { rules: [{ kind: 'proportional', effect: 'score', points: '3' }], family: 'full-or-proportional' }],
    ['否则按比例得分', '年内全部完成整治任务，得5分，否则按完成比例得分。', { rules: [{ kind: 'proportional', effect: 'score', points: '5' }], family: 'full-or-proportional' }],
    ['a figure in the tail is not read by this family', '全部村庄完成改厕，得3分，未完成按改厕完成比例扣分，最低得1分', { flag: '' }],
  ]);
});
