import { afterEach, describe, expect, it } from 'vitest';
import * as P from '../../../src/points';
import { compileRuleText } from '../../../src/text/compile-rule';
import { FAMILIES, distinctReadings, type Family } from '../../../src/text/families/index';

/** A family that reads every 每…扣X as a tier-less condition: it disagrees with the single-segment reading of the bands family below. */
const rival: Family = {
  name: 'rival',
  read: (_ctx, segs, i) => {
    const seg = segs[i]!;
    if (seg.amount.type !== 'fixed') return null;
    return { rule: { kind: 'condition', effect: 'deduction', amount: seg.amount.value }, segs: [seg], params: [] };
  },
};

describe('two families that read the same words differently', () => {
  afterEach(() => {
    const at = FAMILIES.indexOf(rival);
    if (at >= 0) FAMILIES.splice(at, 1);
  });

  it('sends the words to review with both readings, never first-match-wins', () => {
    FAMILIES.push(rival);
    const result = compileRuleText('完成率低于60%的扣0.05分,低于55%的扣0.1分');
    expect(result.status).toBe('needs-review');
    const issue = result.issues.find((x) => x.readings);
    expect(issue?.reason).toContain('两种读法不一致');
    expect(issue?.readings?.map((r) => r.family)).toEqual(['bands', 'rival']);
    expect(issue?.readings?.[0]?.rules[0]?.kind).toBe('bands');
    expect(result.rules).toHaveLength(0);
  });

  it('merges identical readings', () => {
    const built = { rule: { kind: 'condition' as const, effect: 'deduction' as const, amount: P.dec('1') }, segs: [], params: [] };
    expect(distinctReadings([{ family: 'a', built }, { family: 'b', built: { ...built } }])).toHaveLength(1);
  });
});
