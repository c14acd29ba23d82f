/**
 * Mutation tests of text/phrases.ts, the frames `scanFrames` reads (issue 14 item 6; docs/testing.md),
 * written ahead of the file's first Stryker run: phrases.mutation.test.ts covers the condition
 * features, and no test called scanFrames itself, so every frame is pinned here with its type, verb,
 * figures, flags and [at, next) token positions — amount frames (分别, ranges, fixed amounts with
 * 再/各, roles, 一票否决 as a consequence, 不得分, an item zeroed, 满分, discretion, a missing verb)
 * and modifiers (caps before and after their amount, a sub-item's total, the item's points, minimum,
 * floor, 加倍, 不重复), and the scan itself (modifiers tried first, the position after each frame);
 * also levelsIn, hasSeverityWord and findStepAgainst, which no test called either.
 * Phrases are made up here.
 */
import { describe, expect, it } from 'vitest';
import { findStepAgainst, hasSeverityWord, isPoints, levelsIn } from './phrases';
import { tokenize } from './rule-tokens';
import { framesView, type Shown } from '../../test/text/frames-view';

const frames = (s: string) => framesView(s, ['verb', 'again', 'each', 'inferredVerb', 'role', 'highestOnly'], true);
const one = (s: string): Shown => {
  const all = frames(s);
  expect(all, s).toHaveLength(1);
  return all[0]!;
};

describe('scanFrames: fixed amounts', () => {
  it('扣/加/得/倒扣 N分: the verb, the amount and its token; 倒扣 deducts', () => {
    expect(one('扣1分')).toEqual({ kind: 'amount', type: 'fixed', at: 0, next: 2, verb: 'deduct', again: false, each: false, value: '1', tok: '1分' });
    expect(one('加0.2分')).toMatchObject({ type: 'fixed', verb: 'add', value: '0.2', next: 2 });
    expect(one('得5分')).toMatchObject({ type: 'fixed', verb: 'get', value: '5' });
    expect(one('倒扣2分')).toMatchObject({ type: 'fixed', verb: 'deduct', value: '2' });
    // a bare number is points too (扣0.5), a number of another unit is not
    expect(one('扣0.5')).toMatchObject({ type: 'fixed', value: '0.5', tok: '0.5' });
    expect(frames('扣2次')).toEqual([]);
  });
  it('再 and 各 before the verb are flags of the amount and part of its span', () => {
    expect(one('再扣0.1分')).toEqual({ kind: 'amount', type: 'fixed', at: 0, next: 3, verb: 'deduct', again: true, each: false, value: '0.1', tok: '0.1分' });
    expect(one('各扣0.5分')).toEqual({ kind: 'amount', type: 'fixed', at: 0, next: 3, verb: 'deduct', again: false, each: true, value: '0.5', tok: '0.5分' });
  });
  it('an amount that names its role: the role as written, 相关 dropped', () => {
    expect(frames('扣牵头单位1分，扣相关配合单位0.5分')).toEqual([
      { kind: 'amount', type: 'fixed', at: 0, next: 6, verb: 'deduct', again: false, each: false, role: '牵头单位', value: '1', tok: '1分' },
      { kind: 'amount', type: 'fixed', at: 7, next: 15, verb: 'deduct', again: false, each: false, role: '配合单位', value: '0.5', tok: '0.5分' },
    ]);
    expect(one('加责任单位2分')).toMatchObject({ verb: 'add', role: '责任单位', value: '2', next: 6 });
  });
  it('isPoints: 分 or no unit', () => {
    const [a, b, c] = tokenize('1分 2 3次').filter((t) => t.kind === 'num');
    expect([a, b, c].map((t) => t !== undefined && t.kind === 'num' && isPoints(t))).toEqual([true, true, false]);
  });
});

describe('scanFrames: ranges and tiers', () => {
  it('扣 a-b 分 is a range with both ends, 再 in its span; a range is never a fixed amount', () => {
    expect(one('再扣0.1-0.2分')).toEqual({ kind: 'amount', type: 'range', at: 0, next: 3, verb: 'deduct', range: ['0.1', '0.2'], tok: '0.1-0.2分' });
    expect(one('得1～3分')).toMatchObject({ type: 'range', verb: 'get', range: ['1', '3'], next: 2 });
    expect(one('加1-2分')).toMatchObject({ type: 'range', verb: 'add' });
  });
  it('分别 [verb] a、b、c: every amount in order, separated by 、，和 or 及; the verb is deduct when not written', () => {
    expect(one('分别扣0.5分、0.3分、0.2分')).toEqual({ kind: 'amount', type: 'tiers', at: 0, next: 7, verb: 'deduct', values: ['0.5', '0.3', '0.2'] });
    expect(one('分别加0.5、0.4和0.3分')).toEqual({ kind: 'amount', type: 'tiers', at: 0, next: 7, verb: 'add', values: ['0.5', '0.4', '0.3'] });
    expect(one('分别得3分及2分')).toMatchObject({ verb: 'get', values: ['3', '2'], next: 5 });
    expect(one('分别0.5分，0.3分')).toEqual({ kind: 'amount', type: 'tiers', at: 0, next: 4, verb: 'deduct', values: ['0.5', '0.3'] });
    // a range or another unit ends the list
    expect(frames('分别扣1分、1-2分')[0]).toMatchObject({ type: 'tiers', values: ['1'], next: 3 });
  });
});

describe('scanFrames: 一票否决, 不得分, an item zeroed, 满分', () => {
  it('一票否决 as a consequence: at the end, before punctuation, in quotes, before 规定-like words', () => {
    expect(one('一票否决')).toEqual({ kind: 'amount', type: 'veto', at: 0, next: 1 });
    expect(one('实行“一票否决”。')).toEqual({ kind: 'amount', type: 'veto', at: 3, next: 5 });
    expect(one('一票否决，')).toEqual({ kind: 'amount', type: 'veto', at: 0, next: 1 });
  });
  it('not as a condition: 一票否决 before other words or an opening parenthesis', () => {
    expect(frames('因一票否决项目')).toEqual([]);
    expect(frames('一票否决制')).toEqual([]);
    expect(frames('一票否决（')).toEqual([]);
  });
  it('不得分 is no score; 此项得0分 / 整项得0分 zero the item; 满分 after 得/为/计 (可 in the span)', () => {
    expect(one('不得分')).toEqual({ kind: 'amount', type: 'no-score', at: 0, next: 1 });
    expect(one('此项得0分')).toEqual({ kind: 'amount', type: 'zero', at: 0, next: 4 });
    expect(one('整项得0分')).toEqual({ kind: 'amount', type: 'zero', at: 0, next: 4 });
    // not 0: the amount of a completion
    expect(one('整项得1分')).toMatchObject({ type: 'fixed', verb: 'get', value: '1', at: 2 });
    expect(one('可得满分')).toEqual({ kind: 'amount', type: 'full', at: 0, next: 3 });
    expect(one('为满分')).toEqual({ kind: 'amount', type: 'full', at: 0, next: 2 });
    expect(one('计满分')).toEqual({ kind: 'amount', type: 'full', at: 0, next: 2 });
  });
});

describe('scanFrames: discretion', () => {
  it('酌情 / 视情况 with the verb after it (分 in the span), deduct when none', () => {
    expect(one('酌情扣分')).toEqual({ kind: 'amount', type: 'discretion', at: 0, next: 3, verb: 'deduct' });
    expect(one('酌情加分')).toEqual({ kind: 'amount', type: 'discretion', at: 0, next: 3, verb: 'add' });
    expect(one('视情况得分')).toEqual({ kind: 'amount', type: 'discretion', at: 0, next: 2, verb: 'get' });
    expect(one('视情打分')).toEqual({ kind: 'amount', type: 'discretion', at: 0, next: 2, verb: 'get' });
    expect(one('酌情扣，')).toEqual({ kind: 'amount', type: 'discretion', at: 0, next: 2, verb: 'deduct' });
    expect(one('酌情')).toEqual({ kind: 'amount', type: 'discretion', at: 0, next: 1, verb: 'deduct' });
  });
  it('给/评 (get) and 减 (deduct) as plain characters, with 分 after them', () => {
    expect(one('酌情给分')).toEqual({ kind: 'amount', type: 'discretion', at: 0, next: 3, verb: 'get' });
    expect(one('酌情评分')).toEqual({ kind: 'amount', type: 'discretion', at: 0, next: 3, verb: 'get' });
    expect(one('酌情减分')).toEqual({ kind: 'amount', type: 'discretion', at: 0, next: 3, verb: 'deduct' });
    expect(one('酌情减')).toEqual({ kind: 'amount', type: 'discretion', at: 0, next: 2, verb: 'deduct' });
    expect(one('酌情给')).toEqual({ kind: 'amount', type: 'discretion', at: 0, next: 2, verb: 'get' });
  });
  it('酌情扣 N分 is the fixed amount, not discretion', () => {
    expect(one('酌情扣0.5分')).toMatchObject({ type: 'fixed', at: 1, next: 3, verb: 'deduct', value: '0.5' });
  });
});

describe('scanFrames: the missing verb', () => {
  it('N分 right after a rate, with nothing between them: a deduction with inferredVerb', () => {
    expect(frames('低于95%0.05分')).toEqual([{ kind: 'amount', type: 'fixed', at: 2, next: 3, verb: 'deduct', again: false, each: false, inferredVerb: true, value: '0.05', tok: '0.05分' }]);
    expect(frames('每少10%0.01分')).toMatchObject([{ type: 'fixed', at: 3, inferredVerb: true, value: '0.01' }]);
  });
  it('not after a space, not after a count, not without 分, not a range', () => {
    expect(frames('低于95% 0.05分')).toEqual([]);
    expect(frames('5次0.5分')).toEqual([]);
    expect(frames('低于95%0.05')).toEqual([]);
    expect(frames('低于95%0.05-0.1分')).toEqual([]);
  });
});

describe('scanFrames: modifiers', () => {
  it('a cap before its amount, with the verb it limits', () => {
    expect(one('最高扣2分')).toEqual({ kind: 'modifier', type: 'cap', at: 0, next: 3, verb: 'deduct', value: '2', tok: '2分' });
    expect(one('最多扣2分')).toMatchObject({ type: 'cap', verb: 'deduct', value: '2' });
    expect(one('最高加2分')).toMatchObject({ type: 'cap', verb: 'add', value: '2' });
    expect(one('最高得2分')).toMatchObject({ type: 'cap', verb: 'get', value: '2' });
    expect(one('最高得分为3分')).toEqual({ kind: 'modifier', type: 'cap', at: 0, next: 4, verb: 'get', value: '3', tok: '3分' });
    // two cap words, no verb
    expect(one('最高不超过2分')).toEqual({ kind: 'modifier', type: 'cap', at: 0, next: 3, value: '2', tok: '2分' });
  });
  it('a cap after its amount: N分封顶, 以N分为限', () => {
    expect(one('0.5分封顶')).toEqual({ kind: 'modifier', type: 'cap', at: 0, next: 2, value: '0.5', tok: '0.5分' });
    expect(one('以2分为限')).toEqual({ kind: 'modifier', type: 'cap', at: 1, next: 4, value: '2', tok: '2分' });
  });
  it("a sub-item's total after punctuation, ending the phrase: a cap after the deduction", () => {
    const each = { kind: 'amount', type: 'fixed', at: 2, next: 4, verb: 'deduct', again: false, each: false, value: '0.5', tok: '0.5分' };
    expect(frames('每例扣0.5分,共1分')).toEqual([each, { kind: 'modifier', type: 'cap', at: 5, next: 7, value: '1', tok: '1分' }]);
    expect(frames('每例扣0.5分,共1分。')).toEqual([each, { kind: 'modifier', type: 'cap', at: 5, next: 7, value: '1', tok: '1分' }]);
    expect(frames('每例扣0.5分,共计1分')).toEqual([each, { kind: 'modifier', type: 'cap', at: 5, next: 8, value: '1', tok: '1分' }]);
    // not without the punctuation before it, not with words after it
    expect(frames('每例扣0.5分共1分')).toEqual([each]);
    expect(frames('每例扣0.5分,共1分甲')).toEqual([each]);
  });
  it("the item's points: 该项/本项/此项 满分 [为] N分", () => {
    expect(one('该项满分0.5分')).toEqual({ kind: 'modifier', type: 'points', at: 0, next: 4, value: '0.5', tok: '0.5分' });
    expect(one('本项满分为2分')).toEqual({ kind: 'modifier', type: 'points', at: 0, next: 5, value: '2', tok: '2分' });
    expect(one('此项满分1分')).toMatchObject({ type: 'points', value: '1' });
  });
  it('minimum, floor, 加倍 (with what follows it), 不重复', () => {
    expect(one('最低扣1分')).toEqual({ kind: 'modifier', type: 'minimum', at: 0, next: 3, value: '1', tok: '1分' });
    expect(one('最低得1分')).toEqual({ kind: 'modifier', type: 'minimum', at: 0, next: 3, value: '1', tok: '1分' });
    expect(one('扣完为止')).toEqual({ kind: 'modifier', type: 'floor', at: 0, next: 1 });
    expect(one('不计负分')).toEqual({ kind: 'modifier', type: 'floor', at: 0, next: 1 });
    expect(one('加倍扣分')).toEqual({ kind: 'modifier', type: 'double', at: 0, next: 3 });
    expect(one('加倍扣除')).toEqual({ kind: 'modifier', type: 'double', at: 0, next: 2 });
    expect(one('加倍计算')).toEqual({ kind: 'modifier', type: 'double', at: 0, next: 3 });
    expect(one('加倍扣')).toEqual({ kind: 'modifier', type: 'double', at: 0, next: 2 });
    expect(one('加倍')).toEqual({ kind: 'modifier', type: 'double', at: 0, next: 1 });
    expect(one('不重复扣分')).toEqual({ kind: 'modifier', type: 'dedupe', at: 0, next: 1 });
  });
  it('按/以/取 最高 [分/级/等级] is dedupe; 以获最高 keeps only the highest', () => {
    expect(one('按最高分')).toEqual({ kind: 'modifier', type: 'dedupe', at: 0, next: 3 });
    expect(one('以最高级')).toEqual({ kind: 'modifier', type: 'dedupe', at: 0, next: 3 });
    expect(one('取最高等级')).toEqual({ kind: 'modifier', type: 'dedupe', at: 0, next: 4 });
    expect(one('按最高')).toEqual({ kind: 'modifier', type: 'dedupe', at: 0, next: 2 });
    expect(one('以获最高')).toEqual({ kind: 'modifier', type: 'dedupe', at: 0, next: 3, highestOnly: true });
  });
});

describe('scanFrames: the scan', () => {
  it('left to right, each frame from the token after the one before; words between are skipped', () => {
    expect(frames('每次扣1分，最高扣3分，扣完为止').map((f) => [f.kind, f.type, f.at, f.next])).toEqual([
      ['amount', 'fixed', 2, 4],
      ['modifier', 'cap', 5, 8],
      ['modifier', 'floor', 9, 10],
    ]);
    expect(frames('甲乙丙')).toEqual([]);
    expect(frames('')).toEqual([]);
  });
  it('a modifier is tried before an amount at the same token (最高扣2分 is a cap, not 扣2分)', () => {
    expect(frames('最高扣2分').map((f) => f.kind)).toEqual(['modifier']);
  });
});

describe('levelsIn', () => {
  it('each level as written, in order, with its position; consecutive repeats merged', () => {
    expect(levelsIn('受到国家、省、市、县表彰')).toEqual([{ key: '国家', at: 2 }, { key: '省', at: 5 }, { key: '市', at: 7 }, { key: '县', at: 9 }]);
    expect(levelsIn('省市县')).toEqual([{ key: '省', at: 0 }, { key: '市', at: 1 }, { key: '县', at: 2 }]);
    expect(levelsIn('省委、省政府通报')).toEqual([{ key: '省', at: 0 }]);
    expect(levelsIn('中央和国务院')).toEqual([{ key: '中央', at: 0 }]);
    expect(levelsIn('省级表彰的，市级通报的')).toEqual([{ key: '省', at: 0 }, { key: '市', at: 6 }]);
    expect(levelsIn('市、区两级')).toEqual([{ key: '市', at: 0 }, { key: '区', at: 2 }]);
    expect(levelsIn('省')).toEqual([{ key: '省', at: 0 }]);
    expect(levelsIn('')).toEqual([]);
  });
  it('not inside the compounds in which the character is no level (before or after it)', () => {
    for (const s of ['省略号', '省份', '城市管理', '全市', '都市', '超市', '门市', '市场', '市民', '市管', '县城', '社区', '新区', '辖区', '区域', '区别', '区分']) expect(levelsIn(s), s).toEqual([]);
  });
});

describe('hasSeverityWord', () => {
  it('a sanction or severity word anywhere in the text', () => {
    expect(hasSeverityWord('被诫勉的')).toBe(true);
    expect(hasSeverityWord('一般问题')).toBe(true);
    expect(hasSeverityWord('被通报的')).toBe(false);
  });
});

describe('findStepAgainst', () => {
  const st = (s: string, from = 0, to?: number) => {
    const toks = tokenize(s);
    const found = findStepAgainst(toks, from, to ?? toks.length);
    return found && { raw: found.step.raw, direction: found.direction, at: found.at, next: found.next };
  };
  it('每超/每高 a named quantity by a figure, up to six tokens between', () => {
    expect(st('每超平均年龄1岁')).toEqual({ raw: '1', direction: 'above', at: 0, next: 7 });
    expect(st('每高于平均值2个')).toEqual({ raw: '2个', direction: 'above', at: 0, next: 6 });
    expect(st('每超过平均水平5%')).toEqual({ raw: '5%', direction: 'above', at: 0, next: 7 });
    expect(st('每高1岁')).toEqual({ raw: '1', direction: 'above', at: 0, next: 3 });
    expect(st('每超甲乙丙丁戊己1岁')).toMatchObject({ raw: '1', next: 9 });
    expect(st('每超甲乙丙丁戊己庚1岁')).toBeNull();
  });
  it('not points, not a range; only within [from, to)', () => {
    expect(st('每超1分')).toBeNull();
    expect(st('每超1-2岁')).toBeNull();
    expect(st('甲每超平均年龄1岁', 1)).toMatchObject({ at: 1, next: 8 });
    expect(st('每超平均年龄1岁', 1)).toBeNull();
    expect(st('每超平均年龄1岁', 0, 4)).toBeNull();
  });
});
