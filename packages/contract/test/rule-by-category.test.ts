import { describe, expect, it } from 'vitest';
import { evaluate, toStr } from '@kaohe/core';
import { ContractError, parseFacts, parseScheme } from '@kaohe/contract';

// The docs/scheme-format.md example of a clause's rules by unit category (corpus 06 (8)), with two units.
const SCHEME = (extra = ''): string => `formatVersion: 1
code: grain
year: 2018
title: 粮食安全
unitCategories: [{code: 产区, name: 产区}, {code: 非产区, name: 非产区}]
units:
  - {code: a, name: 甲省, category: 产区}
  - {code: b, name: 乙省, category: 非产区}
indicators:
  - code: "1.4.1"
    title: 农业主推技术到位率
    points: 1.5
    pointsByCategory: {产区: 2.5, 非产区: 1.5}
    clauses:
      - code: 1.4.1.1
        text: 不低于95%时，产区得2.5分、非产区得1.5分；每下降1个百分点，产区扣0.5分、非产区扣0.3分
        rule: {kind: manual, effect: score, reason: 本条款按单位类别给出规则}
        ruleByCategory:
          产区: {kind: threshold-steps, effect: score, metric: {of: rate}, threshold: 95, direction: below, step: 1, perStep: 0.5}
          非产区: {kind: threshold-steps, effect: score, metric: {of: rate}, threshold: 95, direction: below, step: 1, perStep: 0.3${extra}}
`;

function issuesOf(text: string): { path: string; message: string; line?: number }[] {
  try {
    parseScheme(text, 'x.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ContractError);
    return (e as ContractError).issues;
  }
  throw new Error('expected a ContractError');
}

describe('clause ruleByCategory in a scheme file', () => {
  it('parses into exact decimals and scores each unit by its category', () => {
    const { scheme } = parseScheme(SCHEME(), 'x.yaml');
    const rule = scheme.indicators[0]!.clauses![0]!.ruleByCategory!['非产区']!;
    expect(rule.kind === 'threshold-steps' && toStr(rule.perStep!)).toBe('0.3');
    const facts = parseFacts('- {unit: a, ref: 1.4.1.1, type: rate, numerator: 93, denominator: 100}\n- {unit: b, ref: 1.4.1.1, type: rate, numerator: 93, denominator: 100}\n', 'f.yaml', scheme);
    const totals = Object.fromEntries(evaluate(scheme, facts).units.map((u) => [u.unit, toStr(u.total)]));
    // 甲省 (产区) 2.5 − 2 × 0.5 = 1.5; 乙省 (非产区) 1.5 − 2 × 0.3 = 0.9
    expect(totals).toEqual({ a: '1.5', b: '0.9' });
  });

  it('names the field of a category rule that is not in the format, with its line', () => {
    const issues = issuesOf(SCHEME(', perstep: 1'));
    expect(issues.map((i) => i.path)).toEqual(['indicators[0].clauses[0].ruleByCategory.非产区']);
    expect(issues[0]!.message).toContain('perstep');
    expect(issues[0]!.line).toBe(20);
  });

  it('refuses a category that is not a unit category', () => {
    const issues = issuesOf(SCHEME().replace('          非产区: {kind', '          主销区: {kind'));
    expect(issues.map((i) => [i.path, i.message])).toEqual([['indicators[0].clauses[0].ruleByCategory', '未定义的单位类别“主销区”']]);
  });
});
