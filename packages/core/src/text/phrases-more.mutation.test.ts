/**
 * Mutation tests of text/phrases.ts, third file (issue 14 item 6; docs/testing-text-mutation.md,
 * "Sixth session"): the frames of lines 1–183 that phrases-frames.mutation.test.ts left open —
 * 一票否决 before 按规定执行 and after other closing quotes, the three-token window of 酌情 and what
 * stops it, 得 after 酌情, the plain 给 read only right after 酌情, an item zeroed only by 0 分 (not a
 * bare 0, not a range), 按/取/只计/以 最高 一项/一个/一次/一篇 (one occurrence in all) against two or a
 * range or another counter, and 最多扣至 N分. Phrases are made up here.
 */
import { describe, expect, it } from 'vitest';
import { framesView } from '../../test/text/frames-view';

const frames = (s: string) => framesView(s, ['verb', 'highestOnly']);

describe('一票否决 as a consequence', () => {
  it('before 按规定执行 (the word in its span) and inside other closing quotes', () => {
    expect(frames('一票否决按规定执行')).toEqual([{ kind: 'amount', type: 'veto', at: 0, next: 2 }]);
    expect(frames('实行’一票否决’')).toEqual([{ kind: 'amount', type: 'veto', at: 3, next: 5 }]);
    expect(frames('一票否决』')).toEqual([{ kind: 'amount', type: 'veto', at: 0, next: 2 }]);
    expect(frames('一票否决"')).toEqual([{ kind: 'amount', type: 'veto', at: 0, next: 2 }]);
    expect(frames('一票否决」，')).toEqual([{ kind: 'amount', type: 'veto', at: 0, next: 2 }]);
    // a character that is no closing quote ends nothing: 一票否决 is then a condition
    expect(frames('一票否决甲')).toEqual([]);
  });
});

describe('酌情: the verb within three tokens after it', () => {
  it('found two characters on (分 in the span), not three', () => {
    expect(frames('酌情甲乙扣分')).toEqual([{ kind: 'amount', type: 'discretion', at: 0, next: 5, verb: 'deduct' }]);
    expect(frames('酌情甲乙加分')).toEqual([{ kind: 'amount', type: 'discretion', at: 0, next: 5, verb: 'add' }]);
    expect(frames('酌情甲乙丙加分')).toEqual([{ kind: 'amount', type: 'discretion', at: 0, next: 1, verb: 'deduct' }]);
  });
  it('a punctuation mark stops the search; a number right after it is the fixed frame’s', () => {
    expect(frames('酌情，加分')).toEqual([{ kind: 'amount', type: 'discretion', at: 0, next: 1, verb: 'deduct' }]);
    expect(frames('酌情3次加分')).toEqual([]);
  });
  it('得 is get; the search stops at the first verb', () => {
    expect(frames('酌情得，')).toEqual([{ kind: 'amount', type: 'discretion', at: 0, next: 2, verb: 'get' }]);
    expect(frames('酌情计分')).toEqual([{ kind: 'amount', type: 'discretion', at: 0, next: 2, verb: 'get' }]);
    expect(frames('酌情加扣分')).toEqual([{ kind: 'amount', type: 'discretion', at: 0, next: 2, verb: 'add' }]);
  });
  it('给/减 as plain characters only right after 酌情, not after a tagged verb', () => {
    expect(frames('酌情扣给分')).toEqual([{ kind: 'amount', type: 'discretion', at: 0, next: 2, verb: 'deduct' }]);
    expect(frames('酌情加减分')).toEqual([{ kind: 'amount', type: 'discretion', at: 0, next: 2, verb: 'add' }]);
    expect(frames('酌情甲给分')).toEqual([{ kind: 'amount', type: 'discretion', at: 0, next: 1, verb: 'deduct' }]);
  });
});

describe('an item zeroed: 0 分 after the head', () => {
  it('a bare 0 or a range from 0 is the amount of a completion, not the item zeroed', () => {
    expect(frames('此项得0')).toEqual([{ kind: 'amount', type: 'fixed', at: 2, next: 4, verb: 'get', value: '0' }]);
    expect(frames('此项得0-1分')).toEqual([{ kind: 'amount', type: 'range', at: 2, next: 4, verb: 'get', range: ['0', '1'] }]);
    expect(frames('此项得0次')).toEqual([]);
  });
});

describe('按最高一项: one occurrence in all', () => {
  it('after 按/取/只计/以, one 项/个/次/篇', () => {
    const highest = (next: number) => [{ kind: 'modifier', type: 'dedupe', at: 0, next, highestOnly: true }];
    expect(frames('按最高一项')).toEqual(highest(3));
    expect(frames('取最高一个')).toEqual(highest(3));
    expect(frames('只计最高一次')).toEqual(highest(4));
    expect(frames('以最高一篇')).toEqual(highest(3));
  });
  it('two, a range or another counter: plain dedupe of 按最高, the number not in its span', () => {
    const plain = [{ kind: 'modifier', type: 'dedupe', at: 0, next: 2 }];
    expect(frames('按最高两项')).toEqual(plain);
    expect(frames('按最高1-2项')).toEqual(plain);
    expect(frames('取最高一件')).toEqual(plain);
    expect(frames('按最高一分')).toEqual([{ kind: 'modifier', type: 'dedupe', at: 0, next: 2 }]);
  });
});

describe('the missing verb at the first token', () => {
  it('N分 with no token before it is no amount', () => {
    expect(frames('1分')).toEqual([]);
    expect(frames('1分，扣2分')).toEqual([{ kind: 'amount', type: 'fixed', at: 2, next: 4, verb: 'deduct', value: '2' }]);
  });
});

describe('a cap with 至', () => {
  it('最多扣至 N分: 至 in the span', () => {
    expect(frames('最多扣至3分')).toEqual([{ kind: 'modifier', type: 'cap', at: 0, next: 4, verb: 'deduct', value: '3' }]);
    expect(frames('最高为2分')).toEqual([{ kind: 'modifier', type: 'cap', at: 0, next: 3, value: '2' }]);
  });
});
