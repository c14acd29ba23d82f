import { describe } from 'vitest';
import { familyTable } from './family-table';

// Sentences written for this table after corpus 06 (15) and (80): several situations, each worth the
// item's full points (by category, or one figure under "…省份（…）：" heads), of which one counts.
describe('situations that each earn the item points (corpus 06)', () => {
  familyTable([
    ['same points by category, item of 1 分', '出台支持办法并列入年度考评的，产区得5分，非产区得3.5分，否则不得分。对没有示范县的地区，出台支持措施的，产区得5分，非产区得3.5分，否则不得分。',
      { rules: [{ kind: 'any-of', options: ['出台支持办法并列入年度考评的', '对没有示范县的地区，出台支持措施的'] }], indicator: { pointsByCategory: { 产区: '5', 非产区: '3.5' } }, family: 'category-alternatives' }, '3.5'],
    ['heads naming their members in parentheses', '试点省份（甲、乙）：完成试点任务的，得1分；重点省份（丙、丁）：编制方案的，得1分；其他省份：开展研究的，得1分；否则不得分。',
      { rules: [{ kind: 'any-of', options: ['试点省份（甲、乙）：完成试点任务的', '重点省份（丙、丁）：编制方案的', '其他省份：开展研究的'], points: '1', optionPoints: ['1', '1', '1'] }] }, '1'],
    // Not alternatives: the points column is the sum, the pairs differ, no points column, stacked.
    ['points column is the sum of the two', '出台支持办法的，产区得3分，非产区得1.5分；建立工作档案的，产区得3分，非产区得1.5分。', { flag: '得分情形' }, '3'],
    // The column (3) is 非产区's highest and below its sum (4.5): graded options; the sentence's relation is the
    // same for 产区, read at its own highest (5) — families/category-rules.
    ['different pairs, the column decides one category', '印发通知的，产区得5分，非产区得3分；组织培训的，产区得3分，非产区得1.5分；否则不得分。',
      { rules: [{ byCategory: { 产区: { kind: 'any-of', options: ['印发通知的', '组织培训的'], points: '5', optionPoints: ['5', '3'] }, 非产区: { kind: 'any-of', options: ['印发通知的', '组织培训的'], points: '3', optionPoints: ['3', '1.5'] } } }], indicator: { pointsByCategory: { 产区: '5', 非产区: '3' } } }, '3'],
    ['different pairs, the column is neither', '印发通知的，产区得5分，非产区得3分；组织培训的，产区得3分，非产区得1.5分；否则不得分。', { flag: '按单位类别的分值出现多组' }, '1.2'],
    ['no points column', '出台支持办法的，产区得5分，非产区得3分。出台支持措施的，产区得5分，非产区得3分。', { flag: '得分情形' }],
  ]);
});

// Written after corpus 06 (10): a judged otherwise after the situations is not an any-of (no partial score there). On the
// two sides of one figure (80%以上 / 80%以下) they are one completion with a judged partial score (complementary-situations).
describe('situations with a judged otherwise (corpus 06)', () => {
  familyTable([
    ['two sides of 80%: one completion, judged when not met', '上年达到80%以上，今年维持的，产区得2.6分，非产区得1.4分；上年在80%以下，今年提升2个百分点的，产区得2.6分，非产区得1.4分，否则按工作进度酌情减分。',
      { rules: [{ kind: 'completion', allowPartial: true }], indicator: { pointsByCategory: { 产区: '2.6', 非产区: '1.4' } }, family: 'complementary-situations' }, '1.4'],
    ['否则按…酌情减分 without two sides of one figure stays in review', '上年达到80%以上，今年维持的，产区得2.6分，非产区得1.4分；上年在70%以下，今年提升2个百分点的，产区得2.6分，非产区得1.4分，否则按工作进度酌情减分。', { flag: '得分情形' }, '1.4'],
  ]);
});

// Written after corpus 06 (4): one of several situations stacks on the one before it.
describe('a stacked situation among alternatives (corpus 06)', () => {
  familyTable([
    ['在此基础上 after the second situation: the pair is one option (stacked-options)', '全面覆盖的地区，得2分。未全面覆盖的地区，面积有增加的，得1.6分；在此基础上，增加15%以上的，再得0.4分；否则不得分。',
      { rules: [{ kind: 'any-of', options: ['全面覆盖的地区', '未全面覆盖的地区，面积有增加的', '未全面覆盖的地区，面积有增加的，得1.6分；在此基础上，增加15%以上的'], points: '2', optionPoints: ['2', '1.6', '2'] }], family: 'stacked-options' }, '2'],
    ['without the item\'s points it stays in review with the reading as a suggestion', '全面覆盖的地区，得2分。未全面覆盖的地区，面积有增加的，得1.6分；在此基础上，增加15%以上的，再得0.4分；否则不得分。',
      { flag: '本项有3个得分情形', suggestion: '“在此基础上”的情形与其前一情形相加后作为一档' }],
  ]);
});
