/**
 * Mutation tests of text/grammar.ts (issue 14 item 6; docs/testing.md): each combinator's match,
 * its `next` index and its failure, at the edges (end of tokens, punctuation, numbers, the limits
 * of gap and after, empty matches in findAll). Over tokens of made-up phrases.
 */
import { describe, expect, it } from 'vitest';
import { after, alt, findAll, findFirst, gap, lit, many1, map, num, opt, punct, seq, word } from './grammar';
import { tokenize, type Tok } from './rule-tokens';

const t = (s: string): Tok[] => tokenize(s);
const raw = (v: unknown): unknown => (Array.isArray(v) ? v.map(raw) : v && typeof v === 'object' && 'raw' in v ? (v as Tok).raw : v);
const at = <T>(p: (toks: readonly Tok[], i: number) => { value: T; next: number } | null, s: string, i = 0) => {
  const m = p(t(s), i);
  return m ? { value: raw(m.value), next: m.next } : null;
};

describe('word, punct, num', () => {
  it('match one token of the kind and tag, else null; past the end null', () => {
    expect(at(word('deduct', 'cap'), '最多')).toEqual({ value: '最多', next: 1 });
    expect(at(word('deduct'), '最多')).toBeNull();
    expect(at(word('deduct'), '，')).toBeNull();
    expect(at(word('deduct'), '扣', 1)).toBeNull();
    expect(at(punct('semi', 'comma'), '，')).toEqual({ value: '，', next: 1 });
    expect(at(punct('semi'), '，')).toBeNull();
    expect(at(punct('comma'), '扣')).toBeNull();
    expect(at(punct('comma'), '，', 1)).toBeNull();
    expect(at(num(), '3分')).toEqual({ value: '3分', next: 1 });
    expect(at(num((n) => n.q.unit === '次'), '3分')).toBeNull();
    expect(at(num(), '扣')).toBeNull();
    expect(at(num(), '3分', 1)).toBeNull();
  });
});

describe('lit', () => {
  it('a phrase over consecutive character and word tokens; the first form that matches', () => {
    expect(at(lit('未开展'), '未开展学习')).toEqual({ value: '未开展', next: 3 });
    expect(at(lit('未完成', '未开展'), '未开展学习')).toEqual({ value: '未开展', next: 3 });
    expect(at(lit('扣完'), '扣完为止')).toBeNull(); // 扣完为止 is one word token: the phrase would end inside it
    expect(at(lit('每次'), '每次')).toEqual({ value: '每次', next: 2 });
  });
  it('not across a number or punctuation, not past the end, not a prefix only', () => {
    expect(at(lit('扣分'), '扣3分')).toBeNull();
    expect(at(lit('甲乙'), '甲，乙')).toBeNull();
    expect(at(lit('甲乙丙'), '甲乙')).toBeNull();
    expect(at(lit('甲乙'), '甲丙')).toBeNull();
    expect(at(lit('甲'), '甲乙')).toEqual({ value: '甲', next: 1 });
    // a form written with punctuation never matches: punctuation is never part of a phrase
    expect(at(lit('甲，乙'), '甲，乙')).toBeNull();
  });
});

describe('seq, alt, opt, many1, map', () => {
  it('seq: every pattern in turn, or null', () => {
    expect(at(seq(word('deduct'), num()), '扣3分')).toEqual({ value: ['扣', '3分'], next: 2 });
    expect(at(seq(word('deduct'), num()), '扣，3分')).toBeNull();
    expect(at(seq(), '扣')).toEqual({ value: [], next: 0 });
  });
  it('alt: the first that matches', () => {
    expect(at(alt(num(), word('deduct')), '扣3分')).toEqual({ value: '扣', next: 1 });
    expect(at(alt(lit('扣'), word('deduct')), '扣')).toEqual({ value: '扣', next: 1 });
    expect(at(alt(num(), punct('comma')), '扣')).toBeNull();
  });
  it('opt: the match, or nothing consumed', () => {
    expect(at(opt(num()), '3分')).toEqual({ value: '3分', next: 1 });
    expect(at(opt(num()), '扣')).toEqual({ value: undefined, next: 0 });
  });
  it('many1: one or more, with a separator when given; stops before a separator not followed by one', () => {
    expect(at(many1(num(), punct('enum')), '1分、2分、3分')).toEqual({ value: ['1分', '2分', '3分'], next: 5 });
    expect(at(many1(num(), punct('enum')), '1分、2分、扣')).toEqual({ value: ['1分', '2分'], next: 3 });
    expect(at(many1(num(), punct('enum')), '1分，2分')).toEqual({ value: ['1分'], next: 1 });
    expect(at(many1(num()), '1分 2次')).toEqual({ value: ['1分', '2次'], next: 2 });
    expect(at(many1(num()), '扣')).toBeNull();
  });
  it('map: the value built from the match, the tokens and its range', () => {
    expect(at(map(seq(word('deduct'), num()), (v, toks, from, to) => `${toks.length}:${from}-${to}:${(v[1] as Tok).raw}`), '甲扣3分', 1)).toEqual({ value: '3:1-3:3分', next: 3 });
    expect(at(map(num(), () => 'x'), '扣')).toBeNull();
  });
});

describe('gap and after', () => {
  it('gap: up to n tokens, never over punctuation or a number, possibly none', () => {
    expect(at(gap(2), '甲乙丙')).toEqual({ value: 2, next: 2 });
    expect(at(gap(5), '甲乙丙')).toEqual({ value: 3, next: 3 });
    expect(at(gap(5), '甲，乙')).toEqual({ value: 1, next: 1 });
    expect(at(gap(5), '甲3分')).toEqual({ value: 1, next: 1 });
    expect(at(gap(0), '甲')).toEqual({ value: 0, next: 0 });
  });
  it('after: the pattern at i or up to n tokens later, not past punctuation', () => {
    expect(at(after(2, num()), '甲乙3分')).toEqual({ value: '3分', next: 3 });
    expect(at(after(1, num()), '甲乙3分')).toBeNull();
    expect(at(after(0, num()), '3分')).toEqual({ value: '3分', next: 1 });
    expect(at(after(5, num()), '甲，3分')).toBeNull();
    expect(at(after(5, num()), '甲乙')).toBeNull();
    // a pattern that matches at the end (an empty match) is found there
    expect(at(after(5, opt(num())), '甲', 1)).toEqual({ value: undefined, next: 1 });
    expect(at(after(1, seq()), '甲', 0)).toEqual({ value: [], next: 0 });
  });
});

describe('findAll and findFirst', () => {
  const toks = t('扣1分，扣2分；扣3分');
  it('every non-overlapping match left to right, with where it starts, within [from, to)', () => {
    const all = findAll(seq(word('deduct'), num()), toks);
    expect(all.map((m) => [m.at, m.next, raw(m.value)])).toEqual([
      [0, 2, ['扣', '1分']],
      [3, 5, ['扣', '2分']],
      [6, 8, ['扣', '3分']],
    ]);
    expect(findAll(seq(word('deduct'), num()), toks, 1).map((m) => m.at)).toEqual([3, 6]);
    expect(findAll(seq(word('deduct'), num()), toks, 0, 4).map((m) => m.at)).toEqual([0]);
    expect(findAll(seq(word('deduct'), num()), toks, 0, 5).map((m) => m.at)).toEqual([0, 3]);
  });
  it('a match that consumes nothing is skipped', () => {
    expect(findAll(opt(num()), t('甲乙'))).toEqual([]);
    expect(findAll(opt(num()), t('甲1分')).map((m) => m.at)).toEqual([1]);
  });
  it('findFirst: the first match, or null', () => {
    expect(findFirst(num(), toks, 2)).toMatchObject({ at: 4, next: 5 });
    expect(findFirst(num(), toks, 8)).toBeNull();
  });
});

/*
 * Second round, after the first Stryker run of grammar.ts (2026-12-03, 93.75 %): the survivors
 * were `lit` reading across a number token (`kind !== 'num'` → true) and `gap`'s count from a
 * start other than 0 (`j - i` → `j + i`).
 */
describe('second round', () => {
  it('lit never reads across a number', () => {
    expect(at(lit('甲1乙'), '甲1乙')).toBeNull();
    expect(at(lit('计0分'), '计0分')).toBeNull();
  });
  it('gap counts its tokens from where it starts', () => {
    expect(at(gap(3), '甲乙丙丁戊己', 2)).toEqual({ value: 3, next: 5 });
    expect(at(gap(2), '甲乙丙丁', 1)).toEqual({ value: 2, next: 3 });
  });
});
