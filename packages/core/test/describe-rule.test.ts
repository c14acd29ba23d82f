import { describe, expect, it } from 'vitest';
import { describeRule, ruleKindNamesZh } from '../src/explain/describe-rule';
import { dec as d } from '../src/points';
import type { Rule } from '../src/rules/rule.types';

describe('describeRule', () => {
  it.each<[Rule, string]>([
    // 000-style 每发现一次扣0.5分，最多扣3分
    [{ kind: 'per-occurrence', effect: 'deduction', amount: d('0.5'), cap: d('3') }, '按次计分：每次扣 0.5 分；最多扣 3 分'],
    [{ kind: 'per-occurrence', effect: 'deduction', amount: d('0.1'), per: 3 }, '按次计分：每 3 次扣 0.1 分'],
    [{ kind: 'condition', effect: 'deduction', amount: d('1') }, '条件扣分/加分：情形成立时扣 1 分'],
    // corpus 10 / 03 / 08 shapes (issue 15 part 3)
    [{ kind: 'per-occurrence', effect: 'bonus', amount: d('1'), periodCap: { period: 'month', amount: d('2') } }, '按次计分：每次加 1 分；每月最多加 2 分'],
    [{ kind: 'per-occurrence', effect: 'deduction', amount: d('2'), exempt: { flag: 'exempt', when: '经核查不属实' } }, '按次计分：每次扣 2 分；经核查不属实的不扣（事实带“exempt”标记）'],
    [{ kind: 'external-rank', fromBottom: { scores: [d('2'), d('1.9')], perPlaceUp: d('0.1') } }, '按上级排名计分：倒数第 1–2 名分别计 2、1.9 分，此后每前进 1 名扣 0.1 分'],
    [{ kind: 'discretionary', effect: 'deduction', min: d('0.1'), max: d('0.2') }, '酌情打分：由考核人员酌情扣分：0.1–0.2 分'],
    [
      { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate' }, threshold: d('95'), direction: 'below', step: d('1'), perStep: d('0.2') },
      '阈值与级差：比率（%）低于 95 时；每低于 1 扣 0.2 分（不足一级不计）',
    ],
    [{ kind: 'lateness', effect: 'deduction', amountPerPeriod: d('0.1'), period: 'workday', cap: d('1') }, '按逾期时长扣分：每逾期 1 个工作日扣 0.1 分；最多扣 1 分'],
    [{ kind: 'completion' }, '完成即得分：完成得本项分值，未完成得 0 分'],
    [{ kind: 'manual', effect: 'score', reason: '见专项责任书' }, '人工评定：由考核人员人工评定；原因：见专项责任书'],
    [
      { kind: 'bands', effect: 'score', metric: { of: 'value' }, bands: [{ min: d('90'), amount: d('5') }, { min: d('60'), max: d('90'), amount: d('3') }] },
      '分档计分：按数值分档（得分）；不低于 90：5 分；不低于 60 且 低于 90：3 分；不在任何档内：0 分',
    ],
  ])('%j reads as its fields say', (rule, text) => {
    expect(describeRule(rule)).toBe(text);
  });

  it('names every rule kind in Chinese', () => {
    for (const name of Object.values(ruleKindNamesZh)) expect(name).toMatch(/[\u4e00-\u9fff]/);
  });
});
