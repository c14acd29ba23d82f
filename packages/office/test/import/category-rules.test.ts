import { describe, expect, it } from 'vitest';
import { dec, evaluate, lintScheme, toStr, type Fact, type Scheme } from '@kaohe/core';
import { parseScheme } from '@kaohe/contract';
import { importScheme } from '../../src/import/import-scheme';
import { schemeToYaml } from '../../src/import/serialize';
import { factsTemplateRows } from '../../src/import/facts-template';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

// A table written after the corpus 06 pattern (amounts by 产区/非产区 inside the rules), the points column stating
// the assessed unit's category (非产区).
const TABLE = [
  '考核项目\t评分标准\t分值\t考核部门',
  '主推技术\t技术普及率不低于95%的，产区得8分，非产区得4分；每减少一个百分点，产区扣2分，非产区扣1分；低于91%不得分。\t4\t省农业农村厅',
  '奖补资金\t足额兑付奖补资金的，产区得5分，非产区得2.5分，否则不得分，并倒扣产区5分，非产区2.5分。\t2.5\t省财政厅',
].join('\n');

describe('importing rules by unit category', () => {
  it('makes the categories the rules name, and the scheme validates and scores each unit by its category', async () => {
    const { scheme, report } = await importScheme({ name: 'category-rules.tsv', bytes: utf8(TABLE) });
    expect(scheme.unitCategories.map((c) => c.code).sort()).toEqual(['产区', '非产区']);
    const clauses = scheme.indicators.flatMap((i) => i.clauses ?? []);
    expect(clauses.every((c) => c.status === 'ok')).toBe(true);
    expect(clauses.filter((c) => c.ruleByCategory).map((c) => Object.keys(c.ruleByCategory!).sort())).toEqual([['产区', '非产区'], ['产区', '非产区'], ['产区', '非产区']]);
    expect(report.coverage).toMatchObject({ compiled: 2 });
    expect(lintScheme(scheme).filter((l) => l.severity === 'error')).toEqual([]);

    // Through the file form and back, with one unit of each category.
    const withUnits: Scheme = { ...parseScheme(schemeToYaml(scheme), 'x.yaml').scheme, units: [{ code: 'a', name: '甲省', category: '产区' }, { code: 'b', name: '乙省', category: '非产区' }] };
    const [tech, subsidy] = withUnits.indicators;
    const [paid, reversed] = subsidy!.clauses!;
    const facts: Fact[] = [
      { id: '1', type: 'rate', unit: 'a', ref: tech!.clauses![0]!.code, numerator: dec(93), denominator: dec(100) },
      { id: '2', type: 'rate', unit: 'b', ref: tech!.clauses![0]!.code, numerator: dec(93), denominator: dec(100) },
      { id: '3', type: 'flag', unit: 'a', ref: paid!.code, value: true },
      { id: '4', type: 'flag', unit: 'b', ref: paid!.code, value: false },
      { id: '5', type: 'flag', unit: 'b', ref: reversed!.code, value: true },
    ];
    const r = evaluate(withUnits, facts);
    // 甲省 (产区): 8 − 2 × 2 = 4, and 奖补 5 → 9; 乙省 (非产区): 4 − 2 × 1 = 2, 否则不得分 0 and 倒扣 2.5 → −0.5
    expect(Object.fromEntries(r.units.map((u) => [u.unit, toStr(u.total)]))).toEqual({ a: '9', b: '-0.5' });

    // The facts template asks for what the category rules read (a rate, flags), never an assessor's judgement.
    const rows = (s: Scheme) => factsTemplateRows(s).map((row) => [row.unit, row.ref, row.type]);
    const refs = [tech!.clauses![0]!.code, paid!.code, reversed!.code];
    expect(rows(scheme)).toEqual([['', refs[0], 'rate'], ['', refs[1], 'flag'], ['', refs[2], 'flag']]);
    expect(rows(withUnits).filter(([, ref]) => ref === refs[0])).toEqual([['甲省', refs[0], 'rate'], ['乙省', refs[0], 'rate']]);
  });
});

// Written after corpus 06 (26): "此项不得分，同时倒扣" — the 倒扣 is taken after the item's zeroing (clause afterZero).
const REVERSE_TABLE = [
  '考核项目\t评分标准\t分值\t考核部门',
  '奖补资金\t按规定兑付奖补资金的，产区得5分，非产区得3.5分，否则不得分。出现截留奖补资金等违规情形的，此项不得分，并倒扣产区5分，非产区3.5分。\t3.5\t省财政厅',
].join('\n');

describe('importing 此项不得分，同时倒扣', () => {
  it('imports one 倒扣 clause with afterZero, and a unit with the violation scores −N by its category', async () => {
    const { scheme } = await importScheme({ name: 'after-zero.tsv', bytes: utf8(REVERSE_TABLE) });
    const clauses = scheme.indicators.flatMap((i) => i.clauses ?? []);
    expect(clauses.map((c) => [c.status, c.afterZero ?? false])).toEqual([['ok', false], ['ok', true]]);
    expect(lintScheme(scheme).filter((l) => l.severity === 'error')).toEqual([]);
    const withUnits: Scheme = { ...parseScheme(schemeToYaml(scheme), 'x.yaml').scheme, units: [{ code: 'a', name: '甲省', category: '产区' }, { code: 'b', name: '乙省', category: '非产区' }, { code: 'c', name: '丙省', category: '产区' }] };
    const [paid, reversed] = withUnits.indicators[0]!.clauses!;
    expect(reversed!.afterZero).toBe(true);
    const facts: Fact[] = [
      { id: '1', type: 'flag', unit: 'a', ref: paid!.code, value: true },
      { id: '2', type: 'flag', unit: 'a', ref: reversed!.code, value: true },
      { id: '3', type: 'flag', unit: 'b', ref: paid!.code, value: true },
      { id: '4', type: 'flag', unit: 'b', ref: reversed!.code, value: true },
      { id: '5', type: 'flag', unit: 'c', ref: paid!.code, value: true },
    ];
    const r = evaluate(withUnits, facts);
    // 甲省 (产区): 5, zeroed, then −5; 乙省 (非产区): 3.5, zeroed, then −3.5; 丙省 (产区) without the violation: 5
    expect(Object.fromEntries(r.units.map((u) => [u.unit, toStr(u.total)]))).toEqual({ a: '-5', b: '-3.5', c: '5' });
    // the ledger (Dec: exact integer millionths) adds up to each total
    for (const u of r.units) expect(u.ledger.reduce((sum, l) => sum + l.amount, 0)).toBe(u.total);
  });
});
