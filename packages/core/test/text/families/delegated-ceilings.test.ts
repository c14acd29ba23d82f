import { describe, expect, it } from 'vitest';
import { compileRuleText } from '../../../src/text/compile-rule';
import { familyTable } from './family-table';

// A deduction whose amount another document sets, under ceilings this document states (written after the shape of
// corpus 11's 约束性指标: "…依据《…办法》，相应给予减分（扣分上限：A N分，B M分）"). Sentences written for this table.
describe('a delegated deduction under stated ceilings', () => {
  familyTable([
    ['two areas, each its own ceiling', '对乙方在安全、质量方面未达要求的，甲方依据《某公司考核管理办法（2016版）》，相应给予减分（扣分上限：安全12分，质量4分）。', {
      rules: [{ kind: 'discretionary', effect: 'deduction', min: '0', max: '12' }, { kind: 'discretionary', effect: 'deduction', min: '0', max: '4' }],
      family: 'delegated-ceilings',
    }],
    ['one ceiling, no area', '对未达要求的，依据《某公司考核办法》相应给予扣分（扣分上限10分）。', { rules: [{ kind: 'discretionary', effect: 'deduction', min: '0', max: '10' }] }],
    ['an area the sentence does not name before: left for review', '对乙方在安全、质量方面未达要求的，依据《某公司考核办法》相应给予扣分（扣分上限：安全12分，环保4分）。', { flag: '计分依据另一份文件《某公司考核办法》' }],
    ['an amount of its own besides the ceilings: not this reading', '对乙方在安全、质量方面未达要求的，依据《某公司考核办法》相应给予扣分（扣分上限：安全12分，质量4分），每次扣1分。', { flag: '未读取的分值' }],
    ['ceilings without the other document: not this reading', '对乙方在安全、质量方面未达要求的，相应给予扣分（扣分上限：安全12分，质量4分）。', { flag: '' }],
    ['a range as the ceiling: not this reading', '对未达要求的，依据《某公司考核办法》相应给予扣分（扣分上限5-10分）。', { flag: '' }],
    ['words after the ceilings: not this reading', '对未达要求的，依据《某公司考核办法》相应给予扣分（扣分上限10分）并通报。', { flag: '' }],
  ]);

  it('names each area and the document in the parameters, and warns that the document is not part of the scheme', () => {
    const r = compileRuleText('对乙方在安全、质量方面未达要求的，甲方依据《某公司考核管理办法（2016版）》，相应给予减分（扣分上限：安全12分，质量4分）。');
    expect(r.rules.map((c) => c.params.map((p) => [p.name, p.value, p.phrase]))).toEqual([
      [['min', '0', '给予减分'], ['max', '12', '安全12分'], ['basis', '《某公司考核管理办法（2016版）》', '《某公司考核管理办法（2016版）》'], ['area', '安全', '安全']],
      [['min', '0', '给予减分'], ['max', '4', '质量4分'], ['basis', '《某公司考核管理办法（2016版）》', '《某公司考核管理办法（2016版）》'], ['area', '质量', '质量']],
    ]);
    expect(r.warnings).toEqual(['扣分数额按《某公司考核管理办法（2016版）》确定（该文件未随本方案提供），本方案只写明上限：安全最多扣12分，质量最多扣4分；考核部门按该文件录入扣分']);
  });
});
