/**
 * Mutation tests of text/rule-tokens.ts (issue 14 item 6; docs/testing.md): every token kind with
 * its exact span, the longest vocabulary word first, names kept as plain characters, whitespace
 * skipped, a digit glued to a number not read as a second number, the range limits, and textOf.
 * Sentences are made up here.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import { textOf, tokenize, type Tok } from './rule-tokens';

const show = (toks: Tok[]) => toks.map((t) => [t.kind, t.raw, t.start, t.end, ...(t.kind === 'word' || t.kind === 'punct' ? [t.tag] : []), ...(t.kind === 'num' ? [P.toStr(t.q.value), t.q.unit ?? ''] : [])]);

describe('tokenize', () => {
  it('words, numbers with their unit, punctuation and other characters, with spans', () => {
    expect(show(tokenize('每次扣0.5分，扣完为止。'))).toEqual([
      ['word', '每', 0, 1, 'every'],
      ['char', '次', 1, 2],
      ['word', '扣', 2, 3, 'deduct'],
      ['num', '0.5分', 3, 7, '0.5', '分'],
      ['punct', '，', 7, 8, 'comma'],
      ['word', '扣完为止', 8, 12, 'floor'],
      ['punct', '。', 12, 13, 'stop'],
    ]);
  });
  it('the longest word wins (扣除 over 扣, 不得超过 over 不超过)', () => {
    expect(show(tokenize('扣除1分'))[0]).toEqual(['word', '扣除', 0, 2, 'deduct']);
    expect(show(tokenize('不得超过3分'))[0]).toEqual(['word', '不得超过', 0, 4, 'cap']);
  });
  it('every punctuation mark has its tag', () => {
    const tags = tokenize('，,、；;。！？：:（(）)/').map((t) => (t.kind === 'punct' ? t.tag : t.kind));
    expect(tags).toEqual(['comma', 'comma', 'enum', 'semi', 'semi', 'stop', 'stop', 'stop', 'colon', 'colon', 'open', 'open', 'close', 'close', 'enum']);
  });
  it('whitespace and line breaks are skipped, spans stay on the original text', () => {
    expect(show(tokenize(' 扣\n 2 分'))).toEqual([
      ['word', '扣', 1, 2, 'deduct'],
      ['num', '2 分', 4, 7, '2', '分'],
    ]);
  });
  it('a name in the vocabulary is plain characters (最多跑一次 has no cap and no number)', () => {
    expect(tokenize('最多跑一次').map((t) => [t.kind, t.raw, t.start])).toEqual([
      ['char', '最', 0],
      ['char', '多', 1],
      ['char', '跑', 2],
      ['char', '一', 3],
      ['char', '次', 4],
    ]);
    expect(tokenize('最多3分')[0]).toMatchObject({ kind: 'word', tag: 'cap' });
  });
  it('Chinese numerals and 百分之 start numbers; a numeral that is no number is a character', () => {
    expect(show(tokenize('扣两分'))[1]).toEqual(['num', '两分', 1, 3, '2', '分']);
    expect(show(tokenize('低于百分之九十'))[1]).toEqual(['num', '百分之九十', 2, 7, '90', '%']);
    expect(show(tokenize('三会'))[0]).toEqual(['char', '三', 0, 1]);
    // a bare 百 is no number (百姓); 百分之 is read on its own
    expect(show(tokenize('百姓'))[0]).toEqual(['char', '百', 0, 1]);
    for (const c of ['零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十']) {
      expect(tokenize(`扣${c}次`)[1], c).toMatchObject({ kind: 'num' });
    }
  });
  it('a number is read once, whole; a number after a space is another number', () => {
    expect(show(tokenize('扣1.5分'))).toEqual([['word', '扣', 0, 1, 'deduct'], ['num', '1.5分', 1, 5, '1.5', '分']]);
    // a space between them: two numbers
    expect(show(tokenize('扣1 2分'))).toEqual([['word', '扣', 0, 1, 'deduct'], ['num', '1', 1, 2, '1', ''], ['num', '2分', 3, 5, '2', '分']]);
  });
  it('only text[from, to) is read, and a word or number does not run past `to`', () => {
    expect(show(tokenize('甲扣完为止乙', 1, 3))).toEqual([['word', '扣', 1, 2, 'deduct'], ['char', '完', 2, 3]]);
    expect(show(tokenize('扣12分', 0, 2))).toEqual([['word', '扣', 0, 1, 'deduct'], ['num', '1', 1, 2, '1', '']]);
    expect(tokenize('甲乙', 2)).toEqual([]);
  });
});

describe('textOf', () => {
  const text = '每次扣0.5分，扣完为止';
  const toks = tokenize(text);
  it('the text from the first token to the end of the last, including what lies between', () => {
    expect(textOf(text, toks)).toBe(text);
    expect(textOf(text, toks, 2, 4)).toBe('扣0.5分');
    expect(textOf(text, toks, 3, 4)).toBe('0.5分');
  });
  it('an empty or reversed range is empty', () => {
    expect(textOf(text, toks, 2, 2)).toBe('');
    expect(textOf(text, toks, 3, 2)).toBe('');
    expect(textOf(text, toks, toks.length)).toBe('');
    expect(textOf(text, [])).toBe('');
  });
});

/*
 * Second round, after the first Stryker run of rule-tokens.ts (2026-12-03): the survivors were the
 * end offsets of a name's characters (`i + k + 1` → `i + k - 1`, `i - k + 1`) and the glue check
 * (`toks[toks.length - 1]` → `+ 1`, `gluedToNumber` → false, `/\d/` → `/\D/`), which no test reached:
 * a digit right after a number token is read past the 40-character limit of one number.
 */
describe('tokenize: second round', () => {
  it('each character of a name spans exactly itself, also after other text', () => {
    expect(show(tokenize('甲最多跑一次扣1分'))).toEqual([
      ['char', '甲', 0, 1],
      ['char', '最', 1, 2],
      ['char', '多', 2, 3],
      ['char', '跑', 3, 4],
      ['char', '一', 4, 5],
      ['char', '次', 5, 6],
      ['word', '扣', 6, 7, 'deduct'],
      ['num', '1分', 7, 9, '1', '分'],
    ]);
  });
  it('a digit glued to the end of a number (past the 40 characters one number reads) is no second number', () => {
    // 1. and 38 zeros are 40 characters (the number 1); the 5 after them is a character, not 5分
    const long = `1.${'0'.repeat(38)}5分`;
    const toks = tokenize(long);
    expect(show(toks).slice(0, 2)).toEqual([
      ['num', long.slice(0, 40), 0, 40, '1', ''],
      ['char', '5', 40, 41],
    ]);
    expect(toks.some((t) => t.kind === 'num' && t.q.unit === '分')).toBe(false);
  });
});
