import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after the 07/08 pattern (不低于X的，得N分；每低s，扣b).
describe('family threshold-score-steps', () => {
  familyTable([
    ['不低于 with the step in the next sentence', '持证人员占比不低于90%的，得2分。每低1%，扣0.1分。', { rules: [{ kind: 'threshold-steps', effect: 'score', metric: { of: 'rate', percent: true }, threshold: '90', direction: 'below', step: '1', perStep: '0.1' }], indicator: { points: '2' }, family: 'threshold-score-steps' }],
    ['达到X以上', '培训覆盖率达到80%以上的，得1分；每低2%，扣0.1分', { rules: [{ kind: 'threshold-steps', effect: 'score', metric: { of: 'rate', percent: true }, threshold: '80', direction: 'below', step: '2', perStep: '0.1' }], indicator: { points: '1' } }],
    ['against the average', '人均办件量不低于全市平均水平的，得3分；每低1%，扣0.2分。', { rules: [{ kind: 'threshold-steps', effect: 'score', metric: { of: 'change', baseline: 'average' }, threshold: '0', direction: 'below', step: '1', perStep: '0.2' }], indicator: { points: '3' } }],
    ['每超 the average in the next sentence', '人均加班时长不大于全市平均时长的，得3分；每超平均时长1小时的，扣0.2分。', { rules: [{ kind: 'threshold-steps', effect: 'score', metric: { of: 'change', baseline: 'average' }, threshold: '0', direction: 'above', step: '1', perStep: '0.2' }], indicator: { points: '3' } }],
    ['two scored items in one clause', '①甲类占比不低于25%的，得3分。每低2%，扣0.2分。②乙类占比不低于40%的，得3分。每低2%，扣0.2分。', { flag: '多个分项各带分值' }],
    ['a cut-off it does not read', '到位率不低于95%的，得2分；每减少1个百分点，扣0.5分；低于90%不得分。', { flag: '未读取的' }],
  ]);
});
