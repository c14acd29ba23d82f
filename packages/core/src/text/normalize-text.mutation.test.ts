/**
 * Mutation tests of text/normalize-text.ts (issue 14 item 6; docs/testing.md): each repair of an
 * extraction defect at its edges — when it is made and when not — with its position, the text
 * replaced and its exact Chinese message; the length is always kept. Sentences are made up here.
 */
import { describe, expect, it } from 'vitest';
import { normalizeRuleText, trimPunctuation, withoutParentheticals } from './normalize-text';

const norm = (s: string) => {
  const r = normalizeRuleText(s);
  expect(r.text.length, 'length kept').toBe(s.length);
  return r;
};

describe('口 read as 扣 before an amount', () => {
  it('before a digit, also after spaces: repaired with its message', () => {
    expect(norm('迟报一次口0.5分')).toEqual({ text: '迟报一次扣0.5分', repairs: [{ at: 4, from: '口', to: '扣', message: '“口”按“扣”读取（疑为录入错误）' }] });
    expect(norm('迟报口  2分').text).toBe('迟报扣  2分');
  });
  it('not before a non-digit, not at the end, not inside a word with 口 (人口 2 万, 口岸 3 个)', () => {
    expect(norm('口头汇报')).toEqual({ text: '口头汇报', repairs: [] });
    expect(norm('迟报口')).toEqual({ text: '迟报口', repairs: [] });
    expect(norm('人口2万').repairs).toEqual([]);
    expect(norm('口岸3个').repairs).toEqual([]);
    expect(norm('新增进口 5 吨').repairs).toEqual([]);
    // a word with 口 elsewhere in the sentence does not protect this 口
    expect(norm('人口多，迟报口1分').text).toBe('人口多，迟报扣1分');
  });
  it('full-width digits count as digits (and are made ASCII)', () => {
    expect(norm('迟报口１分').text).toBe('迟报扣1分');
  });
});

describe('O read as 0 in a number', () => {
  it('after or before a digit or point, in each of its three forms', () => {
    expect(norm('扣1O分')).toEqual({ text: '扣10分', repairs: [{ at: 2, from: 'O', to: '0', message: '“O”按数字“0”读取（疑为录入错误）' }] });
    expect(norm('扣o.5分')).toEqual({ text: '扣0.5分', repairs: [{ at: 1, from: 'o', to: '0', message: '“o”按数字“0”读取（疑为录入错误）' }] });
    expect(norm('扣0.Ｏ5分').repairs).toEqual([{ at: 3, from: 'Ｏ', to: '0', message: '“Ｏ”按数字“0”读取（疑为录入错误）' }]);
    expect(norm('得O1分').text).toBe('得01分');
  });
  it('as the value after 为, 扣 or 得 unless a letter follows; not elsewhere', () => {
    expect(norm('该项为O').text).toBe('该项为0');
    expect(norm('扣O分').text).toBe('扣0分');
    expect(norm('得O分').text).toBe('得0分');
    expect(norm('为OK').repairs).toEqual([]);
    expect(norm('扣Ox').repairs).toEqual([]);
    expect(norm('报O分').repairs).toEqual([]);
    expect(norm('DOC文件').repairs).toEqual([]);
    expect(norm('O').repairs).toEqual([]);
  });
});

describe('l. or I. read as 1. at the start of an item', () => {
  it('at the start, after a space or 。；; and before . or 、 not followed by a digit', () => {
    expect(norm('l.按时报送')).toEqual({ text: '1.按时报送', repairs: [{ at: 0, from: 'l', to: '1', message: '条目序号“l.”按“1.”读取' }] });
    expect(norm('完成。I、按时')).toEqual({ text: '完成。1、按时', repairs: [{ at: 3, from: 'I', to: '1', message: '条目序号“I.”按“1.”读取' }] });
    expect(norm('甲；l.乙').text).toBe('甲；1.乙');
    expect(norm('甲;l.乙').text).toBe('甲;1.乙');
    expect(norm('甲 l.乙').text).toBe('甲 1.乙');
  });
  it('not inside a word, not before another character, not before a decimal', () => {
    expect(norm('html.文件').repairs).toEqual([]);
    expect(norm('甲l.乙').repairs).toEqual([]);
    expect(norm('lx乙').repairs).toEqual([]);
    expect(norm('l.5分').repairs).toEqual([]);
    expect(norm('l').repairs).toEqual([]);
  });
});

describe('分 slipped behind a semicolon', () => {
  it('after a digit: swapped back, with the semicolon written; not before 别, 值, 管', () => {
    expect(norm('少一次扣0.2；分其他')).toEqual({ text: '少一次扣0.2分；其他', repairs: [{ at: 7, from: '；分', to: '分；', message: '“；分”按“分；”读取（分号错位）' }] });
    expect(norm('扣1;分').repairs).toEqual([{ at: 2, from: ';分', to: '分;', message: '“;分”按“分;”读取（分号错位）' }]);
    expect(norm('扣1；分别').repairs).toEqual([]);
    expect(norm('扣1；分值').repairs).toEqual([]);
    expect(norm('扣1；分管').repairs).toEqual([]);
    expect(norm('扣分；分数').repairs).toEqual([]);
  });
  it('every occurrence, after the other repairs (a repaired O counts as a digit)', () => {
    expect(norm('扣1；分，扣2；分').text).toBe('扣1分；，扣2分；');
    expect(norm('扣1O；分').text).toBe('扣10分；');
  });
});

describe('trimPunctuation and withoutParentheticals', () => {
  it('trims the punctuation and spaces at both ends only', () => {
    expect(trimPunctuation('，、 非产区；：。 ')).toBe('非产区');
    expect(trimPunctuation(',;:非产区,甲:')).toBe('非产区,甲');
    expect(trimPunctuation('非产区')).toBe('非产区');
  });
  it('drops full- and half-width asides, innermost first', () => {
    expect(withoutParentheticals('重点县（甲、乙）和(丙)：')).toBe('重点县和：');
    expect(withoutParentheticals('甲（乙（丙）丁）戊')).toBe('甲（乙丁）戊');
    expect(withoutParentheticals('甲（乙')).toBe('甲（乙');
  });
});

/*
 * Second round, after the first Stryker run of normalize-text.ts (2026-12-03): the survivors were
 * "O before a digit or point" with no digit and none of 为/扣/得 before it (`out[i + 1]` → `out[i - 1]`,
 * the condition → false, `!== undefined` → `=== undefined`), and half-width parentheses around more
 * than one character (`[^()]*` → `[^()]`).
 */
describe('second round', () => {
  it('O before a digit or point is 0 when nothing before it is a digit or 为/扣/得 (also at the start)', () => {
    expect(norm('共O.5分')).toEqual({ text: '共0.5分', repairs: [{ at: 1, from: 'O', to: '0', message: '“O”按数字“0”读取（疑为录入错误）' }] });
    expect(norm('O5分')).toEqual({ text: '05分', repairs: [{ at: 0, from: 'O', to: '0', message: '“O”按数字“0”读取（疑为录入错误）' }] });
    expect(norm('共o5分').text).toBe('共05分');
    // neither side a digit or point: no repair
    expect(norm('共Ox分').repairs).toEqual([]);
  });
  it('half-width parentheses around several characters are dropped too', () => {
    expect(withoutParentheticals('重点省份(甲、乙)：')).toBe('重点省份：');
    expect(withoutParentheticals('甲(乙丙丁)戊')).toBe('甲戊');
  });
});

/* Third round, after the rerun (2026-12-03): `character === 'l' || character === 'I'` → true survived it. */
describe('third round', () => {
  it('only l or I is read as the item number 1, not another character before . or 、', () => {
    expect(norm('甲、乙').repairs).toEqual([]);
    expect(norm('完成。A.按时').repairs).toEqual([]);
    expect(norm('x.按时').text).toBe('x.按时');
  });
});
