import { describe } from 'vitest';
import { familyTable } from './family-table';

// Made-up sentences after corpus 06 (10) (2018) and (9) (2019): two situations on the two sides of one figure, each
// earning the same, are one completion (a unit is on one side only); 否则视完成情况酌情减分 is its judged partial score.
describe('family complementary-situations', () => {
  familyTable([
    ['one item, points by category, one otherwise at the end', '上年覆盖率达到90%以上，今年保持的，产区得3.5分，非产区得2.5分；上年在90%以下，今年至少提高2个百分点的，产区得3.5分，非产区得2.5分，否则视完成情况酌情减分。',
      { rules: [{ kind: 'completion', allowPartial: true }], indicator: { pointsByCategory: { 产区: '3.5', 非产区: '2.5' } }, family: 'complementary-situations' }, '2.5'],
    ['①② items, each with its own otherwise', '①上年覆盖率达到90%以上（含）的地区：今年保持或提高的，产区得3.5分，非产区得2.5分；否则视完成情况酌情减分。②上年在90%以下的地区：今年至少提高2个百分点的，产区得3.5分，非产区得2.5分；否则视完成情况酌情减分。',
      { rules: [{ kind: 'completion', allowPartial: true }], indicator: { pointsByCategory: { 产区: '3.5', 非产区: '2.5' } }, family: 'complementary-situations' }, '2.5'],
    ['plain points, 以上 / 以下 the same figure, otherwise 0', '上年满意率达到85%以上的，今年保持的，得2分；上年满意率在85%以下的，今年提高5个百分点以上的，得2分；否则不得分。',
      { rules: [{ kind: 'completion', points: '2' }], family: 'complementary-situations' }, '2'],
    ['①② items on different figures each earning the full points stay in review', '①上年覆盖率达到90%以上的地区：今年保持的，产区得3.5分，非产区得2.5分；否则视完成情况酌情减分。②上年在80%以下的地区：今年至少提高2个百分点的，产区得3.5分，非产区得2.5分；否则视完成情况酌情减分。',
      { flag: '各得本项按单位类别的全部分值' }, '2.5'],
    ['different amounts are not two sides of one completion', '上年满意率不低于85%的，今年保持的，得2分；上年满意率低于85%的，今年提高5个百分点以上的，得1分；否则不得分。', { flag: '得分情形' }],
  ]);
});
