import { describe } from 'vitest';
import { familyTable } from './families/family-table';

// Sentences written after corpus 10's pattern (拾金不昧金额 N 元以上的 / 以下的, with the amount from the 信用赋分 column).
describe('a bonus for a measured value past a figure: one band, the value in 元 or %', () => {
  familyTable([
    ['万元以上, kept in 元', '见义勇为挽回损失 2 万元以上的，加8分。', { rules: [{ kind: 'bands', effect: 'bonus', metric: { of: 'value' }, bands: [{ min: '20000', amount: '8', label: '2 万元以上（按元计）' }] }] }],
    ['元以下 includes the figure', '资助金额 500 元以下的，加1分。', { rules: [{ kind: 'bands', effect: 'bonus', metric: { of: 'value' }, bands: [{ max: '500', maxInclusive: true, amount: '1', label: '500 元以下（按元计）' }] }] }],
    ['超过 a rate excludes it', '群众满意率超过95%的，加0.5分。', { rules: [{ kind: 'bands', effect: 'bonus', metric: { of: 'rate', percent: true }, bands: [{ min: '95', minInclusive: false, amount: '0.5', label: '超过95%' }] }] }],
    ['a figure in a unit it does not know', '流转土地 100 亩以上的，加1分。', { flag: '未读取的门槛' }],
    ['a failed requirement is not a band', '未达到90%以上的，加1分。', { flag: '未读取的门槛' }],
  ]);
});
