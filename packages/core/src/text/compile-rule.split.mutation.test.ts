/**
 * Mutation tests of text/compile-rule.ts's splitting (docs/testing.md, tenth session): the sub-items a clause text
 * holds (1. 2、（3）①) and the sentences of an item (after 。；;！？, never inside parentheses; a heading line
 * without punctuation before the body is a sentence of its own). Every text is written for the test.
 */
import { describe, expect, it } from 'vitest';
import { splitItems, splitSentences } from './compile-rule';

type R = { start: number; end: number; heading?: true };

describe('splitItems', () => {
  it.each<[string, R[]]>([
    ["1.每起扣1分。2.每次加1分。", [{ start: 0, end: 8 }, { start: 8, end: 16 }]],
    ["（1）每起扣1分；（2）每次加1分；（3）每月扣2分。", [{ start: 0, end: 9 }, { start: 9, end: 18 }, { start: 18, end: 27 }]],
    ["①每起扣1分②每次加1分③每月扣2分④每季扣3分", [{ start: 0, end: 24 }]],
    ["说明：1.每起扣1分 2.每次加1分", [{ start: 0, end: 3 }, { start: 3, end: 11 }, { start: 11, end: 18 }]],
    [" 1.每起扣1分", [{ start: 1, end: 8 }]],
    ["每起扣1分。3.5分以上的加1分", [{ start: 0, end: 16 }]],
    ["一、工作要求。二、扣分标准", [{ start: 0, end: 7 }, { start: 7, end: 13 }]],
    ["1.\n2.每次加1分", [{ start: 0, end: 3 }, { start: 3, end: 10 }]],
    ["1.a。2.b。3.c。4.d。5.e。6.f。7.g。8.h。9.i。10.j。11.k。12.l。", [{ start: 0, end: 4 }, { start: 4, end: 8 }, { start: 8, end: 12 }, { start: 12, end: 16 }, { start: 16, end: 20 }, { start: 20, end: 24 }, { start: 24, end: 28 }, { start: 28, end: 32 }, { start: 32, end: 36 }, { start: 36, end: 41 }, { start: 41, end: 46 }, { start: 46, end: 51 }]],
  ])('%s', (text, ranges) => {
    expect(splitItems(text)).toStrictEqual(ranges);
  });
});

describe('splitSentences (the whole text as one item)', () => {
  it.each<[string, R[]]>([
    ["1.每起扣1分。每次加1分。", [{ start: 2, end: 8 }, { start: 8, end: 14 }]],
    ["12.每起扣1分。", [{ start: 3, end: 9 }]],
    ["十二、每起扣1分。", [{ start: 3, end: 9 }]],
    ["（12）每起扣1分。", [{ start: 4, end: 10 }]],
    ["⑫每起扣1分。", [{ start: 1, end: 7 }]],
    ["每起扣1分（1）每次加1分。", [{ start: 0, end: 14 }]],
    ["安全生产\n每起扣1分。", [{ start: 0, end: 5, heading: true }, { start: 5, end: 11 }]],
    ["安全生产，\n每起扣1分。", [{ start: 0, end: 12 }]],
    ["安全生产\n  ", [{ start: 0, end: 7 }]],
    ["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十\n每起扣1分。", [{ start: 0, end: 31, heading: true }, { start: 31, end: 37 }]],
    ["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一\n每起扣1分。", [{ start: 0, end: 38 }]],
    ["每起扣1分（含。扣分）。每次加1分。", [{ start: 0, end: 12 }, { start: 12, end: 18 }]],
    ["每起扣1分（含（一）。扣分）。每次加1分。", [{ start: 0, end: 15 }, { start: 15, end: 21 }]],
    ["每起扣1分(含。扣分)。每次加1分。", [{ start: 0, end: 12 }, { start: 12, end: 18 }]],
    ["每起扣1分）。（每次。加1分）。", [{ start: 0, end: 7 }, { start: 7, end: 16 }]],
    ["每起扣1分。。", [{ start: 0, end: 6 }]],
    ["每起扣1分！每次加1分？", [{ start: 0, end: 6 }, { start: 6, end: 12 }]],
    [" 1. 每起扣1分。", [{ start: 3, end: 10 }]],
  ])('%s', (text, ranges) => {
    expect(splitSentences(text, { start: 0, end: text.length })).toStrictEqual(ranges);
  });
});
