import { ruleKindNamesZh } from '@kaohe/core';
import { describe, expect, it } from 'vitest';
import { ruleKinds as schemaKinds } from '../rule.schema';
import { isRuleKind, ruleKindNames, ruleKinds } from './rule-kinds';

describe('rule kind names for the web', () => {
  it('name every kind of the rule schema, and only those', () => {
    expect([...ruleKinds].sort()).toEqual([...schemaKinds].sort());
  });
  it('are the names core writes in describeRule', () => {
    expect(ruleKindNames).toEqual(ruleKindNamesZh);
  });
  it('tell a kind from other text', () => {
    expect(isRuleKind('manual')).toBe(true);
    expect(isRuleKind('toString')).toBe(false);
    expect(isRuleKind('人工评定')).toBe(false);
  });
});
