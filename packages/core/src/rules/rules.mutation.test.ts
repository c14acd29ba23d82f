/**
 * Tests the mutation run showed missing (issue 14 item 6; docs/testing.md): the defaults a scheme
 * leaves out — step and count rounding — and the clamps of stepped and rate rules. Each case
 * states the arithmetic; the mutated default or the dropped clamp gives another total.
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../scheme/fact.types';
import type { Rule } from './rule.types';
import { buildScheme, d, f, run, score, str, total, type Build } from '../../test/test-scheme';

const totals = (b: Build, facts: readonly Fact[]): string[] => run(buildScheme(b), facts).units.map((u) => str(u.total));

describe('threshold steps (P10) on a scored clause', () => {
  // 10 points; below 100: 2 points per whole point of gap, at most 3 points off
  const rule: Rule = { kind: 'threshold-steps', effect: 'score', metric: { of: 'value' }, threshold: d(100), direction: 'below', step: d(1), perStep: d(2), cap: d(3) };
  it('the cap limits what the steps take: 97 → 3 steps = 6, capped at 3 → 7', () => {
    expect(total(score({ rule, points: '10' }, [f.value('97')]))).toBe('7');
  });
  it('under the cap the steps count in full: 99 → 1 step → 8', () => {
    expect(total(score({ rule, points: '10' }, [f.value('99')]))).toBe('8');
  });
  it('a partial step is not counted when the scheme says nothing (default floor): 98.5 → 1 step → 8, not 6', () => {
    const { cap: _cap, ...uncapped } = rule as Rule & { cap?: unknown };
    expect(total(score({ rule: uncapped as Rule, points: '10' }, [f.value('98.5')]))).toBe('8');
  });
});

describe('rate formula (P20) clamps', () => {
  // 完成率 × 10, never below 2
  it('a floor stated by the scheme: 1/10 × 10 = 1 → 2', () => {
    expect(total(score({ rule: { kind: 'rate-formula', effect: 'score', weight: d(10), floor: d(2) }, points: '10' }, [f.rate('1', '10')]))).toBe('2');
  });
  it('without a floor the score does not go below zero: (1 − 10/10 − 10%) × 10 = −1 → 0', () => {
    expect(total(score({ rule: { kind: 'rate-formula', effect: 'score', weight: d(10), invert: true, offset: d('-0.1') }, points: '10' }, [f.rate('10', '10')]))).toBe('0');
  });
  it('nor does a deduction turn into points: (1 − 10/10 − 10%) × 10 = −1 → nothing deducted, every ledger line 0', () => {
    const u = score({ rule: { kind: 'rate-formula', effect: 'deduction', weight: d(10), invert: true, offset: d('-0.1') }, points: '10' }, [f.rate('10', '10')]);
    expect(total(u)).toBe('10');
    expect(u.ledger.filter((l) => l.kind === 'deduction').map((l) => str(l.amount))).toEqual(u.ledger.filter((l) => l.kind === 'deduction').map(() => '0'));
  });
  it('without a ceiling the score stops at the weight, even under more points: 12/10 × 10 = 12 → 10 of 20', () => {
    expect(total(score({ rule: { kind: 'rate-formula', effect: 'score', weight: d(10) }, points: '20' }, [f.rate('12', '10')]))).toBe('10');
  });
});

describe('distinct subjects (P01 每发现1个问题镇)', () => {
  it('occurrences without a subject each count once: 3 × 0.2 = 0.6 off', () => {
    const u = score({ rule: { kind: 'per-occurrence', effect: 'deduction', amount: d('0.2'), countDistinct: 'subject' } }, f.occs(3));
    expect(total(u)).toBe('-0.6');
  });
});

describe('bottom-k (P23) default count rounding', () => {
  // 排名后 20%: 20% of 7 = 1.4; the scheme states no rounding, so a partial unit is not counted (floor)
  it('7 units, 20% without countRounding → only the last is deducted', () => {
    const rule: Rule = { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', percent: d(20), amount: d('0.1') };
    const facts = [7, 6, 5, 4, 3, 2, 1].map((v, i) => f.value(String(v), { unit: `U${i + 1}` }));
    expect(totals({ rule, points: '1', units: 7 }, facts)).toEqual(['1', '1', '1', '1', '1', '1', '0.9']);
  });
});

describe('grade steps (P25c) default step rounding', () => {
  // 良好（80）以下每 5 分一档扣 0.1: a partial band counts as a band unless the scheme says otherwise
  it('79.9 without stepRounding → ⌈0.1/5⌉ = 1 band → 0.9', () => {
    const rule: Rule = { kind: 'conversion', effect: 'deduction', method: { type: 'grade-steps', good: d(80), width: d(5), perStep: d('0.1') } };
    expect(total(score({ rule, points: '1' }, [f.sub('79.9')]))).toBe('0.9');
  });
});

describe('an inexact product is rounded half-up to the millionth', () => {
  it('linear conversion 2/3 × 1 = 0.6666666… → 0.666667', () => {
    const rule: Rule = { kind: 'conversion', effect: 'score', method: { type: 'linear', base: d(3), weight: d(1) } };
    expect(total(score({ rule, points: '1' }, [f.sub('2')]))).toBe('0.666667');
  });
});
