/**
 * Mutation tests of text/phrases.ts, fifth file (issue 14 item 6; docs/testing.md, seventh session):
 * the survivors of the 2026-12-06 run in the condition features (findCount, findShortfall, findStep,
 * findLateness, findThresholds, findParenPoints, findLeadingParenPoints: each reads tokens before
 * `to` only), the frame scanner's step past a hit, the cap that names its verb (扣分/加分/得分),
 * and tierLabel. Phrases are made up here.
 */
import { describe, expect, it } from 'vitest';
import { compileRuleText } from './compile-rule';
import { findCount, findLateness, findLeadingParenPoints, findParenPoints, findShortfall, findStep, findThresholds, scanFrames, tierLabel } from './phrases';
import { tokenize } from './rule-tokens';

const all = (s: string) => {
  const toks = tokenize(s);
  return { toks, n: toks.length };
};
const stepOf = (s: string, to?: number) => {
  const { toks, n } = all(s);
  const found = findStep(toks, 0, to ?? n);
  return found && { step: found.step.raw, direction: found.direction, at: found.at, next: found.next };
};
const frames = (s: string) => scanFrames(tokenize(s)).map((frame) => [frame.kind, frame.f.type, frame.f.at, frame.f.next]);

describe('each feature reads only the tokens before `to`', () => {
  it('findCount: a counter past `to` is not this condition’s count', () => {
    const { toks } = all('每甲1起');
    expect(findCount(toks, 0, 2)).toBeNull();
    expect(findCount(toks, 0, 3)).toEqual({ counter: '起', per: 1, at: 0, next: 3 });
  });
  it('findShortfall, findStep, findLateness: the figure past `to` is not read', () => {
    const s = all('少一次');
    expect(findShortfall(s.toks, 0, 1)).toBeNull();
    expect(findShortfall(s.toks, 0, 2)).toEqual({ counter: '次', per: 1, at: 0, next: 2 });
    expect(stepOf('每低1个百分点', 2)).toBeNull();
    expect(stepOf('每低1个百分点')).toEqual({ step: '1个百分点', direction: 'below', at: 0, next: 3 });
    const late = all('每逾期1天');
    expect(findLateness(late.toks, 0, late.n - 1)).toBeNull();
    expect(findLateness(late.toks, 0, late.n)).toEqual({ period: 'day', n: 1_000_000, at: 0, next: late.n });
  });
  it('findThresholds: 以上 past `to` makes no threshold of the figure before it', () => {
    const { toks } = all('90%以上');
    expect(findThresholds('90%以上', toks, 0, 1)).toEqual([]);
    expect(findThresholds('90%以上', toks, 0, 2)).toMatchObject([{ value: 90_000_000, direction: 'above', inclusive: true, phrase: '90%以上', at: 0, next: 2 }]);
    expect(findThresholds('90%以内', tokenize('90%以内'), 0, 3)).toEqual([]);
    // a figure before another word (扣) is no threshold: only 以上/以下 make one
    expect(findThresholds('3次扣1分', tokenize('3次扣1分'), 0, 3)).toEqual([]);
  });
  it('findLeadingParenPoints: the comma may be the last token before `to`', () => {
    const { toks, n } = all('（3分，');
    expect(findLeadingParenPoints(toks, 0, n).map((f) => [f.value, f.at, f.next])).toEqual([[3_000_000, 1, 2]]);
    expect(findLeadingParenPoints(toks, 0, n - 1)).toEqual([]);
  });
});

describe('findShortfall: 少 that states a requirement is no shortfall', () => {
  it('少一次, 每少一次, 缺一样 and 少组织一次 are shortfalls', () => {
    for (const [s, next] of [['少一次', 2], ['每少一次', 3], ['缺少一样', 2], ['少1样', 2], ['每少组织一次', 5]] as const) {
      const { toks, n } = all(s);
      expect(findShortfall(toks, 0, n), s).toMatchObject({ per: 1, at: 0, next });
    }
  });
  it('至少, 不少于, 减少 and 少于 are not; a 每 between them and 少 does not hide 至', () => {
    for (const s of ['至少一次', '不少于2次', '减少一次', '少于一次', '每少于一次', '每至少一次', '每不少一次']) {
      const { toks, n } = all(s);
      expect(findShortfall(toks, 0, n), s).toBeNull();
    }
    // 少 and 于 apart (a space between them in the source): still 少于, a requirement; 缺 before 于 is a shortfall
    for (const s of ['少 于一次', '每少 于一次']) {
      const { toks, n } = all(s);
      expect(findShortfall(toks, 0, n), s).toBeNull();
    }
    const apart = all('缺 于一次');
    expect(findShortfall(apart.toks, 0, apart.n)).toMatchObject({ counter: '次', at: 0, next: 3 });
    // 至 before 每: the word before 少 is 每, so this is a shortfall at 每
    const { toks, n } = all('甲至每少一次');
    expect(findShortfall(toks, 0, n)).toMatchObject({ counter: '次', at: 2, next: 5 });
  });
});

describe('findStep: a step below in a counter is a shortfall, unless against last year', () => {
  it('steps in percentage points, in 个, in units of measure and above in people', () => {
    expect(stepOf('每低于1个百分点')).toEqual({ step: '1个百分点', direction: 'below', at: 0, next: 3 });
    expect(stepOf('每少10%')).toEqual({ step: '10%', direction: 'below', at: 0, next: 3 });
    expect(stepOf('每少1个')).toEqual({ step: '1个', direction: 'below', at: 0, next: 3 });
    expect(stepOf('每降低1米')).toEqual({ step: '1米', direction: 'below', at: 0, next: 3 });
    expect(stepOf('每超1人')).toEqual({ step: '1人', direction: 'above', at: 0, next: 3 });
    expect(stepOf('每超出1人')).toEqual({ step: '1人', direction: 'above', at: 0, next: 3 });
  });
  it('below in a counter: no step; with 上年 before it a step; 上年 after it does not count', () => {
    expect(stepOf('每减少1人')).toBeNull();
    expect(stepOf('每下降1人次')).toBeNull();
    expect(stepOf('对比上年，每减少1名')).toEqual({ step: '1名', direction: 'below', at: 5, next: 9 });
    expect(stepOf('每减少1名，与上年相比')).toBeNull();
  });
  it('推迟 and 拖延 are lateness words', () => {
    for (const s of ['每推迟1天', '每拖延1天']) {
      const { toks, n } = all(s);
      expect(findLateness(toks, 0, n), s).toEqual({ period: 'day', n: 1_000_000, at: 0, next: 4 });
    }
  });
});

describe('findParenPoints', () => {
  it('two parentheses in a row are both read', () => {
    const { toks, n } = all('（1分）（2分）');
    expect(findParenPoints(toks, 0, n).map((f) => [f.value, f.at, f.next])).toEqual([[1_000_000, 0, 3], [2_000_000, 3, 6]]);
  });
  it('a line break earlier in the text does not make a bare figure after a comma an ordinal', () => {
    const text = '甲\n乙，（1）';
    const toks = tokenize(text);
    expect(findParenPoints(toks, 0, toks.length, text).map((f) => [f.value, f.at])).toEqual([[1_000_000, 3]]);
    const opening = '（1）扣';
    expect(findParenPoints(tokenize(opening), 0, 4, opening)).toEqual([]);
  });
});

describe('scanFrames goes on right after a hit', () => {
  it('an amount or a modifier right after another is read', () => {
    expect(frames('扣1分扣1分')).toEqual([['amount', 'fixed', 0, 2], ['amount', 'fixed', 2, 4]]);
    expect(frames('1分封顶1分封顶')).toEqual([['modifier', 'cap', 0, 2], ['modifier', 'cap', 2, 4]]);
  });
  it('一票否决 before a word other than 按规定执行 is no veto; 酌情 takes the first verb, not any word', () => {
    expect(frames('一票否决扣1分')).toEqual([['amount', 'fixed', 1, 3]]);
    const discretion = scanFrames(tokenize('酌情每加分')).map((frame) => [frame.f.type, (frame.f as { verb?: string }).verb, frame.f.next]);
    expect(discretion).toEqual([['discretion', 'add', 4]]);
  });
});

describe('a cap that names its verb', () => {
  it('最多扣分N分 / 最高加分N分 / 最高得分N分 are caps with their verb', () => {
    const verbOf = (s: string) => scanFrames(tokenize(s)).map((frame) => (frame.kind === 'modifier' && frame.f.type === 'cap' ? [frame.f.value, frame.f.verb] : null));
    expect(verbOf('最多扣分2分')).toEqual([[2_000_000, 'deduct']]);
    expect(verbOf('最高加分2分')).toEqual([[2_000_000, 'add']]);
    expect(verbOf('最高得分2分')).toEqual([[2_000_000, 'get']]);
    expect(verbOf('最多2分')).toEqual([[2_000_000, undefined]]);
  });
  it('applied to the rule of its own verb; the other verb’s cap is left for review, never applied', () => {
    const ok = compileRuleText('每发现一次扣0.5分，最多扣分2分', { points: 3_000_000 as never });
    expect(ok.status).toBe('ok');
    expect(ok.rules.map((r) => r.rule)).toEqual([{ kind: 'per-occurrence', effect: 'deduction', amount: 500_000, cap: 2_000_000 }]);
    expect(compileRuleText('每篇加0.5分，最高加分2分').rules.map((r) => r.rule)).toEqual([{ kind: 'per-occurrence', effect: 'bonus', amount: 500_000, cap: 2_000_000 }]);
    for (const s of ['每次扣0.5分，最多加2分', '每篇加0.5分，最多扣2分', '每次扣0.5分，最多加分2分']) {
      const r = compileRuleText(s, { points: 3_000_000 as never });
      expect(r.status, s).toBe('needs-review');
      expect(r.reason, s).toContain('无法应用于该规则');
      expect(r.rules.map((c) => (c.rule as { cap?: unknown }).cap), s).toEqual([undefined]);
    }
  });
});

describe('tierLabel', () => {
  it('the last piece, with a severity word preferred, without 其中/被/受到/的 and punctuation', () => {
    const cases: [string, string][] = [
      ['其中，被诫勉谈话的', '诫勉谈话'], ['被通报批评的，', '通报批评'], ['受到警告处分的', '警告处分'], ['，、发生重大事故的', '重大事故'],
      ['另外，被约谈的', '约谈'], ['此外被约谈的', '约谈'], ['其中甲', '甲'], ['出现一般问题的', '一般问题'], ['因严重失误的', '严重失误'],
      ['对重大', '重大'], ['被被通报', '通报'], ['甲；乙', '乙'], ['甲，乙的', '乙'], ['甲的，', '甲'], [' 甲 ', '甲'], ['', ''], ['，', ''],
      ['的', ''], ['其中，被', ''], ['被', ''], ['、；甲', '甲'], ['其中，，甲', '甲'], ['发生；乙', '乙'], ['其中乙，其中丙', '丙'],
      ['受到处分，甲', '处分'], ['甲的的，，', '甲'], ['其中，甲', '甲'], ['其中甲，', '甲'], ['其中 甲', '甲'], ['甲被', '甲被'],
      ['发生被通报', '通报'], ['、，甲的', '甲'],
      // each step of the clean-up where the text could differ: at the start only, the whole run, the trailing run only
      ['、。甲', '甲'], ['甲、乙', '甲、乙'], ['、甲', '甲'], ['甲另外乙', '甲另外乙'], ['另外乙', '乙'], ['甲被乙', '甲被乙'],
      ['甲的乙', '甲的乙'], ['受到处分的的，甲', '处分'], ['受到处分的，甲', '处分'], ['甲；', '甲'], ['甲； ；', '甲'],
    ];
    for (const [cond, label] of cases) expect(tierLabel(cond), cond).toBe(label);
  });
});
