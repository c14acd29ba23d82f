import { describe } from 'vitest';
import { familyTable } from './family-table';

// Sentences written for this table after corpus 07 (5.3), corpus 01 (6.1) and seed 000:591.
describe('sub-item points, requirements before 否则, 超 N%', () => {
  familyTable([
    ['共N分 after a per-case deduction is its most', '发现违规使用车辆的，每例扣0.5分,共2分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '0.5', cap: '2' }] }],
    ['（N分） of one of two scoring items caps that item only', '1.擅自增设机构的，每例扣0.5分,共1.5分。2.推进年度重点任务情况（0.5分）。未完成的每项扣0.1分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '0.5', cap: '1.5' }, { kind: 'per-occurrence', effect: 'deduction', amount: '0.1', cap: '0.5' }] }],
    ['a sub-item with points and a score rule goes to review', '1.建立台账，每缺一项扣1分。2.开展督查（2分），得2分。', { flag: '是本小项的分值' }],
    ['the same figure as the points column is the clause points', '1.建立台账，每缺一项扣1分。2.开展督查（2分），每少一次扣0.5分。', { rules: [{ kind: 'shortfall', effect: 'deduction', required: 'target', amount: '1' }, { kind: 'shortfall', effect: 'deduction', required: 'target', amount: '0.5' }], indicator: { points: '2' } }, '2'],
    ['requirements with a figure before 否则不得分', '确保乡镇垃圾收运率达90%以上，收运车辆运行正常，否则不得分（8分）；', { rules: [{ kind: 'zero', scope: 'indicator' }], indicator: { points: '8' } }],
    ['a figure without 以上 before 否则 stays unread', '确保乡镇垃圾收运率达到90%，否则不得分（8分）；', { flag: '未读取的比率“90%”' }],
    ['超 N%，未达标扣', '网上办理事项占比超 60%，未达标部门扣 0.2 分。', { rules: [{ kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate', percent: true }, threshold: '60', direction: 'below', missAtThreshold: true, initial: '0.2' }] }],
  ]);
});

describe('an exemption after a deduction', () => {
  familyTable([
    ['a share above the average that exempts is no proportional deduction (was read as one)', '配齐专职人员的，得2分。每少1人，扣0.1分；但专职人员占比高于全市平均占比的，可不扣分。', { flag: '免扣情形“但专职人员占比高于全市平均占比的，可不扣分”' }],
    ['an exemption after ；', '每起信访事件扣1分；按时办结并经回访满意的，可不扣分。', { flag: '免扣情形', suggestion: '符合该情形的不扣分' }],
    ['可以不扣分 of 此事件 after a per-occurrence deduction is its exempt case (occurrence-exemption.test.ts)', '每起信访事件扣1分，如果事件按时办结并经回访满意，此事件可以不扣分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '1', exempt: { flag: 'exempt', when: '事件按时办结并经回访满意' } }] }],
  ]);
});

describe('places counted from the bottom (reverse-rank.test.ts reads the full form)', () => {
  familyTable([
    ['倒数第1名、第2名…分别计 without the places above is flagged as a reverse ranking, not as levels', '全省同类部门排名倒数第1名、第2名的分别计3分、2.8分。', { flag: '按“倒数第”名次计分' }],
  ]);
});

describe('a score taken from other units', () => {
  familyTable([
    ['其他单位得分为…得分的平均分 after the rule is the N/A policy (peer-average.test.ts)', '窗口单位满意率不低于96%的，得3分；每低1%，扣0.2分。其他单位得分为窗口单位得分的平均分', { rules: [{ kind: 'threshold-steps', effect: 'score', metric: { of: 'rate', percent: true }, threshold: '96', direction: 'below', step: '1', perStep: '0.2' }], indicator: { points: '3', notApplicable: { policy: 'average-of-others', who: '其他单位', of: '窗口单位' } } }],
    ['按…平均分得分 alone', '当年无此项工作的，按全市同类单位平均分得分', { flag: '得分取其他单位得分的平均分' }],
  ]);
});

describe('a shortfall per subject only when its own part says so', () => {
  familyTable([
    ['每月 of an earlier part does not make a later shortfall per month', '每位河长按时报送巡河记录，每少一次扣0.5分，参加季度例会，少一次扣1分。', { rules: [{ kind: 'shortfall', effect: 'deduction', required: 'target', amount: '0.5' }, { kind: 'shortfall', effect: 'deduction', required: 'target', amount: '1' }] }],
  ]);
});
