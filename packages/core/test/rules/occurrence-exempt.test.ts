/** Exempt occurrences of a per-occurrence rule (PerOccurrenceRule.exempt), read from corpus 03 (4.1). */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/rule.types';
import { d, expectExplains, f, linesOf, score, sumOf, total } from '../test-scheme';

describe('per-occurrence exempt: occurrences flagged as the exempt case are not deducted', () => {
  // corpus 03 (4.1), its shape: 每起投诉事件扣2分，如果…让群众满意，此事件可以不扣分 (10 分)
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d(2), exempt: { flag: 'exempt', when: '事件处理让群众满意' } };

  it('3 complaints, 1 of them exempt: 10 − 2 × 2 = 6, and the ledger names the exempted one', () => {
    const u = score({ rule, points: '10' }, [f.occ({ id: 'a' }), f.occ({ id: 'b', flags: ['exempt'] }), f.occ({ id: 'c' })]);
    expect(total(u)).toBe('6');
    const note = u.ledger.find((l) => l.msg === 'occurrence.exempt');
    expect(note?.facts).toEqual(['b']);
    expect(note?.ref).toBe('C1');
    expectExplains(note, '1 起属免扣情形（事件处理让群众满意），不扣分');
    expect(sumOf(u, 'deduction')).toBe('-4');
  });

  it('every complaint exempt: full points, the note still says why nothing was deducted', () => {
    const u = score({ rule, points: '10' }, [f.occ({ id: 'a', flags: ['exempt'], count: 2 })]);
    expect(total(u)).toBe('10');
    expectExplains(u.ledger.find((l) => l.msg === 'occurrence.exempt'), '2 起属免扣情形');
    expect(linesOf(u, 'deduction')).toEqual([]);
  });

  it('no exempt occurrence: the plain deduction, no note', () => {
    const u = score({ rule, points: '10' }, f.occs(2));
    expect(total(u)).toBe('6');
    expect(u.ledger.some((l) => l.msg === 'occurrence.exempt')).toBe(false);
  });

  it('another flag is not the exempt case', () => {
    expect(total(score({ rule, points: '10' }, [f.occ({ flags: ['not-rectified'] })]))).toBe('8');
  });

  it('the cap applies to the counted occurrences only', () => {
    const capped: Rule = { ...rule, cap: d(3) } as Rule;
    expect(total(score({ rule: capped, points: '10' }, [...f.occs(3), f.occ({ flags: ['exempt'] })]))).toBe('7');
  });
});
