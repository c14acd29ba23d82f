import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after the corpus 08 pattern (占比不低于另一占比的，得N分；每低1%，扣b): the threshold is a named quantity of the unit.
describe('family named-threshold', () => {
  familyTable([
    ['a rate against a named rate, 的 before 得', '专职人员占比，不低于本系统编制总数的占比的，得3分；每低1%，扣0.2分', { rules: [{ kind: 'threshold-steps', effect: 'score', metric: { of: 'rate', percent: true }, threshold: 'target', direction: 'below', step: '1', perStep: '0.2' }], indicator: { points: '3' }, family: 'named-threshold' }],
    ['without 的', '一线人员占比不低于一线岗位数按全部岗位数计算的占比，得2分；每低2%，扣0.1分', { rules: [{ kind: 'threshold-steps', effect: 'score', metric: { of: 'rate', percent: true }, threshold: 'target', direction: 'below', step: '2', perStep: '0.1' }], indicator: { points: '2' }, family: 'named-threshold' }],
    ['a figure is threshold-score-steps, not this family', '专职人员占比不低于60%的，得3分；每低1%，扣0.2分', { rules: [{ kind: 'threshold-steps', effect: 'score', metric: { of: 'rate', percent: true }, threshold: '60', direction: 'below', step: '1', perStep: '0.2' }], indicator: { points: '3' }, family: 'threshold-score-steps' }],
    ['the 一 of 一线 is never a threshold of 1 (it was read so before)', '一线人员占比不低于一线岗位数的占比，得3分；每低1%，扣0.3分', { rules: [{ kind: 'threshold-steps', effect: 'score', metric: { of: 'rate', percent: true }, threshold: 'target', direction: 'below', step: '1', perStep: '0.3' }], indicator: { points: '3' }, family: 'named-threshold' }],
  ]);
});
