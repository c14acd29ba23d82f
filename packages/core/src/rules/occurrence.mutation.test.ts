/**
 * Mutation tests of rules/occurrence.rules.ts (issue 14 item 6; docs/testing.md): the survivors of
 * the run of 2026-12-02 (58.75 % with ranking.rules.ts) — period caps (the sort of the periods,
 * the date slice, malformed dates, the status kept when a later period is capped), exempt counts,
 * the notes of the plain path, tiers by type, doubling, de-duplication, "两次以上", highest only,
 * discretionary ranges and accumulate caps. Each test states the ledger lines a clerk reads —
 * kind, amount, message key, the figures of its explanation and the facts it cites — through the
 * engine (test/test-scheme.ts), with the arithmetic in the name.
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../scheme/fact.types';
import type { Rule } from './rule.types';
import { buildScheme, clauseStatus, d, f, run, str, unitOf, type Build } from '../../test/test-scheme';

type Shown = { kind: string; amount: string; facts: readonly string[]; msg: string; params: Record<string, unknown> };
const eval1 = (b: Build, facts: readonly Fact[]): { lines: Shown[]; status: string | undefined; total: string } => {
  const u = unitOf(run(buildScheme(b), facts));
  const lines = u.ledger.filter((l) => l.ref === 'C1').map(({ kind, amount, facts: cited, msg, params }) => ({ kind, amount: str(amount), facts: cited, msg, params: params as Record<string, unknown> }));
  return { lines, status: clauseStatus(u), total: str(u.total) };
};
const linesOf = (b: Build, facts: readonly Fact[]): Shown[] => eval1(b, facts).lines;
const short = (ls: Shown[]): string[] => ls.map((l) => `${l.kind} ${l.amount} ${l.msg}`);

describe('per period (每月最多N分)', () => {
  const monthly: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d(1), periodCap: { period: 'month', amount: d(2) } };
  it('periods in date order whatever the fact order; each capped on its own: 3 in May → 2, 1 in March → 1', () => {
    const facts = [
      f.occ({ id: 'm1', date: '2020-05-02' }),
      f.occ({ id: 'm2', date: '2020-05-09' }),
      f.occ({ id: 'c1', date: '2020-03-01' }),
      f.occ({ id: 'm3', date: '2020-05-20' }),
    ];
    const r = eval1({ rule: monthly, points: '10' }, facts);
    expect(short(r.lines)).toEqual(['deduction -1 occurrence.each', 'note 0 occurrence.period-cap', 'deduction -3 occurrence.each', 'cap 1 rule.cap']);
    expect(r.lines[0]!.facts).toEqual(['c1']);
    expect(r.lines[1]!.params).toEqual({ period: '2020-05', cap: d(2) });
    expect(r.lines[2]!.facts).toEqual(['m1', 'm2', 'm3']);
    expect(r.total).toBe('7');
    expect(r.status).toBe('clamped');
  });

  it('quarters: January and March are one quarter (Q1), April the next; the key says the quarter', () => {
    const q: Rule = { ...monthly, periodCap: { period: 'quarter', amount: d(1) } } as Rule;
    const r = eval1({ rule: q, points: '10' }, [f.occ({ id: 'a', date: '2020-01-05' }), f.occ({ id: 'b', date: '2020-03-31' }), f.occ({ id: 'c', date: '2020-04-01' })]);
    expect(r.lines.find((l) => l.msg === 'occurrence.period-cap')!.params).toEqual({ period: '2020-Q1', cap: d(1) });
    expect(r.total).toBe('8');
    // December is month 12 and Q4: valid, no review
    const dec = eval1({ rule: q, points: '10' }, [f.occ({ id: 'x', date: '2020-12-31' }), f.occ({ id: 'y', date: '2020-10-01' })]);
    expect(dec.lines.find((l) => l.msg === 'occurrence.period-cap')!.params).toEqual({ period: '2020-Q4', cap: d(1) });
    expect(dec.status).toBe('clamped');
  });

  it('the month key is the first 7 characters: 2020-05-31 and 2020-05-01 are one month', () => {
    const r = eval1({ rule: monthly, points: '10' }, [f.occ({ date: '2020-05-31' }), f.occ({ date: '2020-05-01' }), f.occ({ date: '2020-05-15' })]);
    expect(r.lines.filter((l) => l.msg === 'occurrence.period-cap').map((l) => l.params['period'])).toEqual(['2020-05']);
    expect(r.total).toBe('8');
  });

  it('unreadable dates go to review with their count (one occurrence of count 6 among them) and the period word', () => {
    const bad = ['2020-13-01', '2020-00-10', '2020/05/01', '20-05-01', 'abcd-05-01'];
    const facts = [...bad.map((date, i) => f.occ({ id: `b${i}`, date })), f.occ({ id: 'nodate' }), f.occ({ id: 'ok', date: '2020-05-01', count: 6 })];
    const r = eval1({ rule: monthly, points: '10' }, facts);
    expect(r.status).toBe('needs-review');
    expect(r.lines).toEqual([{ kind: 'review', amount: '0', facts: ['b0', 'b1', 'b2', 'b3', 'b4', 'nodate'], msg: 'occurrence.no-period', params: { count: 6, period: '月' } }]);
    const q = eval1({ rule: { ...monthly, periodCap: { period: 'quarter', amount: d(1) } } as Rule, points: '10' }, [f.occ({ id: 'z', date: '2020-5' })]);
    expect(q.lines[0]!.params).toEqual({ count: 1, period: '季度' });
  });

  it('a period that needs review keeps the status when a later period is capped', () => {
    const tiered: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 一般: d(1) } }, periodCap: { period: 'month', amount: d(1) } };
    const r = eval1({ rule: tiered, points: '10' }, [f.occ({ id: 'u', date: '2020-01-03', level: '严重' }), f.occ({ date: '2020-02-01', level: '一般' }), f.occ({ date: '2020-02-02', level: '一般' })]);
    expect(r.status).toBe('needs-review');
    expect(short(r.lines)).toEqual(['review 0 occurrence.unknown-tier', 'note 0 occurrence.period-cap', 'deduction -2 occurrence.each', 'cap 1 rule.cap']);
  });

  it('the rule cap bounds the sum of the capped periods: 2 + 2 capped at 3', () => {
    const capped: Rule = { ...monthly, cap: d(3) } as Rule;
    const r = eval1({ rule: capped, points: '10' }, [...['01', '01', '01', '02', '02', '02'].map((m) => f.occ({ date: `2020-${m}-10` }))]);
    // each month 3 → 2 (cap line +1 each), the sum 4 → 3 (one more +1): 10 − 3 = 7
    expect(r.total).toBe('7');
    expect(r.lines.filter((l) => l.kind === 'cap').map((l) => l.amount)).toEqual(['1', '1', '1']);
  });
});

describe('exempt occurrences (可以不扣分)', () => {
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d(1), exempt: { flag: 'reviewed', when: '整改后复核通过' } };
  it('the exempt note counts each exempted occurrence by its count (2 + 1 = 3) and comes first; the rest are deducted', () => {
    const r = eval1({ rule, points: '10' }, [f.occ({ id: 'e1', flags: ['reviewed'], count: 2 }), f.occ({ id: 'e2', flags: ['reviewed'] }), f.occ({ id: 'n', flags: ['other'] })]);
    expect(r.lines).toEqual([
      { kind: 'note', amount: '0', facts: ['e1', 'e2'], msg: 'occurrence.exempt', params: { count: 3, when: '整改后复核通过' } },
      { kind: 'deduction', amount: '-1', facts: ['n'], msg: 'occurrence.each', params: { count: 1, amount: d(1), total: d(1), tier: '', note: '' } },
    ]);
  });
  it('only exempt occurrences: the note alone, nothing deducted; none exempt: no note', () => {
    expect(eval1({ rule, points: '10' }, [f.occ({ id: 'e', flags: ['reviewed'] })])).toEqual({
      lines: [{ kind: 'note', amount: '0', facts: ['e'], msg: 'occurrence.exempt', params: { count: 1, when: '整改后复核通过' } }],
      status: 'scored',
      total: '10',
    });
    expect(short(linesOf({ rule, points: '10' }, [f.occ({ id: 'a' })]))).toEqual(['deduction -1 occurrence.each']);
  });
});

describe('the plain path (每起扣X)', () => {
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5') };
  it('one occurrence: date and note joined by "，"; several: each "date note", joined by "；"', () => {
    expect(linesOf({ rule, points: '10' }, [f.occ({ id: 'a', date: '2020-05-01', note: '迟报' })])[0]!.params['note']).toBe('2020-05-01，迟报');
    const two = linesOf({ rule, points: '10' }, [f.occ({ id: 'a', date: '2020-05-01', note: '迟报' }), f.occ({ id: 'b', note: '漏报' }), f.occ({ id: 'c' })]);
    expect(two).toEqual([{ kind: 'deduction', amount: '-1.5', facts: ['a', 'b', 'c'], msg: 'occurrence.each', params: { count: 3, amount: d('0.5'), total: d('1.5'), tier: '', note: '2020-05-01 迟报；漏报' } }]);
  });
  it('counts add up (2 + 3 = 5 × 0.5 = 2.5), capped at 2 with a cap line', () => {
    const capped: Rule = { ...rule, cap: d(2) } as Rule;
    const r = eval1({ rule: capped, points: '10' }, [f.occ({ count: 2 }), f.occ({ count: 3 })]);
    expect(short(r.lines)).toEqual(['deduction -2.5 occurrence.each', 'cap 0.5 rule.cap']);
    expect(r.total).toBe('8');
  });
  it('over a limit: only durations above it count (5 is not above 5)', () => {
    const over: Rule = { ...rule, overLimit: d(5) } as Rule;
    expect(linesOf({ rule: over, points: '10' }, [f.occ({ id: 'a', duration: d(5) }), f.occ({ id: 'b', duration: d(6) }), f.occ({ id: 'c' })]).map((l) => l.facts)).toEqual([['b']]);
    expect(eval1({ rule: over, points: '10' }, [f.occ({ duration: d(4) })])).toEqual({ lines: [], status: 'scored', total: '10' });
  });
});

describe('tiers and doubling', () => {
  it('tiers by type read the kind; otherwise prices an unlisted kind; one line per tier', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'type', amounts: { 通报: d(2), 约谈: d(1) }, otherwise: d('0.5') } };
    const r = linesOf({ rule, points: '10' }, [f.occ({ id: 'a', kind: '通报' }), f.occ({ id: 'b', kind: '约谈' }), f.occ({ id: 'c', kind: '通报' }), f.occ({ id: 'd', kind: '提醒' })]);
    expect(r.map((l) => [l.amount, l.facts, l.params['tier'], l.params['count']])).toEqual([
      ['-4', ['a', 'c'], '通报', 2],
      ['-1', ['b'], '约谈', 1],
      ['-0.5', ['d'], '提醒', 1],
    ]);
  });
  it('no tier key and no otherwise: review naming （未填）; the priced ones still count', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 省: d(2) } } };
    const r = eval1({ rule, points: '10' }, [f.occ({ id: 'x' }), f.occ({ id: 'y', level: '省' })]);
    expect(r.status).toBe('needs-review');
    expect(r.lines[0]).toEqual({ kind: 'review', amount: '0', facts: ['x'], msg: 'occurrence.unknown-tier', params: { by: 'level', key: '（未填）' } });
    expect(r.lines[1]).toMatchObject({ kind: 'deduction', amount: '-2', msg: 'occurrence.each' });
  });
  it('two tiers with the same amount stay two lines (the tier names differ)', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'bonus', tiers: { by: 'level', amounts: { 省: d(1), 市: d(1) } } };
    expect(linesOf({ rule, points: '10' }, [f.occ({ level: '省' }), f.occ({ level: '市' })]).map((l) => l.params['tier'])).toEqual(['省', '市']);
  });
  it('doubled: the flagged one at 2× (factor given or default 2), on its own line; one occurrence details as "date，note"', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d(1), double: { flag: 'not-rectified' } };
    const r = linesOf({ rule, points: '10' }, [f.occ({ id: 'a', flags: ['not-rectified'], date: '2020-01-01', note: '未整改' }), f.occ({ id: 'b' }), f.occ({ id: 'c' })]);
    expect(r).toEqual([
      { kind: 'deduction', amount: '-2', facts: ['a'], msg: 'occurrence.each-doubled', params: { count: 1, amount: d(2), total: d(2), tier: '', note: '2020-01-01，未整改' } },
      { kind: 'deduction', amount: '-2', facts: ['b', 'c'], msg: 'occurrence.each', params: { count: 2, amount: d(1), total: d(2), tier: '', note: '' } },
    ]);
    const triple: Rule = { ...rule, double: { flag: 'not-rectified', factor: 3 } } as Rule;
    expect(linesOf({ rule: triple, points: '10' }, [f.occ({ flags: ['not-rectified'] }), f.occ({ flags: ['not-rectified'] })])).toEqual([
      expect.objectContaining({ amount: '-6', msg: 'occurrence.each-doubled', params: expect.objectContaining({ count: 2, amount: d(3) }) }),
    ]);
  });
  it('several occurrences in a group: details "date note" of those that have any, joined by "；"', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d(1), double: { flag: 'x' } };
    expect(linesOf({ rule, points: '10' }, [f.occ({ date: '2020-02-02' }), f.occ({}), f.occ({ note: '二次' })])[0]!.params['note']).toBe('2020-02-02；二次');
  });
});

describe('de-duplication, repeats, distinct subjects, highest only, blocks', () => {
  it('同一事项不重复扣分: one amount per event key at its highest, a dedupe line only where something merged', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 省: d(2), 市: d(1) } }, dedupe: 'event-key' };
    const r = linesOf({ rule, points: '10' }, [
      f.occ({ id: 'k1', eventKey: 'K', level: '市' }),
      f.occ({ id: 'k2', eventKey: 'K', level: '省' }),
      f.occ({ id: 'm', eventKey: 'M', level: '市', count: 2 }),
      f.occ({ id: 'j', eventKey: 'J', level: '市' }),
    ]);
    expect(r.filter((l) => l.kind === 'dedupe')).toEqual([
      { kind: 'dedupe', amount: '0', facts: ['k1', 'k2'], msg: 'occurrence.dedupe', params: { key: 'K', n: 2, amount: d(2) } },
      { kind: 'dedupe', amount: '0', facts: ['m'], msg: 'occurrence.dedupe', params: { key: 'M', n: 1, amount: d(1) } },
    ]);
    expect(r.filter((l) => l.kind === 'deduction').map((l) => [l.amount, l.params['count'], l.params['tier']])).toEqual([
      ['-2', 1, '省'],
      ['-2', 2, '市'],
    ]);
  });
  it('dedupe with blocks of 1 (per 1) is still the per-amount path', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d(1), dedupe: 'event-key', per: 1 };
    expect(short(linesOf({ rule, points: '10' }, [f.occ({ eventKey: 'A' }), f.occ({ eventKey: 'A' }), f.occ({ eventKey: 'B' })]))).toEqual(['dedupe 0 occurrence.dedupe', 'deduction -2 occurrence.each']);
  });
  it('两次以上: a key counts once from its second occurrence (a count of 2 on one fact is two); a single one gets a note', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d(1), minRepeat: 2 };
    const r = eval1({ rule, points: '10' }, [f.occ({ id: 'a1', eventKey: 'A' }), f.occ({ id: 'a2', eventKey: 'A' }), f.occ({ id: 'b', eventKey: 'B' }), f.occ({ id: 'c', eventKey: 'C', count: 2 })]);
    expect(r.lines).toEqual([
      { kind: 'note', amount: '0', facts: ['b'], msg: 'occurrence.below-repeat', params: { key: 'B', n: 1, repeat: 2 } },
      { kind: 'deduction', amount: '-2', facts: ['a1', 'c'], msg: 'occurrence.each', params: { count: 2, amount: d(1), total: d(2), tier: '', note: '' } },
    ]);
    expect(eval1({ rule, points: '10' }, [f.occ({ id: 's', eventKey: 'S' })])).toEqual({
      lines: [{ kind: 'note', amount: '0', facts: ['s'], msg: 'occurrence.below-repeat', params: { key: 'S', n: 1, repeat: 2 } }],
      status: 'scored',
      total: '10',
    });
  });
  it('每发现1个问题镇: distinct subjects counted once each, at the highest amount of the subject', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 重: d(2), 轻: d(1) } }, countDistinct: 'subject' };
    const r = linesOf({ rule, points: '10' }, [f.occ({ subject: '甲镇', level: '轻' }), f.occ({ subject: '甲镇', level: '重' }), f.occ({ subject: '乙镇', level: '轻', count: 3 })]);
    expect(r.map((l) => [l.amount, l.params['count'], l.params['tier']])).toEqual([
      ['-2', 1, '重'],
      ['-1', 1, '轻'],
    ]);
  });
  it('highest only: the first of the highest (ties pick the first), counted once; a note naming how many competed', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'bonus', tiers: { by: 'level', amounts: { 国家: d(3), 省: d(2), 市: d(1) } }, highestOnly: true };
    const r = linesOf({ rule, points: '10' }, [f.occ({ id: 's1', level: '省' }), f.occ({ id: 's2', level: '省' }), f.occ({ id: 'c', level: '市', count: 4 })]);
    expect(r).toEqual([
      { kind: 'note', amount: '0', facts: ['s1', 's2', 'c'], msg: 'occurrence.highest-only', params: { n: 3 } },
      { kind: 'bonus', amount: '2', facts: ['s1'], msg: 'occurrence.each', params: { count: 1, amount: d(2), total: d(2), tier: '省', note: '' } },
    ]);
    expect(short(linesOf({ rule, points: '10' }, [f.occ({ level: '国家', count: 2 })]))).toEqual(['bonus 3 occurrence.each']);
    // every tier unknown: the reviews only, nothing counted, no note
    expect(short(linesOf({ rule, points: '10' }, [f.occ({ level: '县' }), f.occ({ level: '乡' })]))).toEqual(['review 0 occurrence.unknown-tier', 'review 0 occurrence.unknown-tier']);
    // a plain amount with highest only: one occurrence counts once
    const plain: Rule = { kind: 'per-occurrence', effect: 'bonus', amount: d(1), highestOnly: true };
    expect(linesOf({ rule: plain, points: '10' }, [f.occ({ count: 3 }), f.occ({})]).filter((l) => l.kind === 'bonus').map((l) => l.amount)).toEqual(['1']);
  });
  it('blocks (每3例扣0.1): 7 occurrences → floor 2 blocks (ceil by the rule → 3), with n, perN, blocks, amount, total', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d('0.1'), per: 3 };
    expect(linesOf({ rule, points: '10' }, [f.occ({ id: 'a', count: 5 }), f.occ({ id: 'b', count: 2 })])).toEqual([
      { kind: 'deduction', amount: '-0.2', facts: ['a', 'b'], msg: 'occurrence.per-block', params: { n: 7, perN: 3, blocks: d(2), amount: d('0.1'), total: d('0.2') } },
    ]);
    expect(linesOf({ rule: { ...rule, perRounding: 'ceil' } as Rule, points: '10' }, [f.occ({ count: 7 })])[0]!.amount).toBe('-0.3');
    // the scheme's step rounding is the default when the rule has none
    expect(linesOf({ rule, points: '10', settings: { stepRounding: 'ceil' } }, [f.occ({ count: 7 })])[0]!.amount).toBe('-0.3');
    // tiers with blocks: the first priced amount is the block amount
    const tiered: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 重: d(1) } }, per: 2 };
    expect(linesOf({ rule: tiered, points: '10' }, [f.occ({ level: '重', count: 4 })])[0]!.params).toMatchObject({ blocks: d(2), amount: d(1), total: d(2) });
  });
});

describe('condition (未…的，扣X分)', () => {
  it('the first true flag or occurrence is the hit; false flags do not trigger', () => {
    const rule: Rule = { kind: 'condition', effect: 'deduction', amount: d(2) };
    expect(eval1({ rule, points: '5' }, [f.flag(false)])).toEqual({ lines: [], status: 'scored', total: '5' });
    expect(linesOf({ rule, points: '5' }, [f.flag(false, { id: 'no' }), f.flag(true, { id: 'yes', note: '未说明' })])).toEqual([
      { kind: 'deduction', amount: '-2', facts: ['yes'], msg: 'condition.hit', params: { amount: d(2), variant: '', note: '未说明' } },
    ]);
  });
  it('graded by variant; an unknown or missing variant → review naming it; no amount at all → review', () => {
    const rule: Rule = { kind: 'condition', effect: 'deduction', tiers: { by: 'level', amounts: { 未说明原因: d('0.5') } } };
    expect(linesOf({ rule, points: '5' }, [f.flag(true, { id: 'a', variant: '未说明原因' })])[0]!.amount).toBe('-0.5');
    expect(eval1({ rule, points: '5' }, [f.flag(true, { id: 'a' })]).lines).toEqual([{ kind: 'review', amount: '0', facts: ['a'], msg: 'condition.unknown-variant', params: { key: '（未填）' } }]);
    expect(eval1({ rule: { kind: 'condition', effect: 'bonus' }, points: '5' }, [f.occ({ id: 'o' })]).lines).toEqual([{ kind: 'review', amount: '0', facts: ['o'], msg: 'condition.no-amount', params: {} }]);
  });
});

describe('discretionary (酌情扣分)', () => {
  it('no trigger: a score rule is pending with min and max (the points when no max); a deduction is silent', () => {
    expect(eval1({ rule: { kind: 'discretionary', effect: 'score', min: d(0) }, points: '5' }, [])).toEqual({
      lines: [{ kind: 'pending', amount: '0', facts: [], msg: 'discretionary.pending-score', params: { min: d(0), max: d(5) } }],
      status: 'needs-judgement',
      total: '0',
    });
    expect(eval1({ rule: { kind: 'discretionary', effect: 'deduction', min: d(0), max: d(2) }, points: '5' }, [f.flag(false)])).toEqual({ lines: [], status: 'scored', total: '5' });
  });
  it('a trigger without a judgement is pending, citing the triggers', () => {
    expect(eval1({ rule: { kind: 'discretionary', effect: 'deduction', min: d('0.5'), max: d(2) }, points: '5' }, [f.occ({ id: 't' }), f.flag(true, { id: 'g' })]).lines).toEqual([
      { kind: 'pending', amount: '0', facts: ['t', 'g'], msg: 'discretionary.pending', params: { min: d('0.5'), max: d(2) } },
    ]);
  });
  it('a judgement outside the range is clamped into it with a note, then judged with its reason and by ""', () => {
    const r = linesOf({ rule: { kind: 'discretionary', effect: 'deduction', min: d('0.5'), max: d(2) }, points: '5' }, [f.judge('3', { id: 'j', reason: '情节较重' })]);
    expect(r).toEqual([
      { kind: 'note', amount: '0', facts: ['j'], msg: 'discretionary.out-of-range', params: { amount: d(3), min: d('0.5'), max: d(2) } },
      { kind: 'deduction', amount: '-2', facts: ['j'], msg: 'discretionary.judged', params: { amount: d(2), min: d('0.5'), max: d(2), reason: '情节较重', by: '' } },
    ]);
    expect(linesOf({ rule: { kind: 'discretionary', effect: 'deduction', min: d('0.5'), max: d(2) }, points: '5' }, [f.judge('1', { by: '张三' })])).toEqual([
      expect.objectContaining({ amount: '-1', params: expect.objectContaining({ by: '张三' }) }),
    ]);
  });
  it('a score judgement is bounded by the points (7 → 5), and judgements of a deduction by the cap', () => {
    expect(eval1({ rule: { kind: 'discretionary', effect: 'score', min: d(0), max: d(10) }, points: '5' }, [f.judge('7')]).total).toBe('5');
    const capped = eval1({ rule: { kind: 'discretionary', effect: 'deduction', min: d(0), max: d(2), cap: d(3) }, points: '5' }, [f.judge('2'), f.judge('2')]);
    expect(capped.total).toBe('2');
    expect(short(capped.lines)).toEqual(['deduction -2 discretionary.judged', 'deduction -2 discretionary.judged', 'cap 1 rule.cap']);
  });
  it('per occurrence: each occurrence with an amount is judged on its own (reason = its note), clamped, capped', () => {
    const rule: Rule = { kind: 'discretionary', effect: 'deduction', min: d('0.5'), max: d(1), perOccurrence: true, cap: d('1.5') };
    const r = eval1({ rule, points: '5' }, [f.occ({ id: 'a', amount: d(2), note: '严重' }), f.occ({ id: 'b', amount: d('0.2') })]);
    expect(r.lines).toEqual([
      { kind: 'deduction', amount: '-1', facts: ['a'], msg: 'discretionary.judged', params: { amount: d(1), min: d('0.5'), max: d(1), reason: '严重', by: '' } },
      { kind: 'deduction', amount: '-0.5', facts: ['b'], msg: 'discretionary.judged', params: { amount: d('0.5'), min: d('0.5'), max: d(1), reason: '', by: '' } },
    ]);
    expect(r.total).toBe('3.5');
    // occurrences without an amount: pending, citing them
    expect(eval1({ rule, points: '5' }, [f.occ({ id: 'q' })]).lines).toEqual([{ kind: 'pending', amount: '0', facts: ['q'], msg: 'discretionary.pending', params: { min: d('0.5'), max: d(1) } }]);
  });
});

describe('accumulate (积分)', () => {
  const items = { 国家级: d(3), 省级: d(2) };
  it('a score rule with no facts scores 0; items by kind, else level; each line with key, count, amount, total', () => {
    expect(eval1({ rule: { kind: 'accumulate', effect: 'score', items }, points: '5' }, [])).toEqual({ lines: [], status: 'scored', total: '0' });
    expect(linesOf({ rule: { kind: 'accumulate', effect: 'score', items }, points: '5' }, [f.occ({ id: 'a', kind: '国家级' }), f.occ({ id: 'b', level: '省级', count: 2 })])).toEqual([
      { kind: 'score', amount: '3', facts: ['a'], msg: 'accumulate.item', params: { key: '国家级', count: 1, amount: d(3), total: d(3) } },
      { kind: 'score', amount: '4', facts: ['b'], msg: 'accumulate.item', params: { key: '省级', count: 2, amount: d(2), total: d(4) } },
    ]);
  });
  it('over the cap: a cap line takes the excess (7 > 5 → −2), exactly at the cap no line', () => {
    const rule: Rule = { kind: 'accumulate', effect: 'score', items, cap: d(5) };
    const r = eval1({ rule, points: '10' }, [f.occ({ kind: '国家级' }), f.occ({ kind: '省级', count: 2 })]);
    expect(r.lines.at(-1)).toEqual({ kind: 'cap', amount: '-2', facts: [], msg: 'rule.cap', params: { cap: d(5), total: d(7), effect: 'score' } });
    expect(r.total).toBe('5');
    expect(r.status).toBe('clamped');
    expect(linesOf({ rule, points: '10' }, [f.occ({ kind: '国家级' }), f.occ({ kind: '省级' })]).map((l) => l.kind)).toEqual(['score', 'score']);
  });
  it('an unknown item → review naming the key (empty when neither kind nor level)', () => {
    const r = eval1({ rule: { kind: 'accumulate', effect: 'score', items }, points: '5' }, [f.occ({ id: 'x', kind: '市级' }), f.occ({ id: 'y' })]);
    expect(r.status).toBe('needs-review');
    expect(r.lines).toEqual([
      { kind: 'review', amount: '0', facts: ['x'], msg: 'accumulate.unknown-item', params: { key: '市级' } },
      { kind: 'review', amount: '0', facts: ['y'], msg: 'accumulate.unknown-item', params: { key: '' } },
    ]);
  });
  it('a bonus accumulate is capped like a bonus (2.5 → cap 2: −0.5)', () => {
    const r = eval1({ rule: { kind: 'accumulate', effect: 'bonus', items: { 表扬: d('0.5') }, cap: d(2) }, points: '5' }, [f.occ({ kind: '表扬', count: 5 })]);
    expect(short(r.lines)).toEqual(['bonus 2.5 accumulate.item', 'cap -0.5 rule.cap']);
  });
});

describe('a cap never hides a review', () => {
  it('accumulate: an unknown item and a score over the cap → needs-review, the cap line still there', () => {
    const r = eval1({ rule: { kind: 'accumulate', effect: 'score', items: { 国家级: d(3) }, cap: d(5) }, points: '10' }, [f.occ({ kind: '国家级', count: 2 }), f.occ({ id: 'u', kind: '市级' })]);
    expect(r.status).toBe('needs-review');
    expect(short(r.lines)).toEqual(['score 6 accumulate.item', 'review 0 accumulate.unknown-item', 'cap -1 rule.cap']);
  });
  it('per occurrence: an unknown tier and the priced ones over the cap → needs-review', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 重: d(2) } }, cap: d(3) };
    const r = eval1({ rule, points: '10' }, [f.occ({ level: '重', count: 2 }), f.occ({ level: '未知' })]);
    expect(r.status).toBe('needs-review');
    expect(r.total).toBe('7');
  });
});

describe('survivors of the run of 2026-12-03 (90.54 %)', () => {
  const monthly: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d(1), periodCap: { period: 'month', amount: d(1) } };
  const tieredMonthly: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 一般: d(1) } }, periodCap: { period: 'month', amount: d(1) } };
  it('a capped period then a plain one: the clause stays clamped; a capped one then a review: needs-review', () => {
    expect(eval1({ rule: monthly, points: '10' }, [f.occ({ date: '2020-01-01', count: 2 }), f.occ({ date: '2020-02-01' })]).status).toBe('clamped');
    expect(eval1({ rule: tieredMonthly, points: '10' }, [f.occ({ date: '2020-01-01', level: '一般', count: 2 }), f.occ({ date: '2020-02-01', level: '严重' })]).status).toBe('needs-review');
  });
  it('the period-cap note cites no fact; a month written as 2020-05 (7 characters) is a month', () => {
    const r = eval1({ rule: monthly, points: '10' }, [f.occ({ id: 'a', date: '2020-05', count: 3 })]);
    expect(r.lines).toEqual([
      { kind: 'note', amount: '0', facts: [], msg: 'occurrence.period-cap', params: { period: '2020-05', cap: d(1) } },
      { kind: 'deduction', amount: '-3', facts: ['a'], msg: 'occurrence.each', params: { count: 3, amount: d(1), total: d(3), tier: '', note: '2020-05' } },
      { kind: 'cap', amount: '2', facts: [], msg: 'rule.cap', params: { cap: d(1), total: d(3), effect: 'deduction' } },
    ]);
  });
  it('a group of several: each one "date note" with a space, the ones between joined by "；"', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d(1), double: { flag: 'x' } };
    expect(linesOf({ rule, points: '10' }, [f.occ({ date: '2020-02-02', note: '迟报' }), f.occ({ note: '漏报' })])[0]!.params['note']).toBe('2020-02-02 迟报；漏报');
  });
  it('tiers by type with the same amount for two kinds: two lines, each naming its kind; a fact without the key priced by otherwise names tier ""', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'type', amounts: { 通报: d(1), 约谈: d(1) }, otherwise: d('0.5') } };
    expect(linesOf({ rule, points: '10' }, [f.occ({ kind: '通报' }), f.occ({ kind: '约谈' }), f.occ({})]).map((l) => [l.amount, l.params['tier']])).toEqual([
      ['-1', '通报'],
      ['-1', '约谈'],
      ['-0.5', ''],
    ]);
  });
  it('doubling by a factor of 1: the flagged and the others stay apart (their messages differ)', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d(1), double: { flag: 'x', factor: 1 } };
    expect(linesOf({ rule, points: '10' }, [f.occ({ flags: ['x'] }), f.occ({})]).map((l) => l.msg)).toEqual(['occurrence.each-doubled', 'occurrence.each']);
  });
  it('a discretionary score judged above the points: the rule itself writes the ceiling line', () => {
    const r = eval1({ rule: { kind: 'discretionary', effect: 'score', min: d(0), max: d(10) }, points: '5' }, [f.judge('7', { id: 'j' })]);
    expect(short(r.lines)).toEqual(['score 7 discretionary.judged', 'ceiling -2 rule.ceiling']);
  });
  it('no max and no points (a deduction list): max shown as "" in every line', () => {
    const rule: Rule = { kind: 'discretionary', effect: 'deduction', min: d('0.5') };
    expect(linesOf({ rule }, [f.occ({ id: 't' })])[0]!.params).toEqual({ min: d('0.5'), max: '' });
    expect(linesOf({ rule }, [f.judge('1')])[0]!.params).toMatchObject({ max: '' });
    expect(linesOf({ rule: { ...rule, perOccurrence: true } as Rule }, [f.occ({ amount: d(2) })])[0]!.params).toMatchObject({ amount: d(2), max: '' });
    // a score rule without points, nothing reported: pending with max ''; a judgement below the min: the note shows max ''
    expect(linesOf({ rule: { kind: 'discretionary', effect: 'score', min: d(0) } }, [])[0]).toMatchObject({ msg: 'discretionary.pending-score', params: { min: d(0), max: '' } });
    expect(linesOf({ rule }, [f.judge('0.1')])[0]).toMatchObject({ msg: 'discretionary.out-of-range', params: { amount: d('0.1'), min: d('0.5'), max: '' } });
  });
});
