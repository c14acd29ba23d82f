/**
 * Mutation tests of rules/evaluate-rule.ts (issue 14 item 6; docs/testing.md): what each rule kind
 * adds to its indicator (`ruleEffect` decides between an allocated and a deduction-only indicator)
 * and which peer metric a cross-unit rule needs (`peerMetric`), for every kind.
 */
import { describe, expect, it } from 'vitest';
import type { Metric, Rule } from './rule.types';
import { peerMetric, ruleEffect } from './evaluate-rule';

const metric: Metric = { of: 'value' };
/** Only the fields the two functions read; the evaluators are tested elsewhere. */
const rule = (r: Record<string, unknown>): Rule => r as unknown as Rule;

describe('ruleEffect', () => {
  it.each([
    ['completion', 'score'],
    ['partial-credit', 'score'],
    ['any-of', 'score'],
    ['survey', 'score'],
    ['average', 'score'],
    ['zero', 'zero'],
    ['external-rank', 'deduction'],
    ['bottom-k', 'deduction'],
    ['lateness', 'deduction'],
    ['deadline', 'deduction'],
    ['shortfall', 'deduction'],
    ['top-k', 'bonus'],
  ])('%s always adds %s, whatever effect it states', (kind, want) => {
    for (const effect of ['score', 'deduction', 'bonus', undefined]) expect(ruleEffect(rule({ kind, effect })), `${kind} stating ${effect}`).toBe(want);
  });
  it.each(['per-occurrence', 'condition', 'discretionary', 'threshold-steps', 'bands', 'proportional', 'rate-formula', 'relative-to-best', 'rank-bands', 'conversion', 'accumulate', 'manual'])(
    '%s adds the effect it states',
    (kind) => {
      for (const effect of ['score', 'deduction', 'bonus']) expect(ruleEffect(rule({ kind, effect }))).toBe(effect);
    },
  );
});

describe('peerMetric', () => {
  it('relative to best: its metric, or the numerators (a plain rate) when the best is divided by its own denominator', () => {
    expect(peerMetric(rule({ kind: 'relative-to-best', metric }))).toBe(metric);
    expect(peerMetric(rule({ kind: 'relative-to-best', metric, denominatorOfBest: false }))).toBe(metric);
    expect(peerMetric(rule({ kind: 'relative-to-best', metric, denominatorOfBest: true }))).toEqual({ of: 'rate', percent: false });
  });
  it.each(['rank-bands', 'bottom-k', 'top-k'])('%s: its own metric', (kind) => {
    expect(peerMetric(rule({ kind, metric }))).toBe(metric);
  });
  it('a conversion needs the peers’ sub-scores only for best-normalised', () => {
    expect(peerMetric(rule({ kind: 'conversion', method: { type: 'best-normalised' } }))).toEqual({ of: 'sub-score' });
    expect(peerMetric(rule({ kind: 'conversion', method: { type: 'linear' } }))).toBeUndefined();
  });
  it.each(['completion', 'shortfall', 'threshold-steps', 'bands', 'external-rank', 'manual'])('%s needs no peers', (kind) => {
    expect(peerMetric(rule({ kind, metric }))).toBeUndefined();
  });
});
