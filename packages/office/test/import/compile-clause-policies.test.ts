import { describe, expect, it } from 'vitest';
import { compileClause } from '../../src/import/compile-clause';
import { dec } from '@kaohe/core';

// Sentences written for this test after corpus 06's patterns.
describe('compileClause item policies the import does not apply yet', () => {
  it('hands points that depend on the unit category to the indicator (the layout sets them per category)', () => {
    const c = compileClause('按时完成年度任务的，产区得5分，非产区得2分，否则不得分。');
    expect(c.status).toBe('ok');
    expect(c.pointsByCategory).toEqual({ 产区: dec('5'), 非产区: dec('2') });
    expect(c.rules.map((r) => r.rule.kind)).toEqual(['completion']);
  });

  it('compiles a 倒扣 clause and says that its item may go below zero (the layout sets floor: null)', () => {
    const c = compileClause('出现违规行为未及时处置的，倒扣2分。');
    expect(c.status).toBe('ok');
    expect(c.allowNegative).toBe(true);
    expect(c.rules.map((r) => r.rule)).toEqual([{ kind: 'condition', effect: 'deduction', amount: dec('2') }]);
    expect(compileClause('未按时报送材料的，每次扣0.1分。').allowNegative).toBeUndefined();
  });

  it('leaves an ordinary clause ok', () => {
    expect(compileClause('未按时报送材料的，每次扣0.1分。').status).toBe('ok');
  });
});
