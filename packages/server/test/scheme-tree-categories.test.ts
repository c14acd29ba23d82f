/**
 * The scheme editor's tree for a clause with rules by unit category (corpus 06's 产区/非产区 amounts, written here
 * by hand): the rule text lists each category's rule and the fallback, and the clause names the categories whose
 * rule the editor does not edit — the editor changes only `rule`, so the screen must say so.
 */
import { parseScheme } from '@kaohe/contract';
import { schemeEditorApi } from '@kaohe/contract/api/scheme-editor';
import { describe, expect, it } from 'vitest';
import { schemeDocumentSchema } from '../src/services/scheme-document';
import { schemeTree } from '../src/services/scheme-tree.service';

const file = {
  formatVersion: 1,
  code: 'T06',
  year: 2018,
  title: '按单位类别计分的方案（手写示例）',
  unitCategories: [
    { code: '产区', name: '产区' },
    { code: '非产区', name: '非产区' },
  ],
  units: [
    { code: 'A', name: '甲省', category: '产区' },
    { code: 'B', name: '乙省', category: '非产区' },
  ],
  indicators: [
    {
      code: 'I1',
      title: '技术到位率',
      points: 1.5,
      pointsByCategory: { 产区: 2.5, 非产区: 1.5 },
      clauses: [
        {
          code: 'I1.1',
          text: '到位率不低于95%时，产区得2.5分、非产区得1.5分；每下降1个百分点，产区扣0.5分、非产区扣0.3分',
          rule: { kind: 'manual', effect: 'score', reason: '本条款按单位类别给出规则' },
          ruleByCategory: {
            产区: { kind: 'threshold-steps', effect: 'score', metric: { of: 'rate' }, threshold: 95, direction: 'below', step: 1, perStep: 0.5 },
            非产区: { kind: 'threshold-steps', effect: 'score', metric: { of: 'rate' }, threshold: 95, direction: 'below', step: 1, perStep: 0.3 },
          },
        },
        { code: 'I1.2', text: '未按时报送的，每次扣0.1分', rule: { kind: 'per-occurrence', effect: 'deduction', amount: 0.1 } },
      ],
    },
  ],
};

describe('scheme tree: rules by unit category', () => {
  it('describes every category rule and the fallback, and names the categories the editor leaves alone', () => {
    const { scheme } = parseScheme(file);
    const tree = schemeEditorApi.tree.response.shape.nodes.parse(schemeTree(scheme, schemeDocumentSchema.parse(file)).nodes);
    const [byCategory, plain] = tree.flatMap((n) => n.clauses);
    expect(byCategory!.categoryRules).toEqual(['产区', '非产区']);
    const lines = byCategory!.ruleText.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^单位类别“产区”：/);
    expect(lines[0]).toContain('0.5');
    expect(lines[1]).toMatch(/^单位类别“非产区”：/);
    expect(lines[1]).toContain('0.3');
    expect(lines[2]).toBe('其他单位类别：没有对应规则，需人工复核');
    expect(plain!.categoryRules).toEqual([]);
    expect(plain!.ruleText).not.toContain('单位类别');
  });
});
