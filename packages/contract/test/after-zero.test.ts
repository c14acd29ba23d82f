import { describe, expect, it } from 'vitest';
import { evaluate, toStr } from '@kaohe/core';
import { ContractError, parseFacts, parseScheme } from '@kaohe/contract';

// The docs/scheme-format.md example of 倒扣 after 此项不得分 (`afterZero`), with one unit.
const SCHEME = (afterZero = 'true'): string => `formatVersion: 1
code: grain
year: 2018
title: 粮食安全
unitCategories: [{code: 省, name: 省}]
units:
  - {code: a, name: 甲省, category: 省}
indicators:
  - code: "1.10.1"
    title: 粮食补贴发放
    points: 4
    clauses:
      - code: 1.10.1.1
        text: 按规定发放补贴的，得4分，否则不得分
        rule: {kind: completion, points: 4}
      - code: 1.10.1.2
        text: 出现违规情形的，此项不得分，同时倒扣4分
        rule: {kind: condition, effect: deduction, amount: 4}
        afterZero: ${afterZero}
`;

describe('clause afterZero in a scheme file', () => {
  it('parses and scores the item 0 then −4', () => {
    const { scheme } = parseScheme(SCHEME(), 'x.yaml');
    expect(scheme.indicators[0]!.clauses![1]!.afterZero).toBe(true);
    const facts = parseFacts('- {unit: a, ref: 1.10.1.1, type: flag, value: true}\n- {unit: a, ref: 1.10.1.2, type: flag, value: true}\n', 'f.yaml', scheme);
    expect(toStr(evaluate(scheme, facts).units[0]!.total)).toBe('-4');
  });

  it('names the field when afterZero is not true or false, with its line', () => {
    let issues: { path: string; line?: number }[] = [];
    try {
      parseScheme(SCHEME('"是"'), 'x.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(ContractError);
      issues = (e as ContractError).issues;
    }
    expect(issues.map((i) => [i.path, i.line])).toEqual([['indicators[0].clauses[1].afterZero', 19]]);
  });
});
