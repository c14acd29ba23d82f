/**
 * Wrong readings marked ok that reading build-rules.ts's mutants showed (docs/testing.md, ninth
 * session), each fixed: a stated count read as the target, 每少 read as 每 (more occurrences earning
 * more), and an amount per unit of a measure read as a condition that holds once.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import { compileRuleText } from './compile-rule';

const d = P.dec;
const compile = (text: string) => compileRuleText(text, { points: d(5) });

describe('a shortfall against a count stated bare', () => {
  it('“全年参加培训4次，少一次扣…” counts against the 4 written, not the target', () => {
    const r = compile('全年参加培训4次，少一次扣0.5分。');
    expect(r.status).toBe('ok');
    expect(r.rules.map((c) => c.rule)).toEqual([{ kind: 'shortfall', effect: 'deduction', required: 4, amount: d('0.5') }]);
    expect(r.rules[0]!.params.find((p) => p.name === 'required')).toEqual({ name: 'required', value: '4', phrase: '4次' });
  });
  it('two bare counts are two requirements, each its own rule', () => {
    const r = compile('组长全年参加4次、成员参加2次，少一次扣0.5分。');
    expect(r.rules.map((c) => c.rule)).toEqual([
      { kind: 'shortfall', effect: 'deduction', required: 4, amount: d('0.5') },
      { kind: 'shortfall', effect: 'deduction', required: 2, amount: d('0.5') },
    ]);
  });
  it('a count per period (每年…2次) is not taken as the year’s requirement: it stays for review', () => {
    const r = compile('每年召开会议2次，少一次扣1分。');
    expect(r.status).toBe('needs-review');
    expect(r.rules.map((c) => c.rule)).toEqual([{ kind: 'shortfall', effect: 'deduction', required: 'target', amount: d(1) }]);
  });
  it('a count of another counter, or not a whole number, is not the requirement', () => {
    expect(compile('全年报送信息4篇，少一次扣0.5分。').rules.map((c) => c.rule)).toEqual([{ kind: 'shortfall', effect: 'deduction', required: 'target', amount: d('0.5') }]);
  });
});

describe('每少…: one fewer than a baseline, not each occurrence', () => {
  it('against last year: a step below the previous year’s figure', () => {
    const r = compile('与上年相比每少发生一起加0.5分。');
    expect(r.status).toBe('ok');
    expect(r.rules.map((c) => c.rule)).toEqual([{ kind: 'threshold-steps', effect: 'bonus', metric: { of: 'change', baseline: 'previous' }, threshold: P.ZERO, direction: 'below', step: d(1), perStep: d('0.5') }]);
    expect(r.rules[0]!.params).toEqual([
      { name: 'threshold', value: '0', phrase: '上年' },
      { name: 'step', value: '1', phrase: '每少发生一起' },
      { name: 'perStep', value: '0.5', phrase: '加0.5分' },
    ]);
    // with its cap, per 3 occurrences
    expect(compile('较上年每少发生3起安全事故加1分，最多加3分。').rules.map((c) => c.rule)).toEqual([
      { kind: 'threshold-steps', effect: 'bonus', metric: { of: 'change', baseline: 'previous' }, threshold: P.ZERO, direction: 'below', step: d(3), perStep: d(1), cap: d(3) },
    ]);
  });
  it('without a baseline it goes to review, naming the phrase', () => {
    const r = compile('每少发生一起加0.5分。');
    expect(r.status).toBe('needs-review');
    expect(r.rules).toEqual([]);
    expect(r.reason).toBe('“每少发生一起”是比什么少（上年、目标还是其他单位）未写明，需人工确认');
  });
  it('至少 is not 少: a requirement of at least one stays what it was', () => {
    const r = compile('每年至少开展1次演练，未开展的扣1分。');
    expect(r.reason ?? '').not.toContain('是比什么少');
  });
});

describe('an amount for each unit of a measure no family reads', () => {
  it('“每提前一天完成加…” is not a bonus that holds once: review naming the phrase', () => {
    for (const [text, phrase] of [['每提前一天完成加0.1分。', '每提前一天'], ['每提前1天完成的，加0.1分。', '每提前1天']] as const) {
      const r = compile(text);
      expect(r.status).toBe('needs-review');
      expect(r.rules).toEqual([]);
      expect(r.reason).toBe(`“${phrase}”按每个单位计分，未能读出计分方式，需人工确认`);
    }
  });
  it('a condition without 每 is still a condition, and money per unit is left to the money-bracket reading', () => {
    expect(compile('提前完成年度任务的，加0.5分。').rules.map((c) => c.rule)).toEqual([{ kind: 'condition', effect: 'bonus', amount: d('0.5') }]);
    expect(compile('捐款每100元加1分。').reason ?? '').not.toContain('按每个单位计分');
  });
});

describe('an amount beyond the item’s points says which kind of amount it is', () => {
  it('a bonus is a 加分值 and a score a 得分, not a 扣分值', () => {
    expect(compileRuleText('获得省级表彰的，加1分。', { points: P.ZERO }).reason).toBe('加分值1超过本项分值0，请核对');
    expect(compileRuleText('完成年度任务的，得8分。', { points: d(5) }).reason).toBe('得分8超过本项分值5，请核对');
    expect(compileRuleText('发现问题的，扣8分。', { points: d(5) }).reason).toBe('扣分值8超过本项分值5，请核对');
  });
});

describe('the part of a sentence a shortfall reads its subject from', () => {
  it('starts after any earlier amount, a bonus or a judged one too: 每月 of an earlier part is not the meetings’', () => {
    const shortfall = (text: string) => compile(text).rules.find((c) => c.rule.kind === 'shortfall')!.rule;
    expect(shortfall('每月报送信息的加1分，召开会议少一次扣0.5分。')).toEqual({ kind: 'shortfall', effect: 'deduction', required: 'target', amount: d('0.5') });
    expect(shortfall('每月报送信息的，酌情加分，召开会议少一次扣0.5分。')).toEqual({ kind: 'shortfall', effect: 'deduction', required: 'target', amount: d('0.5') });
    // in its own part 每月 still makes it per subject
    expect(shortfall('每月报送信息，少一次扣0.5分。')).toEqual({ kind: 'shortfall', effect: 'deduction', required: 'target', amount: d('0.5'), perSubject: true });
  });
  it('a lateness or a shortfall with 加 is neither: 每超一天加… goes to review', () => {
    const r = compile('每超一天加0.1分。');
    expect(r.status).toBe('needs-review');
    expect(r.rules).toEqual([]);
    expect(r.reason).toBe('“每超一天”按每个单位计分，未能读出计分方式，需人工确认');
  });
});

describe('得满分 (or the item’s points) then deductions of the item', () => {
  it('goes to review: from the points or from a failed completion’s 0 is not written', () => {
    const r = compile('全年无重大事故的，得满分；发生一起的，扣3分；发生两起及以上的，不得分。');
    expect(r.status).toBe('needs-review');
    expect(r.issues.map((i) => [i.reason, i.suggestion])).toContainEqual([
      '“全年无重大事故的，得满分”之后又有扣分：扣分是从5分中扣（按扣分制），还是未达到得分条件时在0分上另扣，未写明，需人工确认',
      '按扣分制：本项从5分起扣，删去“全年无重大事故的，得满分”的得分规则',
    ]);
    expect(compile('辖区内污水管网全部达标，得5分；每有一处不达标扣1分。').status).toBe('ok');
  });
  it('not when the text says the item is 0 when not done, nor when every deduction takes the whole points', () => {
    expect(compile('建立工作台账的，得5分，否则不得分；台账填报不及时的，扣0.5分。').status).toBe('ok');
    expect(compileRuleText('实行动态调整的，得1分；未实行动态调整的，扣1分。', { points: d(1) }).status).toBe('ok');
    // a completion worth less than the item is one of its parts, not its full points
    expect(compile('建立工作台账的，得2分；台账填报不及时的，扣0.5分。').reason ?? '').not.toContain('之后又有扣分');
  });
  it('a figure the steps go down from is the top of one score: 增长5%的得满分，每少1个百分点扣1分', () => {
    const r = compile('比上年增长5%的得满分，每少1个百分点扣1分。');
    expect(r.status).toBe('ok');
    expect(r.rules.map((c) => c.rule)).toEqual([{ kind: 'threshold-steps', effect: 'score', metric: { of: 'value' }, threshold: d(5), direction: 'below', step: d(1), perStep: d(1) }]);
    // steps that go up from it are not
    expect(compile('完成率95%的得满分，每高1个百分点加0.5分。').rules.map((c) => c.rule.kind)).toEqual(['completion', 'threshold-steps']);
  });
});

describe('a cap above a one-off amount', () => {
  it('says the amount is taken each time: 出现问题的扣1分，最多扣3分 is per occurrence (a condition took it once, the other occurrences unread)', () => {
    expect(compile('出现问题的扣1分，最多扣3分。').rules.map((c) => c.rule)).toEqual([{ kind: 'per-occurrence', effect: 'deduction', amount: d(1), cap: d(3) }]);
    expect(compile('参加宣传活动的，加2分，每年最多奖10分。').rules.map((c) => c.rule)).toEqual([{ kind: 'per-occurrence', effect: 'bonus', amount: d(2), cap: d(10) }]);
    // a cap at the amount changes nothing: still once
    expect(compile('出现问题的扣1分，最多扣1分。').rules.map((c) => c.rule)).toEqual([{ kind: 'condition', effect: 'deduction', amount: d(1), cap: d(1) }]);
  });
});
