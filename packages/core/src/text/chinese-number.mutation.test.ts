/**
 * Mutation tests of text/chinese-number.ts (issue 14 item 6; docs/testing.md): Chinese numerals in
 * every form and their malformed neighbours, 万/亿 as multiplier or unit, the units read after a
 * number and their exceptions, when a Chinese numeral is trusted as a number, ranges and their
 * separators, and where scanQuantities starts a number. Phrases are made up here.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import { parseChineseNumeral, parseNumber, readQuantity, scanQuantities, toHalfWidthDigits } from './chinese-number';

const num = (s: string) => {
  const v = parseNumber(s);
  return v === undefined ? undefined : P.toStr(v);
};
const q = (s: string, i = 0, standalone = false) => {
  const r = readQuantity(s, i, { standalone });
  if (!r) return undefined;
  return { value: P.toStr(r.value), unit: r.unit, percent: r.percent, range: r.range && [P.toStr(r.range.min), P.toStr(r.range.max)], chinese: r.chinese, start: r.start, end: r.end, raw: r.raw };
};

describe('Chinese numerals', () => {
  it.each([
    ['壹拾', '10'],
    ['拾伍', '15'],
    ['贰佰叁拾', '230'],
    ['肆仟', '4000'],
    ['陆柒', undefined],
    ['九千九百九十九', '9999'],
    ['一万零一', '10001'],
    ['十万', '100000'],
    ['三十万', '300000'],
    ['一亿', '100000000'],
    ['两亿三千万', '230000000'],
    ['零', '0'],
    ['一千零十', '1010'],
    ['百', undefined],
    ['千五', undefined],
    ['万', undefined],
    ['零万', undefined],
    ['一十一', '11'],
    ['二十二十', undefined],
    ['一百百', undefined],
    ['一点', undefined],
    ['一点二点三', undefined],
    ['一点十', undefined],
    ['点', undefined],
    ['二点零五', '2.05'],
  ])('%s → %s', (s, want) => {
    expect(num(s)).toBe(want);
  });
  it('parseChineseNumeral directly: empty and non-numeral text are no number', () => {
    expect(parseChineseNumeral('')).toBeUndefined();
    expect(parseChineseNumeral('甲')).toBeUndefined();
    expect(P.toStr(parseChineseNumeral('两')!)).toBe('2');
  });
});

describe('parseNumber', () => {
  it('trims, drops inner spaces, reads full-width digits; 万/亿 multiply a standalone Arabic number, not before 元', () => {
    expect(num('  1 5 ')).toBe('15');
    expect(num('２.５')).toBe('2.5');
    expect(num('2亿')).toBe('200000000');
    expect(num('3万')).toBe('30000');
    expect(num('3万元')).toBe('3'); // 万元 is the unit, the number is 3
    expect(num('3万人')).toBe('30000');
    expect(num('1-2')).toBeUndefined();
    expect(num('0.1234567')).toBeUndefined();
    expect(num('')).toBeUndefined();
  });
  it('toHalfWidthDigits maps one character for one', () => {
    expect(toHalfWidthDigits('０１２３４５６７８９．')).toBe('0123456789.');
    expect(toHalfWidthDigits('１０分')).toBe('10分');
  });
});

describe('readQuantity: units', () => {
  it('the longest unit first, after spaces; 分 not in 分别/分管/分值/分钟; 个 not in 个百分点', () => {
    expect(q('5个百分点')).toMatchObject({ value: '5', unit: '个百分点', percent: 'percent-points', end: 5 });
    expect(q('5百分点')).toMatchObject({ unit: '百分点', percent: 'percent-points' });
    expect(q('5 个工作日')).toMatchObject({ unit: '个工作日', end: 6, raw: '5 个工作日' });
    expect(q('5分别')).toMatchObject({ unit: undefined, end: 1 });
    expect(q('5分管')).toMatchObject({ unit: undefined });
    expect(q('5分值')).toMatchObject({ unit: undefined });
    expect(q('5分钟')).toMatchObject({ unit: '分钟' });
    expect(q('5分')).toMatchObject({ unit: '分', percent: undefined });
    expect(q('5个')).toMatchObject({ unit: '个' });
    expect(q('5‰')).toMatchObject({ unit: '‰', percent: 'permille' });
    expect(q('5％')).toMatchObject({ unit: '％', percent: 'percent' });
    expect(q('5万元')).toMatchObject({ value: '5', unit: '万元' });
  });
  it('百分之 makes a percent, also after spaces; 两万元 keeps 万元 as the unit', () => {
    expect(q('百分之 5')).toMatchObject({ value: '5', unit: '%', percent: 'percent', end: 5 });
    expect(q('扣两万元', 1)).toMatchObject({ value: '2', unit: '万元', chinese: true, raw: '两万元' });
    expect(q('扣五亿元', 1)).toMatchObject({ value: '5', unit: '亿元' });
    expect(q('扣两万', 1)).toMatchObject({ value: '20000', unit: undefined, end: 3 });
  });
  it('trailing 点 is not part of a Chinese number', () => {
    expect(q('扣五点', 1)).toMatchObject({ value: '5', end: 2 });
  });
});

describe('readQuantity: when a Chinese numeral is a number', () => {
  it('after a trigger, or before a safe counter; not before an ambiguous unit without a trigger', () => {
    expect(q('扣十分', 1)).toMatchObject({ value: '10', unit: '分', chinese: true });
    expect(q('甲十分重视', 1)).toBeUndefined();
    expect(q('甲三次', 1)).toMatchObject({ value: '3', unit: '次' });
    expect(q('甲三类', 1)).toBeUndefined();
    expect(q('缺 一样', 2)).toMatchObject({ value: '1', unit: '样' });
    expect(q('三会')).toBeUndefined();
    expect(q('三会', 0, true)).toMatchObject({ value: '3' });
    expect(q('百分之五')).toMatchObject({ value: '5', unit: '%' });
    expect(q('5类')).toMatchObject({ value: '5', unit: '类' });
  });
});

describe('readQuantity: ranges', () => {
  it('each separator; the lower end is min, the value is the first written; the unit from either end', () => {
    for (const sep of ['-', '—', '–', '－', '~', '～', '至', '到']) expect(q(`0.1${sep}0.5分`), sep).toMatchObject({ value: '0.1', range: ['0.1', '0.5'], unit: '分' });
    expect(q('0.5-0.1分')).toMatchObject({ value: '0.5', range: ['0.1', '0.5'] });
    expect(q('1分-3分')).toMatchObject({ range: ['1', '3'], unit: '分', end: 5, raw: '1分-3分' });
    expect(q('1分 - 3')).toMatchObject({ range: ['1', '3'], unit: '分', end: 6 });
    expect(q('95%至百分之80')).toMatchObject({ range: ['80', '95'], unit: '%', percent: 'percent' });
    expect(q('5至百分之80')).toMatchObject({ range: ['5', '80'], unit: '%', percent: 'percent' });
  });
  it('not a range: different units, a bare number with 至 or 到 and no unit, a Chinese second end after 至 unless the first is Chinese', () => {
    expect(q('1分-3次')).toMatchObject({ range: undefined, end: 2 });
    expect(q('1至3')).toMatchObject({ range: undefined, end: 1 });
    expect(q('1-3')).toMatchObject({ range: ['1', '3'] });
    expect(q('1至三次')).toMatchObject({ range: undefined });
    expect(q('1-三次')).toMatchObject({ range: ['1', '3'], unit: '次' });
    expect(q('扣一至三分', 1)).toMatchObject({ range: ['1', '3'], unit: '分' });
    expect(q('1-甲')).toMatchObject({ range: undefined, end: 1 });
  });
});

describe('scanQuantities', () => {
  it('every quantity left to right; not from the middle of a number', () => {
    expect(scanQuantities('扣０.５分，每低5个百分点').map((x) => [P.toStr(x.value), x.unit, x.start, x.end])).toEqual([
      ['0.5', '分', 1, 5],
      ['5', '个百分点', 8, 13],
    ]);
    expect(scanQuantities('1.2.3').map((x) => P.toStr(x.value))).toEqual(['1.2']);
    expect(scanQuantities('1.2 3').map((x) => P.toStr(x.value))).toEqual(['1.2', '3']);
    expect(scanQuantities('甲乙')).toEqual([]);
  });
});

/*
 * Second round, after the first Stryker run of chinese-number.ts (2026-12-03, 87.82 %): tests for
 * its killable survivors — a numeral followed by another character (`ch in CN_BIG_UNITS` → true), a
 * 点 with nothing or a non-digit after it (`fracPart === ''` → false, `every` → `some`), 元 after a
 * numeral that does not end in 万/亿 (the 两万元 condition → true or `||`), `chinese` and `unit` and
 * `percent` absent when they do not apply (`if (first.chinese)`, `if (u)`, `if (pk)` → true), 到 as a
 * word separator, the unit of a 百分之 second end, a range whose unit is only on its first end, and
 * the raw text of a range followed by more text.
 */
describe('second round', () => {
  it('parseChineseNumeral: a numeral run with another character, or a 点 without digits after it, is no number', () => {
    expect(parseChineseNumeral('一甲')).toBeUndefined();
    expect(parseChineseNumeral('一点')).toBeUndefined();
    expect(parseChineseNumeral('一点五十')).toBeUndefined();
    expect(parseChineseNumeral('一点五甲')).toBeUndefined();
    expect(P.toStr(parseChineseNumeral('一点五')!)).toBe('1.5');
  });
  it('元 after a Chinese numeral is its unit, whatever the numeral ends in', () => {
    expect(q('扣十五元', 1)).toEqual({ value: '15', unit: '元', percent: undefined, range: undefined, chinese: true, start: 1, end: 4, raw: '十五元' });
    expect(q('扣五元', 1)).toMatchObject({ value: '5', unit: '元', end: 3 });
  });
  it('the optional fields are absent, not undefined, when they do not apply', () => {
    expect(Object.keys(readQuantity('扣5分', 1)!).sort()).toEqual(['end', 'raw', 'start', 'unit', 'value']);
    expect(Object.keys(readQuantity('1-3', 0)!).sort()).toEqual(['end', 'range', 'raw', 'start', 'value']);
    expect(Object.keys(readQuantity('扣五次', 1)!).sort()).toEqual(['chinese', 'end', 'raw', 'start', 'unit', 'value']);
  });
  it('到, like 至, joins two bare numbers only with a unit, and a Chinese second end only after a Chinese first', () => {
    expect(q('1到3')).toMatchObject({ range: undefined, end: 1, raw: '1' });
    expect(q('1到三次')).toMatchObject({ range: undefined, end: 1 });
    expect(q('1到3分')).toMatchObject({ range: ['1', '3'], unit: '分', end: 4 });
  });
  it('a 百分之 second end is a percent, and what follows it is not its unit', () => {
    expect(q('5-百分之80次')).toEqual({ value: '5', unit: '%', percent: 'percent', range: ['5', '80'], chinese: undefined, start: 0, end: 7, raw: '5-百分之80' });
  });
  it('a unit on the first end only still makes a range with 至', () => {
    expect(q('1分至3')).toMatchObject({ range: ['1', '3'], unit: '分', end: 4, raw: '1分至3' });
  });
  it('the raw text of a range stops at its end', () => {
    expect(q('1-3分在内')).toMatchObject({ range: ['1', '3'], end: 4, raw: '1-3分' });
  });
});
