/**
 * Mutation tests of text/phrases.ts, fourth file (issue 14 item 6; docs/testing-text-mutation.md):
 * every frame that takes "one amount in 分" — the role amount (扣牵头单位N分), the cap written after
 * its amount (N分封顶), the sub-item total after a comma (，共N分), the item's own points (该项满分N分)
 * and the minimum (最低扣N分) — refuses a range (1-2分) and a count in another counter (3次). The run
 * of 2026-12-03 left each `isPoints(token) && single(token)` of these five frames surviving. Phrases
 * are made up here.
 */
import { describe, expect, it } from 'vitest';
import { framesView } from '../../test/text/frames-view';

const frames = (s: string) => framesView(s, ['verb', 'role']);

describe('the role amount: 扣<role>N分', () => {
  it('one amount in 分 names its role', () => {
    expect(frames('扣牵头单位1分')).toEqual([{ kind: 'amount', type: 'fixed', at: 0, next: 6, verb: 'deduct', role: '牵头单位', value: '1' }]);
  });
  it('a range or a count of times is no role amount (nothing is read)', () => {
    expect(frames('扣牵头单位1-2分')).toEqual([]);
    expect(frames('扣牵头单位3次')).toEqual([]);
  });
});

describe('the cap after its amount: N分封顶', () => {
  it('one amount in 分', () => {
    expect(frames('1分封顶')).toEqual([{ kind: 'modifier', type: 'cap', at: 0, next: 2, value: '1' }]);
  });
  it('a range or a count is no cap', () => {
    expect(frames('1-2分封顶')).toEqual([]);
    expect(frames('3次封顶')).toEqual([]);
  });
});

describe('the sub-item total after a comma: ，共N分', () => {
  const deduction = { kind: 'amount', type: 'fixed', at: 2, next: 4, verb: 'deduct', value: '1' };
  it('one amount in 分 is read as the cap', () => {
    expect(frames('每次扣1分，共2分')).toEqual([deduction, { kind: 'modifier', type: 'cap', at: 5, next: 7, value: '2' }]);
  });
  it('a range or a count is no total', () => {
    expect(frames('每次扣1分，共1-2分')).toEqual([deduction]);
    expect(frames('每次扣1分，共3次')).toEqual([deduction]);
  });
});

describe('the item’s own points: 该项满分N分', () => {
  it('one amount in 分', () => {
    expect(frames('该项满分2分')).toEqual([{ kind: 'modifier', type: 'points', at: 0, next: 4, value: '2' }]);
  });
  it('a range or a count is no points', () => {
    expect(frames('该项满分1-2分')).toEqual([]);
    expect(frames('该项满分3次')).toEqual([]);
  });
});

describe('the minimum: 最低扣N分', () => {
  it('one amount in 分', () => {
    expect(frames('最低扣2分')).toEqual([{ kind: 'modifier', type: 'minimum', at: 0, next: 3, value: '2' }]);
  });
  it('a count is no minimum; a range is the range amount after 最低, not a minimum', () => {
    expect(frames('最低扣2次')).toEqual([]);
    expect(frames('最低扣1-2分')).toEqual([{ kind: 'amount', type: 'range', at: 1, next: 3, verb: 'deduct', range: ['1', '2'] }]);
  });
});
