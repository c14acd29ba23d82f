import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after corpus 08 (3.8) (a threshold-steps rule, then the other units take the named units' average); own words.
describe('peer-average: 其他X得分为Y得分的平均分 after the item’s rule is its N/A policy average-of-others', () => {
  const steps = { kind: 'threshold-steps', effect: 'score', metric: { of: 'rate', percent: true }, threshold: '90', direction: 'below', step: '1', perStep: '0.1' };
  familyTable([
    ['其他…得分为…得分的平均分', '窗口单位办结率不低于90%的，得3分；每低1%，扣0.1分。其他单位得分为窗口单位得分的平均分。', { rules: [steps], indicator: { points: '3', notApplicable: { policy: 'average-of-others', who: '其他单位', of: '窗口单位' } } }],
    ['其余', '窗口单位办结率不低于90%的，得3分；每低1%，扣0.1分。其余科室得分为窗口科室得分的平均分', { rules: [steps], indicator: { points: '3', notApplicable: { policy: 'average-of-others', who: '其余科室', of: '窗口科室' } } }],
    ['alone, with no rule before it, stays flagged', '其他单位得分为窗口单位得分的平均分', { flag: '得分取其他单位得分的平均分' }],
    ['按…平均分得分 about other indicators stays flagged', '未新设窗口的，涉及窗口的指标按全市平均分得分', { flag: '得分取其他单位得分的平均分' }],
    ['未X，涉及X指标按Y平均分得分 alone: the N/A policy of the indicators naming X', '未开展招商的，涉及开展招商指标按全市平均分得分', { rules: [], indicator: { averageForIndicators: { when: '未开展招商', subject: '开展招商', of: '全市' } } }],
    ['with 的 and 计分', '未设立窗口，涉及设立窗口的指标按县直部门的平均分计分', { rules: [], indicator: { averageForIndicators: { when: '未设立窗口', subject: '设立窗口', of: '县直部门' } } }],
    ['a figure in it stays flagged', '窗口单位办结率不低于90%的，得3分；每低1%，扣0.1分。其他单位得分为窗口单位得分的平均分的90%', { flag: '' }],
  ]);
});
