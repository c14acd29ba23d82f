/**
 * Mutation tests of text/phrases.ts (issue 14 item 6; docs/testing.md), the condition features:
 * thresholds (direction, inclusive edge, 不 negation, 以上/以下), points in parentheses (and
 * ordinals that are not points), required counts, lateness periods, steps and shortfalls, with
 * their token positions and the [from, to) limits. Phrases are made up here.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import { findCount, findLateness, findLeadingParenPoints, findParenPoints, findRequired, findRequiredAll, findShortfall, findStep, findThresholds, tierLabel } from './phrases';
import { tokenize } from './rule-tokens';

const th = (s: string, from = 0, to?: number) => {
  const toks = tokenize(s);
  return findThresholds(s, toks, from, to ?? toks.length).map((t) => [P.toStr(t.value), t.direction, t.inclusive, t.phrase, t.at, t.next]);
};

describe('findThresholds', () => {
  it('低于/超过 T: x beyond T triggers, T itself does not; 于 may follow', () => {
    expect(th('低于95%')).toEqual([['95', 'below', false, '低于95%', 0, 2]]);
    expect(th('超过3起')).toEqual([['3', 'above', false, '超过3起', 0, 2]]);
    expect(th('高于5%')).toEqual([['5', 'above', false, '高于5%', 0, 2]]);
    expect(th('不足于5%')).toEqual([['5', 'below', false, '不足于5%', 0, 3]]);
  });
  it('不低于/不超过 T: the other side, T included, the phrase from 不', () => {
    expect(th('甲不低于90%')).toEqual([['90', 'above', true, '不低于90%', 1, 4]]);
    expect(th('不超出5起')).toEqual([['5', 'below', true, '不超出5起', 0, 3]]);
    // 不 before `from` does not negate
    expect(th('不超出5起', 1)).toEqual([['5', 'above', false, '超出5起', 1, 3]]);
  });
  it('T以上 / T以下: T included', () => {
    expect(th('50%以下')).toEqual([['50', 'below', true, '50%以下', 0, 2]]);
    expect(th('10起以上')).toEqual([['10', 'above', true, '10起以上', 0, 2]]);
  });
  it('not a threshold: a range, no number, 以上/以下 before a number, the number beyond `to`', () => {
    expect(th('低于1-3分')).toEqual([]);
    expect(th('1-3分以上')).toEqual([]);
    expect(th('低于规定')).toEqual([]);
    expect(th('以下5项')).toEqual([]);
    expect(th('低于95%', 0, 1)).toEqual([]);
    expect(th('50%以下', 0, 1)).toEqual([]);
  });
  it('several, left to right', () => {
    expect(th('低于90%，超过5起').map((t) => t[3])).toEqual(['低于90%', '超过5起']);
  });
});

describe('points in parentheses', () => {
  const paren = (s: string, text = true) => {
    const toks = tokenize(s);
    return findParenPoints(toks, 0, toks.length, text ? s : undefined).map((p) => [P.toStr(p.value), p.at, p.next]);
  };
  it('（N分） and (N) after words; not an ordinal at the start, after 。；： or a line break', () => {
    expect(paren('甲（1分）')).toEqual([['1', 1, 4]]);
    expect(paren('甲(0.2)')).toEqual([['0.2', 1, 4]]);
    expect(paren('（2）甲')).toEqual([]);
    expect(paren('（2分）甲')).toEqual([['2', 0, 3]]);
    expect(paren('甲。（2）乙')).toEqual([]);
    expect(paren('甲；（2）乙')).toEqual([]);
    expect(paren('甲：（2）乙')).toEqual([]);
    expect(paren('甲，（2）乙')).toEqual([['2', 2, 5]]);
    expect(paren('甲\n（2）乙')).toEqual([]);
    expect(paren('甲\n（2）乙', false)).toEqual([['2', 1, 4]]);
  });
  it('not a range, not another unit, not unclosed; limited to [from, to)', () => {
    expect(paren('甲（1-2分）')).toEqual([]);
    expect(paren('甲（2次）')).toEqual([]);
    expect(paren('甲（2分')).toEqual([]);
    const toks = tokenize('甲（1分）乙（2分）');
    expect(findParenPoints(toks, 0, 3).length).toBe(0);
    expect(findParenPoints(toks, 0, 4).map((p) => p.at)).toEqual([1]);
    expect(findParenPoints(toks, 2, toks.length).map((p) => p.at)).toEqual([5]);
  });
  it('（N分，… : the points opening a parenthesis that goes on; 分 required', () => {
    const lead = (s: string) => findLeadingParenPoints(tokenize(s), 0, tokenize(s).length).map((p) => [P.toStr(p.value), p.at, p.next]);
    expect(lead('（3分，少一次扣1分）')).toEqual([['3', 1, 2]]);
    expect(lead('（3，少一次）')).toEqual([]);
    expect(lead('（1-3分，甲）')).toEqual([]);
    expect(lead('（3分）')).toEqual([]);
    const toks = tokenize('（3分，甲');
    expect(findLeadingParenPoints(toks, 0, 2)).toEqual([]);
  });
});

describe('required counts', () => {
  const req = (s: string) => {
    const toks = tokenize(s);
    const r = findRequired(toks, 0, toks.length);
    return r && [r.n, r.at, r.next];
  };
  it('未达到 N 次, 至少/不少于/应 … N 次 (within six tokens), 不低于 N 次, N 次以上 / 及以上', () => {
    expect(req('全年未达到4次')).toEqual([4, 2, 4]);
    expect(req('至少安排2次')).toEqual([2, 0, 5]);
    expect(req('不少于6次')).toEqual([6, 0, 3]);
    expect(req('应开展甲乙丙丁3次')).toEqual([3, 0, 8]);
    expect(req('应甲乙丙丁戊己庚3次')).toBeNull();
    expect(req('2次以上')).toEqual([2, 0, 2]);
    expect(req('2次及以上')).toEqual([2, 0, 3]); // 2次 及 以上
  });
  it('not a whole count, not a range, not a non-counter unit', () => {
    expect(req('至少2.5次')).toBeNull();
    expect(req('至少2-3次')).toBeNull();
    expect(req('至少2分')).toBeNull();
  });
  it('every required count in turn', () => {
    const toks = tokenize('组长未达到4次，成员未达到2次');
    expect(findRequiredAll(toks, 0, toks.length).map((r) => r.n)).toEqual([4, 2]);
    expect(findRequiredAll(toks, 0, 4).map((r) => r.n)).toEqual([4]);
  });
});

describe('lateness, steps, shortfalls, counts', () => {
  const at = <T extends { at: number; next: number } | null>(f: (toks: ReturnType<typeof tokenize>, from: number, to: number) => T, s: string) => {
    const toks = tokenize(s);
    return f(toks, 0, toks.length);
  };
  it('lateness: 每超/每逾期/每延迟 N day, workday or month', () => {
    expect(at(findLateness, '每逾期1天')).toMatchObject({ period: 'day', n: P.dec(1), at: 0, next: 4 });
    expect(at(findLateness, '每超2个工作日')).toMatchObject({ period: 'workday', n: P.dec(2) });
    expect(at(findLateness, '每延迟一个月')).toMatchObject({ period: 'month' });
    expect(at(findLateness, '每逾期1次')).toBeNull();
  });
  it('step: 每低 N (below) and 每增加 N (above); 每少一次 is a shortfall unless against last year', () => {
    expect(at(findStep, '每低5个百分点')).toMatchObject({ direction: 'below', at: 0 });
    expect(at(findStep, '每超过1人')).toMatchObject({ direction: 'above' });
    expect(at(findStep, '每少1次')).toBeNull();
    expect(at(findStep, '对比上年度，每减少1名')).toMatchObject({ direction: 'below' });
    expect(at(findStep, '每低1天')).toBeNull();
  });
  it('shortfall: 少一次 / 每少1个 / 缺一样; not 至少, 不少, 减少, 少于', () => {
    expect(at(findShortfall, '少一次')).toMatchObject({ counter: '次', per: 1, at: 0 });
    expect(at(findShortfall, '每少2个')).toMatchObject({ counter: '个', per: 2, at: 0 });
    expect(at(findShortfall, '缺一样')).toMatchObject({ counter: '样' });
    expect(at(findShortfall, '至少一次')).toBeNull();
    expect(at(findShortfall, '不少一次')).toBeNull();
    expect(at(findShortfall, '减少一次')).toBeNull();
    // a requirement first, then the shortfall
    expect(at(findShortfall, '至少2次，少一次')).toMatchObject({ per: 1, at: 4 });
  });
  it('count: 每起 / 每 3 例 / 发生一起 / a count of one right before the amount', () => {
    expect(at(findCount, '每起扣1分')).toMatchObject({ counter: '起', per: 1, at: 0 });
    expect(at(findCount, '每发现3例')).toMatchObject({ counter: '例', per: 3 });
    expect(at(findCount, '发生一起')).toMatchObject({ counter: '起', per: 1 });
    expect(at(findCount, '发生2起')).toBeNull();
    const toks = tokenize('迟报一次扣1分'); // 迟 报 一次 扣 1分
    expect(findCount(toks, 0, 3)).toMatchObject({ counter: '次', per: 1, at: 2, next: 3 });
    expect(findCount(toks, 0, 2)).toBeNull();
  });
});

describe('tierLabel', () => {
  it('the last piece, preferring one with a severity word, without its lead words and trailing 的', () => {
    expect(tierLabel('其中，被诫勉谈话的')).toBe('诫勉谈话');
    expect(tierLabel('受到通报批评的，')).toBe('通报批评');
    expect(tierLabel('甲')).toBe('甲');
  });
});
