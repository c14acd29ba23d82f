import { describe, expect, it } from 'vitest';
import { scoreBuckets, floorOf } from '../src/components/charts/score-buckets';
import { factsOf, factText, fieldsOf } from '../src/lib/fact-input';

const item = (factType: 'occurrence' | 'count' | 'value' | 'flag' | 'rate' | 'judgement', points = '5') => ({ factType, factId: `U1:C1:${factType}`, points });

describe('the report form’s facts (same shapes as the facts sheet)', () => {
  it.each([
    ['occurrence', { count: 2 }, { id: 'U1:C1:occurrence', type: 'occurrence', count: 2 }],
    ['count', { done: 0 }, { id: 'U1:C1:count', type: 'count', done: 0 }],
    ['value', { value: ' 7.25 ' }, { id: 'U1:C1:value', type: 'value', value: '7.25' }],
    ['flag', { flag: '否' }, { id: 'U1:C1:flag', type: 'flag', value: false }],
    ['rate', { numerator: '95', denominator: '100' }, { id: 'U1:C1:rate', type: 'rate', numerator: '95', denominator: '100' }],
    ['judgement', { amount: '4.5', reason: '按期完成' }, { id: 'U1:C1:judgement', type: 'judgement', amount: '4.5', reason: '按期完成' }],
  ] as const)('%s: builds the fact and reads it back into the form', (type, fields, fact) => {
    const out = factsOf(item(type), fields);
    expect(out).toEqual({ facts: [fact] });
    expect(factsOf(item(type), fieldsOf(item(type), [fact]))).toEqual({ facts: [fact] });
  });

  it('reports no fact for an empty entry, and none for zero occurrences (nothing happened)', () => {
    expect(factsOf(item('occurrence'), { count: 0 })).toEqual({ facts: [] });
    expect(factsOf(item('value'), { value: '' })).toEqual({ facts: [] });
    expect(factsOf(item('rate'), {})).toEqual({ facts: [] });
  });

  it('names the field and says what is wrong, in Chinese', () => {
    expect(factsOf(item('value'), { value: '七' }).error).toEqual({ field: 'value', message: '“七”不是数字' });
    expect(factsOf(item('rate'), { numerator: '9', denominator: '0' }).error).toEqual({ field: 'denominator', message: '分母须为正数' });
    expect(factsOf(item('judgement'), { amount: '4' }).error).toEqual({ field: 'reason', message: '自评得分须写明理由' });
    // 5.000001 > 5 exactly: compared as decimal text, not floats
    expect(factsOf(item('judgement', '5'), { amount: '5.000001', reason: 'x' }).error).toEqual({ field: 'amount', message: '自评得分 5.000001 超过分值 5' });
    expect(factsOf(item('judgement', '5'), { amount: '5.000000', reason: 'x' }).error).toBeUndefined();
  });

  it('says each fact in words for the queue and the drawer', () => {
    expect(factText({ id: 'a', type: 'occurrence', count: 2 })).toBe('发生次数 2');
    expect(factText({ id: 'a', type: 'rate', numerator: '95', denominator: '100' })).toBe('比率 95/100');
    expect(factText({ id: 'a', type: 'flag', value: true })).toBe('是否完成 是');
    expect(factText({ id: 'a', type: 'judgement', amount: '4.5', reason: '按期' })).toBe('得分 4.5（按期）');
    expect(factText({ id: 'a', type: 'target-override', value: '10' })).toBe('target-override value=10');
  });
});

describe('score distribution ranges', () => {
  it('takes the whole part exactly, below zero too', () => {
    expect([floorOf('87.5'), floorOf('90'), floorOf('90.000'), floorOf('-0.5'), floorOf('-2')]).toEqual([87, 90, 90, -1, -2]);
  });

  it('puts a total on a boundary in the upper range and keeps empty ranges between', () => {
    // 80.5 → 80; 89.99 → 89; 90.00 → 90; 99 → 99: range 80..99 is 20 points, 10 ranges of 2
    const buckets = scoreBuckets(['80.5', '89.99', '90.00', '99']);
    expect(buckets.map((b) => [b.label, b.count])).toEqual([
      ['80–82', 1], ['82–84', 0], ['84–86', 0], ['86–88', 0], ['88–90', 1], ['90–92', 1], ['92–94', 0], ['94–96', 0], ['96–98', 0], ['98–100', 1],
    ]);
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(4);
  });

  it('uses single points when the totals are close, and nothing for no totals', () => {
    expect(scoreBuckets(['96.2', '97.9', '97.1']).map((b) => [b.label, b.count])).toEqual([['96', 1], ['97', 2]]);
    expect(scoreBuckets([])).toEqual([]);
  });
});
