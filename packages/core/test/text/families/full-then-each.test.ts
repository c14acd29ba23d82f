import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after corpus 03 (3.1) (…全部达标得N分；有一个不达标扣x分；有…加y分；有…整个项得0分); own words.
describe('full-then-each: 全部达标得N分 before a deduction for each one not met is the item’s points', () => {
  familyTable([
    ['the whole shape', '辖区内考核站点全部达标得10分；有一个站点不达标扣2分；有站点指标好转上升加1分；有不达标站点又恶化整个项得0分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '2' }, { kind: 'condition', effect: 'bonus', amount: '1' }, { kind: 'zero', scope: 'indicator' }], indicator: { points: '10' } }, '10'],
    ['without the points column', '各村污水设施全部合格得6分；有一个不合格扣1分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '1' }], indicator: { points: '6' } }],
    ['a points column that differs keeps the completion as it was', '各村污水设施全部合格得6分；有一个不合格扣1分。', { rules: [{ kind: 'completion', points: '6' }, { kind: 'per-occurrence', effect: 'deduction', amount: '1' }] }, '8'],
    ['no deduction for the not-met case: the completion stays', '各村污水设施全部合格得6分；有水质好转上升加1分。', { rules: [{ kind: 'completion', points: '6' }, { kind: 'condition', effect: 'bonus', amount: '1' }] }],
    ['整个项得0分 alone is the item zeroed', '发生重大污染事故的，整个项得0分。', { rules: [{ kind: 'zero', scope: 'indicator' }] }],
  ]);
});
