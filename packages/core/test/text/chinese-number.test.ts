import { describe, expect, it } from 'vitest';
import * as P from '../../src/points';
import { parseChineseNumeral, parseNumber, scanQuantities } from '../../src/text/chinese-number';

describe('parseNumber', () => {
  it.each([
    ['15', '15'],
    ['0.05', '0.05'],
    ['１５．５', '15.5'], // full-width digits and point
    ['十五', '15'],
    ['十', '10'],
    ['二十一', '21'],
    ['一百零五', '105'],
    ['三千二百', '3200'],
    ['两', '2'],
    ['两万', '20000'], // nzh reads 0 (STACK.md §6)
    ['一亿零五百万', '105000000'],
    ['〇点五', '0.5'],
    ['零点零五', '0.05'],
    ['十五点五', '15.5'],
    ['1.5万', '15000'],
    ['百分之九十五', '95'], // nzh reads 195
    ['百分之0.5', '0.5'],
    ['95%', '95'],
  ])('%s → %s', (text, want) => {
    const v = parseNumber(text);
    expect(v === undefined ? undefined : P.toStr(v)).toBe(want);
  });

  it.each(['二三', '十百', '点五', '', 'abc', '0.1-0.5'])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });

  it('parses bare Chinese numerals exactly', () => {
    expect(parseChineseNumeral('零点零五')).toBe(P.dec('0.05'));
  });
});

describe('scanQuantities', () => {
  const one = (text: string) => {
    const [q] = scanQuantities(text);
    if (!q) return undefined;
    return {
      value: P.toStr(q.value),
      unit: q.unit,
      percent: q.percent,
      range: q.range ? `${P.toStr(q.range.min)}..${P.toStr(q.range.max)}` : undefined,
    };
  };
  it.each<[string, { value: string; unit: string; percent?: string; range?: string } | undefined]>([
    ['扣 0.1 分', { value: '0.1', unit: '分' }],
    ['扣0.05分', { value: '0.05', unit: '分' }],
    ['扣十五分', { value: '15', unit: '分' }],
    ['每低 5 个百分点', { value: '5', unit: '个百分点', percent: 'percent-points' }],
    ['低于 97%扣', { value: '97', unit: '%', percent: 'percent' }],
    ['低于97％', { value: '97', unit: '％', percent: 'percent' }],
    ['百分之九十五以上', { value: '95', unit: '%', percent: 'percent' }],
    ['百分之0.5', { value: '0.5', unit: '%', percent: 'percent' }],
    ['超过5‰', { value: '5', unit: '‰', percent: 'permille' }],
    ['扣 0.1-0.5分', { value: '0.1', unit: '分', range: '0.1..0.5' }],
    ['扣 0.1—0.3 分', { value: '0.1', unit: '分', range: '0.1..0.3' }],
    ['扣1～3分', { value: '1', unit: '分', range: '1..3' }],
    ['扣0.5—1分', { value: '0.5', unit: '分', range: '0.5..1' }],
    ['5亿元-10亿元', { value: '5', unit: '亿元', range: '5..10' }],
    ['1-5名得30分', { value: '1', unit: '名', range: '1..5' }],
    ['投资 20 万元', { value: '20', unit: '万元' }],
    ['两万元', { value: '2', unit: '万元' }],
    ['24000 亩', { value: '24000', unit: '亩' }],
    ['新增就业 300 人', { value: '300', unit: '人' }],
    ['全年未达到 4 次', { value: '4', unit: '次' }],
    ['每件', undefined],
    ['发生 1 起', { value: '1', unit: '起' }],
    ['每超一天', { value: '1', unit: '天' }],
    ['15 个工作日内', { value: '15', unit: '个工作日' }],
    ['两次以上', { value: '2', unit: '次' }],
    ['二十一件', { value: '21', unit: '件' }],
  ])('%s', (text, want) => {
    const got = one(text);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toEqual({ percent: undefined, range: undefined, ...want });
  });

  it.each(['一票否决', '三会一课', '十分重视', '一案双查', '统一战线', '一编三定'])('does not read %s as a number', (text) => {
    expect(scanQuantities(text)).toEqual([]);
  });
});
