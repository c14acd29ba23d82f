import { describe, expect, it } from 'vitest';
import { compileClause } from '../../src/import/compile-clause';

// Sentences written for this test after corpus 06's patterns.
describe('compileClause item policies the import does not apply yet', () => {
  it('keeps a clause whose points depend on the unit category in review, naming the points', () => {
    const c = compileClause('按时完成年度任务的，产区得5分，非产区得2分，否则不得分。');
    expect(c.status).toBe('needs-review');
    expect(c.reason).toBe('分值按单位类别不同（产区5分，非产区2分），需在指标上按类别设置分值');
  });

  it('keeps a 倒扣 clause in review until the item may go below zero', () => {
    const c = compileClause('出现违规行为未及时处置的，倒扣2分。');
    expect(c.status).toBe('needs-review');
    expect(c.reason).toContain('倒扣');
  });

  it('leaves an ordinary clause ok', () => {
    expect(compileClause('未按时报送材料的，每次扣0.1分。').status).toBe('ok');
  });
});
