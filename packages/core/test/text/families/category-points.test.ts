import { describe } from 'vitest';
import { familyTable } from './family-table';

// Sentences written for this table after the 06 pattern (产区得a分，非产区得b分).
describe('family category-points', () => {
  familyTable([
    ['two categories and 否则不得分', '按期完成年度工作的，产区得5分，非产区得2.5分，否则不得分。', { rules: [{ kind: 'completion' }], indicator: { pointsByCategory: { 产区: '5', 非产区: '2.5' } }, family: 'category-points' }],
    ['without 否则', '建立协调机制的，产区得1.6分，非产区得0.8分。', { rules: [{ kind: 'completion' }], indicator: { pointsByCategory: { 产区: '1.6', 非产区: '0.8' } } }],
    ['two pairs: one-of or both?', '印发通知的，产区得5分，非产区得3分；组织培训的，产区得3分，非产区得1.5分；否则不得分。', { flag: '按单位类别的分值出现多组' }],
    ['deductions by category', '全部完成任务的，产区得2.5分、非产区得2分；完成率每下降10个百分点，产区扣0.25分、非产区扣0.2分。', { flag: '按单位类别' }],
    // families/category-rules: the item's points by category are the stacked sums.
    ['stacked on category points', '建成服务站的，产区得1.6分，非产区得1.2分；在此基础上，站点有增加的，得0.3分。',
      { rules: [{ byCategory: { 产区: { kind: 'completion', points: '1.6' }, 非产区: { kind: 'completion', points: '1.2' } } }, { kind: 'completion', points: '0.3' }], indicator: { pointsByCategory: { 产区: '1.9', 非产区: '1.5' } } }],
    ['stacked, a column that is neither sum', '建成服务站的，产区得1.6分，非产区得1.2分；在此基础上，站点有增加的，得0.3分。', { flag: '“在此基础上”的得分叠加在按单位类别的分值之上' }, '1.6'],
  ]);
});
