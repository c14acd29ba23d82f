/**
 * Mutation tests of rules/ranking.rules.ts (issue 14 item 6; docs/testing.md): the survivors of
 * the run of 2026-12-02 (ranking.rules.ts 57.40 %) — the parameters each ranked line shows (rank,
 * of, tied, band, fromBottom, k, n), the bounds of every band and place, ties, the ceiling of a
 * score, the pending and review lines with what they name, and the 数字城管 denominator of the best
 * unit. Units U1..U3 of one category rank together (test/test-scheme.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../scheme/fact.types';
import type { Rule } from './rule.types';
import { buildScheme, clauseStatus, d, f, run, str, unitOf, type Build } from '../../test/test-scheme';

type Shown = { kind: string; amount: string; facts: readonly string[]; msg: string; params: Record<string, unknown> };
const evalU = (b: Build, facts: readonly Fact[], unit = 'U1'): { lines: Shown[]; status: string | undefined; total: string } => {
  const u = unitOf(run(buildScheme(b), facts), unit);
  const lines = u.ledger.filter((l) => l.ref === 'C1').map(({ kind, amount, facts: cited, msg, params }) => ({ kind, amount: str(amount), facts: cited, msg, params: params as Record<string, unknown> }));
  return { lines, status: clauseStatus(u), total: str(u.total) };
};
const values = (...xs: string[]): Fact[] => xs.map((x, i) => f.value(x, { id: `v${i + 1}`, unit: `U${i + 1}` }));

describe('rank bands (P21)', () => {
  const rule: Rule = { kind: 'rank-bands', effect: 'score', metric: { of: 'value' }, order: 'desc', bands: [{ from: 1, to: 1, amount: d(6) }, { from: 2, amount: d(3) }] };
  it('tied first (90, 90, 70): both rank 1 tied, band "1-1" → 6, above the 5 points → ceiling −1', () => {
    const r = evalU({ rule, points: '5', units: 3 }, values('90', '90', '70'));
    expect(r.lines).toEqual([
      { kind: 'score', amount: '6', facts: ['v1'], msg: 'rank.band', params: { value: d(90), x: d(90), rank: 1, of: 3, tied: 1, band: '1-1', amount: d(6) } },
      { kind: 'ceiling', amount: '-1', facts: [], msg: 'rule.ceiling', params: { score: d(6), points: d(5) } },
    ]);
    expect(r.total).toBe('5');
    expect(r.status).toBe('clamped');
    expect(evalU({ rule, points: '5', units: 3 }, values('90', '90', '70'), 'U2').lines[0]!.params).toMatchObject({ rank: 1, tied: 1 });
  });
  it('third (70) is rank 3, not tied, in the open band "2-" → 3', () => {
    expect(evalU({ rule, points: '5', units: 3 }, values('90', '90', '70'), 'U3').lines).toEqual([
      { kind: 'score', amount: '3', facts: ['v3'], msg: 'rank.band', params: { value: d(70), x: d(70), rank: 3, of: 3, tied: 0, band: '2-', amount: d(3) } },
    ]);
  });
  it('ascending: the smallest value is first; the band "to" bound is inclusive (rank 2 in 1-2)', () => {
    const asc: Rule = { kind: 'rank-bands', effect: 'score', metric: { of: 'value' }, order: 'asc', bands: [{ from: 1, to: 2, amount: d(4) }], otherwise: d(1) };
    expect(evalU({ rule: asc, points: '5', units: 3 }, values('1', '2', '3')).lines[0]!.params).toMatchObject({ rank: 1, band: '1-2', amount: d(4) });
    expect(evalU({ rule: asc, points: '5', units: 3 }, values('1', '2', '3'), 'U2').lines[0]!.params).toMatchObject({ rank: 2, band: '1-2' });
    // rank 3 is in no band: otherwise, band '其余'
    expect(evalU({ rule: asc, points: '5', units: 3 }, values('1', '2', '3'), 'U3').lines[0]).toMatchObject({ amount: '1', params: { rank: 3, band: '其余', amount: d(1) } });
    // no otherwise: 0
    const noOther: Rule = { ...asc, otherwise: undefined } as Rule;
    expect(evalU({ rule: noOther, points: '5', units: 3 }, values('1', '2', '3'), 'U3').total).toBe('0');
  });
  it('a band starting above the rank does not hold it (from 2: rank 1 falls to otherwise)', () => {
    const r: Rule = { kind: 'rank-bands', effect: 'bonus', metric: { of: 'value' }, order: 'desc', bands: [{ from: 2, to: 3, amount: d(1) }], otherwise: d('0.5') };
    expect(evalU({ rule: r, points: '5', units: 3 }, values('9', '8', '7')).lines[0]).toMatchObject({ amount: '0.5', params: { band: '其余' } });
    expect(evalU({ rule: r, points: '5', units: 3 }, values('9', '8', '7'), 'U3').lines[0]).toMatchObject({ amount: '1', params: { band: '2-3' } });
  });
  it('without its own value: pending naming the metric, nothing scored', () => {
    expect(evalU({ rule, points: '5', units: 3 }, values('90', '90'), 'U3')).toEqual({
      lines: [{ kind: 'pending', amount: '0', facts: [], msg: 'metric.missing', params: { metric: 'value' } }],
      status: 'needs-judgement',
      total: '0',
    });
  });
});

describe('relative to best (P20)', () => {
  const rule: Rule = { kind: 'relative-to-best', effect: 'score', metric: { of: 'value' }, base: d(2), weight: d(5) };
  it('base 2 + 90 ÷ 90 × 5 = 7, above the 5 points → ceiling −2; the next: 2 + 70/90 × 5 rounded by decimals 2', () => {
    const r = evalU({ rule, points: '5', units: 3 }, values('90', '90', '70'));
    expect(r.lines).toEqual([
      { kind: 'score', amount: '7', facts: ['v1'], msg: 'relative.best', params: { value: d(90), x: d(90), best: d(90), base: d(2), weight: d(5), result: d(7) } },
      { kind: 'ceiling', amount: '-2', facts: [], msg: 'rule.ceiling', params: { score: d(7), points: d(5) } },
    ]);
    const rounded: Rule = { ...rule, decimals: 2 } as Rule;
    expect(evalU({ rule: rounded, points: '10', units: 3 }, values('90', '90', '70'), 'U3').lines[0]!.params['result']).toEqual(d('5.89'));
    expect(evalU({ rule: { ...rule, base: undefined } as Rule, points: '10', units: 3 }, values('90', '45'), 'U2').lines[0]!.params).toMatchObject({ base: d(0), result: d('2.5') });
  });
  it('as a bonus it is not bounded by the points (7); the unit total is', () => {
    const r = evalU({ rule: { ...rule, effect: 'bonus' } as Rule, points: '5', units: 3 }, values('90', '90', '70'));
    expect(r.lines.map((l) => [l.kind, l.amount])).toEqual([['bonus', '7']]);
  });
  it('the best is the largest of the group, whatever the order (70, 90, 80 → 90)', () => {
    expect(evalU({ rule, points: '10', units: 3 }, values('70', '90', '80')).lines[0]!.params['best']).toEqual(d(90));
  });
  it('no best (all 0) → pending conversion.no-peers; no own value → metric.missing', () => {
    expect(evalU({ rule, points: '5', units: 2 }, values('0', '0')).lines).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'conversion.no-peers', params: {} }]);
    expect(evalU({ rule, points: '5', units: 2 }, values('3'), 'U2').lines).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'metric.missing', params: { metric: 'value' } }]);
  });
});

describe('relative to the denominator of the best (数字城管)', () => {
  const rule: Rule = { kind: 'relative-to-best', effect: 'score', metric: { of: 'rate' }, weight: d(10), denominatorOfBest: true };
  const rates = [f.rate('6', '8', { id: 'r1', unit: 'U1' }), f.rate('6', '12', { id: 'r2', unit: 'U2' }), f.rate('3', '4', { id: 'r3', unit: 'U3' })];
  it('U3: 3 ÷ 8 (the 应办结数 of U1, first of the two with 6 办结) × 10 = 3.75', () => {
    expect(evalU({ rule, points: '5', units: 3 }, rates, 'U3').lines).toEqual([
      { kind: 'score', amount: '3.75', facts: ['r3'], msg: 'relative.best-denominator', params: { x: d(3), best: d(6), bestUnit: 'U1', denominator: d(8), base: d(0), weight: d(10), result: d('3.75') } },
    ]);
  });
  it('U1: 6 ÷ 8 × 10 = 7.5 → ceiling −2.5 at 5 points; with base 1 and decimals 0: 1 + 3.75 → 5', () => {
    expect(evalU({ rule, points: '5', units: 3 }, rates).lines.map((l) => [l.kind, l.amount])).toEqual([['score', '7.5'], ['ceiling', '-2.5']]);
    const based: Rule = { ...rule, base: d(1), decimals: 0 } as Rule;
    expect(evalU({ rule: based, points: '10', units: 3 }, rates, 'U3').lines[0]!.params).toMatchObject({ base: d(1), result: d(5) });
  });
  it('nothing done anywhere (0/0) → conversion.no-peers; no rate → metric.missing naming rate', () => {
    expect(evalU({ rule, points: '5', units: 2 }, [f.rate('0', '0', { unit: 'U1' }), f.rate('0', '0', { unit: 'U2' })]).lines).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'conversion.no-peers', params: {} }]);
    expect(evalU({ rule, points: '5', units: 2 }, [f.rate('1', '2', { unit: 'U2' })]).lines).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'metric.missing', params: { metric: 'rate' } }]);
  });
});

describe('bottom k and top k (P23, P24)', () => {
  it('bottom 1 ascending (smaller is better): 90 is last → −0.5 with fromBottom, k, n; the others a note', () => {
    const rule: Rule = { kind: 'bottom-k', metric: { of: 'value' }, order: 'asc', k: 1, amount: d('0.5') };
    expect(evalU({ rule, points: '5', units: 3 }, values('90', '80', '70')).lines).toEqual([
      { kind: 'deduction', amount: '-0.5', facts: ['v1'], msg: 'rank.bottom', params: { value: d(90), x: d(90), fromBottom: 1, k: 1, n: 3, percent: '', amount: d('0.5') } },
    ]);
    expect(evalU({ rule, points: '5', units: 3 }, values('90', '80', '70'), 'U3').lines).toEqual([
      { kind: 'note', amount: '0', facts: ['v3'], msg: 'rank.not-bottom', params: { value: d(70), x: d(70), fromBottom: 3, k: 1, n: 3, percent: '' } },
    ]);
  });
  it('ties at the edge are all in: descending 70, 70, 90 with k 1 → both 70 deducted', () => {
    const rule: Rule = { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', k: 1, amount: d(1) };
    expect(evalU({ rule, points: '5', units: 3 }, values('70', '70', '90')).total).toBe('4');
    expect(evalU({ rule, points: '5', units: 3 }, values('70', '70', '90'), 'U2').total).toBe('4');
    expect(evalU({ rule, points: '5', units: 3 }, values('70', '70', '90'), 'U3').total).toBe('5');
  });
  it('bottom p%: 40 % of 4 units = 1.6 → floor 1 (ceil → 2); the percent is shown', () => {
    const rule: Rule = { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', percent: d(40), amount: d(1) };
    const four = values('4', '3', '2', '1');
    expect(evalU({ rule, points: '5', units: 4 }, four, 'U4').lines[0]!.params).toMatchObject({ fromBottom: 1, k: 1, n: 4, percent: d(40) });
    expect(evalU({ rule, points: '5', units: 4 }, four, 'U3').lines[0]!.msg).toBe('rank.not-bottom');
    expect(evalU({ rule: { ...rule, countRounding: 'ceil' } as Rule, points: '5', units: 4 }, four, 'U3').lines[0]!.msg).toBe('rank.bottom');
    // neither k nor percent: nobody is in the bottom 0
    const none: Rule = { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', amount: d(1) };
    expect(evalU({ rule: none, points: '5', units: 4 }, four, 'U4').lines[0]!.params).toMatchObject({ k: 0 });
    expect(evalU({ rule: none, points: '5', units: 4 }, four, 'U4').total).toBe('5');
  });
  it('bottom k without its own value: pending', () => {
    const rule: Rule = { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', k: 1, amount: d(1) };
    expect(evalU({ rule, points: '5', units: 2 }, values('1'), 'U2').lines.map((l) => l.msg)).toEqual(['metric.missing']);
  });
  it('top k: rank 1 → the first amount with rank, of, tied; rank beyond the list → nothing', () => {
    const rule: Rule = { kind: 'top-k', metric: { of: 'value' }, order: 'desc', amounts: [d(1), d('0.5')] };
    expect(evalU({ rule, points: '5', units: 3 }, values('90', '80', '70')).lines).toEqual([
      { kind: 'bonus', amount: '1', facts: ['v1'], msg: 'rank.top', params: { rank: 1, of: 3, tied: 0, amount: d(1) } },
    ]);
    expect(evalU({ rule, points: '5', units: 3 }, values('90', '90', '70'), 'U2').lines[0]!.params).toMatchObject({ rank: 1, tied: 1 });
    expect(evalU({ rule, points: '5', units: 3 }, values('90', '80', '70'), 'U2').lines[0]!.amount).toBe('0.5');
    expect(evalU({ rule, points: '5', units: 3 }, values('90', '80', '70'), 'U3').lines).toEqual([]);
    expect(evalU({ rule, points: '5', units: 3 }, values('90', '80'), 'U3').lines.map((l) => l.msg)).toEqual(['metric.missing']);
  });
});

describe('external rank (P22, P24)', () => {
  const rule: Rule = { kind: 'external-rank', safeRank: 5, perPlace: d('0.2'), topBonus: [d(1)], bottomZero: 2 };
  it('first of 20: the top bonus with rank and role', () => {
    expect(evalU({ rule, points: '5' }, [f.rank(1, { id: 'r', of: 20 })]).lines).toEqual([
      { kind: 'bonus', amount: '1', facts: ['r'], msg: 'rank.external-top', params: { rank: 1, role: '', amount: d(1) } },
    ]);
  });
  it('8th: 3 places below the safe 5th × 0.2 = −0.6; with safeInclusive false the safe rank is 4 (4 places)', () => {
    expect(evalU({ rule, points: '5' }, [f.rank(8, { id: 'r', of: 20 })]).lines).toEqual([
      { kind: 'deduction', amount: '-0.6', facts: ['r'], msg: 'rank.drop', params: { rank: 8, safe: 5, places: 3, role: '', per: d('0.2'), total: d('0.6') } },
    ]);
    expect(evalU({ rule: { ...rule, safeInclusive: false } as Rule, points: '5' }, [f.rank(8, { of: 20 })]).lines[0]!.params).toMatchObject({ safe: 4, places: 4 });
    expect(evalU({ rule: { ...rule, safeInclusive: true } as Rule, points: '5' }, [f.rank(5, { of: 20 })]).lines).toEqual([]);
  });
  it('per place by role, and the cap on the drop', () => {
    const byRole: Rule = { kind: 'external-rank', safeRank: 1, perPlace: d('0.1'), perPlaceByRole: { 牵头: d(1) }, cap: d(2) };
    expect(evalU({ rule: byRole, points: '5' }, [f.rank(2, { role: '配合' })]).lines[0]!.amount).toBe('-0.1');
    const r = evalU({ rule: byRole, points: '5' }, [f.rank(4, { role: '牵头' })]);
    expect(r.lines.map((l) => [l.kind, l.amount])).toEqual([['deduction', '-3'], ['cap', '1']]);
    expect(r.lines[0]!.params).toMatchObject({ role: '牵头', per: d(1) });
    const tops: Rule = { kind: 'external-rank', topBonus: [d(1)], topBonusByRole: { 牵头: [d(2), d(1)] } };
    expect(evalU({ rule: tops, points: '5' }, [f.rank(2, { role: '牵头' })]).lines[0]!.amount).toBe('1');
    expect(evalU({ rule: tops, points: '5' }, [f.rank(2, { role: '配合' })]).lines).toEqual([]);
  });
  it('bottom zero: rank 19 of 20 is in the last 2 → the item zeroed; rank 18 is not', () => {
    expect(evalU({ rule, points: '5' }, [f.rank(19, { id: 'r', of: 20 })])).toEqual({
      lines: [{ kind: 'zero', amount: '0', facts: ['r'], msg: 'rank.bottom-zero', params: { rank: 19, of: 20, k: 2 } }],
      status: 'scored',
      total: '0',
    });
    expect(evalU({ rule, points: '5' }, [f.rank(18, { of: 20 })]).lines.map((l) => l.msg)).toEqual(['rank.drop']);
  });
  it('no total for the bottom test → pending naming rank and k; no rank fact → metric.missing', () => {
    expect(evalU({ rule, points: '5' }, [f.rank(8, { id: 'r' })]).lines).toEqual([{ kind: 'pending', amount: '0', facts: ['r'], msg: 'rank.no-total', params: { rank: 8, k: 2 } }]);
    expect(evalU({ rule, points: '5' }, []).lines).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'metric.missing', params: { metric: 'rank' } }]);
  });
  it('a safe rank without an amount: the safe ranks score nothing, the first below is pending naming the role', () => {
    const noPer: Rule = { kind: 'external-rank', safeRank: 5 };
    expect(evalU({ rule: noPer, points: '5' }, [f.rank(5)]).lines).toEqual([]);
    expect(evalU({ rule: noPer, points: '5' }, [f.rank(6, { id: 'r' })]).lines).toEqual([{ kind: 'pending', amount: '0', facts: ['r'], msg: 'rank.no-amount', params: { role: '' } }]);
  });
});

describe('score by place from the bottom (corpus 08 (3.1) shape)', () => {
  const rule: Rule = { kind: 'external-rank', fromBottom: { scores: [d(1), d(2), d(3)], perPlaceUp: d('0.5') } };
  it('18th of 20 is 3rd from the bottom → the 3rd listed score 3', () => {
    expect(evalU({ rule, points: '5' }, [f.rank(18, { id: 'r', of: 20 })]).lines).toEqual([
      { kind: 'score', amount: '3', facts: ['r'], msg: 'rank.from-bottom', params: { rank: 18, of: 20, fromBottom: 3, k: 3, last: d(3), places: 0, per: d('0.5'), score: d(3) } },
    ]);
    expect(evalU({ rule, points: '5' }, [f.rank(20, { of: 20 })]).total).toBe('1');
  });
  it('16th of 20 is 5th from the bottom: 2 places above the list → 3 − 2 × 0.5 = 2; never below 0', () => {
    expect(evalU({ rule, points: '5' }, [f.rank(16, { of: 20 })]).lines[0]).toMatchObject({ amount: '2', msg: 'rank.from-bottom-up', params: { fromBottom: 5, places: 2, score: d(2) } });
    expect(evalU({ rule, points: '5' }, [f.rank(1, { of: 20 })]).total).toBe('0');
    // the item's points bound it
    expect(evalU({ rule, points: '2' }, [f.rank(18, { of: 20 })]).lines.map((l) => l.kind)).toEqual(['score', 'ceiling']);
  });
  it('a rank outside 1..of → review; no total → pending naming the rank', () => {
    expect(evalU({ rule, points: '5' }, [f.rank(21, { id: 'r', of: 20 })]).lines).toEqual([{ kind: 'review', amount: '0', facts: ['r'], msg: 'rank.out-of-range', params: { rank: 21, of: 20 } }]);
    expect(evalU({ rule, points: '5' }, [f.rank(0, { of: 20 })]).status).toBe('needs-review');
    expect(evalU({ rule, points: '5' }, [f.rank(3, { id: 'r' })]).lines).toEqual([{ kind: 'pending', amount: '0', facts: ['r'], msg: 'rank.from-bottom-no-total', params: { rank: 3 } }]);
  });
});

describe('survivors of the run of 2026-12-03 (94.08 %)', () => {
  it('bottom k and top k without a value: metric.missing names the metric', () => {
    const bottom: Rule = { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', k: 1, amount: d(1) };
    const top: Rule = { kind: 'top-k', metric: { of: 'count' }, order: 'desc', amounts: [d(1)] };
    expect(evalU({ rule: bottom, points: '5', units: 2 }, values('1'), 'U2').lines[0]!.params).toEqual({ metric: 'value' });
    expect(evalU({ rule: top, points: '5', units: 2 }, [f.count(1, { unit: 'U1' })], 'U2').lines[0]!.params).toEqual({ metric: 'count' });
  });
});
