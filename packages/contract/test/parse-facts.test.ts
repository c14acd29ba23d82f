import { describe, expect, it } from 'vitest';
import { toStr } from '@kaohe/core';
import { ContractError, parseFacts, parseScheme } from '@kaohe/contract';
import { SMALL_SCHEME } from './fixtures';

const { scheme } = parseScheme(SMALL_SCHEME, 'small.yaml');

function issuesOf(text: string, file: string): { path: string; message: string; line?: number }[] {
  try {
    parseFacts(text, file, scheme);
  } catch (e) {
    expect(e).toBeInstanceOf(ContractError);
    return (e as ContractError).issues;
  }
  throw new Error('expected a ContractError');
}

describe('parseFacts', () => {
  it('reads YAML facts, resolves unit names and numbers the ids by position', () => {
    const facts = parseFacts('- {unit: 甲镇, ref: c1, type: occurrence, count: 3}\n- {unit: b, ref: c2, type: rate, numerator: 86, denominator: "100"}\n', 'f.yaml', scheme);
    expect(facts.map((f) => [f.id, f.unit, f.ref, f.type])).toEqual([
      ['f.yaml#1', 'a', 'c1', 'occurrence'],
      ['f.yaml#2', 'b', 'c2', 'rate'],
    ]);
    const r = facts[1]!;
    if (r.type === 'rate') expect(toStr(r.denominator)).toBe('100');
  });

  it('reads CSV with a header row, booleans in Chinese and list cells', () => {
    const csv = '\uFEFFunit,ref,type,value,level,flags,count\r\n甲镇,n1,flag,是,,,\r\n乙镇,c1,occurrence,,市,not-rectified|repeat,2\r\n';
    const facts = parseFacts(csv, 'f.csv', scheme);
    expect(facts[0]).toMatchObject({ unit: 'a', ref: 'n1', type: 'flag', value: true, id: 'f.csv#2' });
    expect(facts[1]).toMatchObject({ unit: 'b', type: 'occurrence', level: '市', flags: ['not-rectified', 'repeat'], count: 2 });
  });

  it('names the CSV row and field of a bad cell', () => {
    const issues = issuesOf('unit,ref,type,numerator,denominator\n甲镇,c2,rate,abc,100\n', 'f.csv');
    expect(issues).toEqual([{ path: '第 2 行 numerator', message: '不是有效数字：“abc”', line: 2 }]);
  });

  it('refuses a CSV without the required columns', () => {
    expect(issuesOf('unit,type\n甲镇,flag\n', 'f.csv')).toEqual([{ path: '表头', message: '缺少列：ref', line: 1 }]);
  });

  it('names unknown units and refs with the line of the fact', () => {
    const issues = issuesOf('facts:\n  - {unit: 丙镇, ref: c1, type: occurrence}\n  - {unit: a, ref: c9, type: occurrence}\n', 'f.yaml');
    expect(issues).toEqual([
      { path: 'facts[0].unit', message: '方案中没有单位“丙镇”', line: 2 },
      { path: 'facts[1].ref', message: '方案中没有条款或指标“c9”', line: 3 },
    ]);
  });

  it('requires a reason for judgements and N/A', () => {
    const issues = issuesOf('- {unit: a, ref: c1, type: judgement, amount: 0.1, reason: ""}\n', 'f.yaml');
    expect(issues[0]).toMatchObject({ path: '[0].reason', message: '评分须填写理由', line: 1 });
  });

  it('refuses an unknown fact type with the allowed list hint', () => {
    const issues = issuesOf('- {unit: a, ref: c1, type: event}\n', 'f.yaml');
    expect(issues[0]!.path).toBe('[0].type');
  });
});
