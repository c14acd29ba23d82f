import { describe, expect, it } from 'vitest';
import { compileClause } from '../../src/import/compile-clause';
import type { ClauseDraftNode, DraftNode } from '../../src/import/draft.types';
import { applyClausePolicies } from '../../src/import/layout/layout-common';
import { dec } from '@kaohe/core';

// Sentences written for this test after corpus 06's patterns.
describe('compileClause item policies the import does not apply yet', () => {
  it('hands points that depend on the unit category to the indicator (the layout sets them per category)', () => {
    const c = compileClause('按期完成年度工作的，产区得5分，非产区得2.5分，否则不得分。');
    expect(c.status).toBe('ok');
    expect(c.pointsByCategory).toEqual({ 产区: dec('5'), 非产区: dec('2.5') });
    expect(c.rules.map((r) => r.rule.kind)).toEqual(['completion']);
  });

  it('compiles a 倒扣 clause and says that its item may go below zero (the layout sets floor: null)', () => {
    const c = compileClause('出现违规行为未及时处置的，倒扣2分。');
    expect(c.status).toBe('ok');
    expect(c.allowNegative).toBe(true);
    expect(c.rules.map((r) => r.rule)).toEqual([{ kind: 'condition', effect: 'deduction', amount: dec('2') }]);
    expect(compileClause('未按时报送材料的，每次扣0.1分。').allowNegative).toBeUndefined();
  });

  it('hands 累计加减分不超过N分 to its item as the net ± cap, not as a deduction cap', () => {
    const c = compileClause('每发现一起扣0.5分，每次获得表彰加1分，本项累计加减分不超过3分。');
    expect(c.status).toBe('ok');
    expect(c.netCap).toEqual(dec('3'));
    expect(c.deductionCap).toBeUndefined();
    const item: DraftNode = { title: '示例', children: [], clauses: [] } as unknown as DraftNode;
    applyClausePolicies(item, {} as ClauseDraftNode, c);
    expect(item.caps).toEqual({ net: dec('3') });
  });

  it('hands 其他X得分为Y得分的平均分 to its item as the N/A policy average-of-others (corpus 08 (3.8), own words)', () => {
    const c = compileClause('窗口单位办结率不低于90%的，得3分；每低1%，扣0.1分。其他单位得分为窗口单位得分的平均分。');
    expect(c.status).toBe('ok');
    expect(c.notApplicable).toEqual({ policy: 'average-of-others', who: '其他单位', of: '窗口单位' });
    const item: DraftNode = { title: '示例', children: [], clauses: [] } as unknown as DraftNode;
    applyClausePolicies(item, {} as ClauseDraftNode, c);
    expect(item.notApplicable?.policy).toBe('average-of-others');
  });

  it('leaves an ordinary clause ok', () => {
    expect(compileClause('未按时报送材料的，每次扣0.1分。').status).toBe('ok');
  });
});
