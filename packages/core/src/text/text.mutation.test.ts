/** The over-points check's boundary (issue 14 item 6): an amount equal to the clause's points is not a defect. */
import { describe, expect, it } from 'vitest';
import { dec } from '../points';
import { compileRuleText } from './compile-rule';

describe('compileRuleText: amount against the clause points', () => {
  it('扣2分 on a 2-point clause is read without the over-points warning; 扣2.5分 gets it', () => {
    const equal = compileRuleText('未建立制度的，扣2分', { points: dec(2) });
    expect(equal.reason ?? '').not.toContain('超过本项分值');
    expect(equal.status).toBe('ok');
    const over = compileRuleText('未建立制度的，扣2.5分', { points: dec(2) });
    expect(over.reason).toBe('扣分值2.5超过本项分值2，请核对');
  });
});
