import { describe } from 'vitest';
import { familyTable } from './family-table';

// Sentences written for this table after the 06 pattern (产区得a分，非产区得b分).
describe('family category-points', () => {
  familyTable([
    ['two categories and 否则不得分', '年度目标按期完成的，产区得2分、非产区得1分，否则不得分。', { rules: [{ kind: 'completion' }], indicator: { pointsByCategory: { 产区: '2', 非产区: '1' } }, family: 'category-points' }],
    ['without 否则', '建立联络员制度的，产区得0.7分，非产区得0.4分。', { rules: [{ kind: 'completion' }], indicator: { pointsByCategory: { 产区: '0.7', 非产区: '0.4' } } }],
    ['two pairs: one-of or both?', '印发实施方案的，产区得2分、非产区得1分；召开推进会的，产区得1分、非产区得0.5分；否则不得分。', { flag: '按单位类别的分值出现多组' }],
    ['deductions by category', '全部完成整治任务的，产区得1.5分、非产区得1分；整治率每降低10个百分点，产区扣0.2分、非产区扣0.1分。', { flag: '按单位类别' }],
    // families/category-rules: the item's points by category are the stacked sums.
    ['stacked on category points', '建成服务站点的，产区得1.7分，非产区得1.2分；在此基础上，站点数量有增加的，得0.3分。',
      { rules: [{ byCategory: { 产区: { kind: 'completion', points: '1.7' }, 非产区: { kind: 'completion', points: '1.2' } } }, { kind: 'completion', points: '0.3' }], indicator: { pointsByCategory: { 产区: '2', 非产区: '1.5' } } }],
    ['stacked, a column that is neither sum', '建成服务站点的，产区得1.7分，非产区得1.2分；在此基础上，站点数量有增加的，得0.3分。', { flag: '“在此基础上”的得分叠加在按单位类别的分值之上' }, '1.8'],
  ]);
});
