import { describe } from 'vitest';
import { familyTable } from './family-table';

// One table per family of text/families; the cited ones are seed 000 sentences, the rest written for the table.
describe('family rank-bands', () => {
  familyTable([
    ['bands and otherwise', '按考核得分排名，1-3名得10分，4-8名得6分，其余得2分', { rules: [{ kind: 'rank-bands', effect: 'score', metric: { of: 'value' }, order: 'desc', bands: [{ from: 1, to: 3, amount: '10' }, { from: 4, to: 8, amount: '6' }], otherwise: '2' }], family: 'rank-bands' }],
    ['bottom k', '年度排名后3名的，扣0.2分', { rules: [{ kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', k: 3, amount: '0.2' }] }],
    ['bottom p% asks for rounding (000:703)', '排名后 20%的扣 0.1 分。', { flag: '取整' }],
  ]);
});

describe('family full-then-steps', () => {
  familyTable([
    ['满分 then steps then judgement', '测评结果95%（含）以上为满分，95%至80%（含）每降1%扣0.5分，80%以下视情打分', { rules: [{ kind: 'threshold-steps', effect: 'score', metric: { of: 'value' }, threshold: '95', direction: 'below', step: '1', perStep: '0.5', judgementBeyond: '80' }], family: 'full-then-steps' }],
  ]);
});

describe('family threshold-pair', () => {
  familyTable([
    ['再扣 (000:552)', '满意率低于 97%扣 0.1 分，每低 0.5 个百分点，再扣 0.1 分。', { rules: [{ kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate', percent: true }, threshold: '97', direction: 'below', initial: '0.1', step: '0.5', perStep: '0.1' }], family: 'threshold-pair' }],
    ['no 再: asks (000:369)', '问题按时处置率未达 95%，扣 0.1 分，每低 5 个百分点扣 0.1 分', { flag: '再扣' }],
    ['a requirement restated as the trigger', '满意率达到 90%以上：满意率低于 90%扣 0.2 分，每低 1 个百分点，再扣 0.1 分。', { rules: [{ kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate', percent: true }, threshold: '90', direction: 'below', initial: '0.2', step: '1', perStep: '0.1' }] }],
  ]);
});

describe('family bands', () => {
  familyTable([
    ['nested one-sided bands', '完成率低于60%的扣0.05分,低于55%的扣0.1分,低于50%的扣0.2分', { rules: [{ kind: 'bands', effect: 'deduction', metric: { of: 'rate', percent: true }, bands: [{ amount: '0.05', min: '55', minInclusive: true, max: '60', maxInclusive: false, label: '低于60%' }, { amount: '0.1', min: '50', minInclusive: true, max: '55', maxInclusive: false, label: '低于55%' }, { amount: '0.2', max: '50', maxInclusive: false, label: '低于50%' }] }], family: 'bands' }],
  ]);
});

describe('family completion-otherwise', () => {
  familyTable([
    ['得N分，否则不得分', '按时完成任务的得3分，否则不得分', { rules: [{ kind: 'completion', points: '3' }], family: 'completion-otherwise' }],
    ['得N分，否则酌情扣分 is partial credit', '台账资料齐全规范的，得2分，否则酌情扣分。', { rules: [{ kind: 'completion', points: '2', allowPartial: true }] }],
    ['two allocations: one-of or both?', '制定实施方案的，得2分；方案已起草未印发的，得1分；否则不得分。', { flag: '得分情形' }],
  ]);
});

describe('family tier-ladder', () => {
  familyTable([
    ['levels as written (000:667)', '被国家、省、市在改革督察中发现问题并通报，分别扣 0.3 分、0.2 分、0.1 分', { rules: [{ kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 国家: '0.3', 省: '0.2', 市: '0.1' } } }] }],
    ['severities as written (000:121)', '市管干部违反规定被查处的，其中，被诫勉谈话的扣 0.1 分，被党纪政务轻处分的扣 0.2 分，被党纪政务重处分的扣 0.3 分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'severity', amounts: { 诫勉谈话: '0.1', 党纪政务轻处分: '0.2', 党纪政务重处分: '0.3' } } }], family: 'tier-ladder' }],
    ['count of levels differs', '未协同推进重点改革项目、年度计划改革项目的，分别扣 0.2 分、0.1 分。', { flag: '不一致' }],
  ]);
});

describe('family rate-formula (rate × points)', () => {
  familyTable([
    ['率*N分', '投诉处理率*10分', { rules: [{ kind: 'rate-formula', effect: 'score', weight: '10' }], family: 'rate-formula' }],
    ['得分＝完成率×N分', '得分＝完成率×8分', { rules: [{ kind: 'rate-formula', effect: 'score', weight: '8' }] }],
    ['another figure it does not read', '完成率达90%的，得分＝完成率×8分', { flag: '' }],
  ]);
});
