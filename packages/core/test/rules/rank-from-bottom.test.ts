/** External rank counted from the bottom (ExternalRankRule.fromBottom), read from corpus 08 (3.1). */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/rule.types';
import { clauseStatus, d, expectExplains, f, linesOf, score, total } from '../test-scheme';

describe('external-rank fromBottom: the score by place counted from the bottom', () => {
  // corpus 08 (3.1), its shape with these figures: places 1–3 from the bottom score 2, 1.9, 1.8 and each place above them 0.1 less than the one below (倒数第1名…第n名的分别计a、b、c分，倒数第n+1名及以上的，每进1名扣s分) (2 分)
  const rule: Rule = { kind: 'external-rank', fromBottom: { scores: [d('2'), d('1.9'), d('1.8')], perPlaceUp: d('0.1') } };
  it.each([
    { rank: 11, want: '2' }, // 11 of 11: bottom place 1 → 2
    { rank: 10, want: '1.9' }, // place 2
    { rank: 9, want: '1.8' }, // place 3
    { rank: 8, want: '1.7' }, // place 4: 1.8 − 1 × 0.1
    { rank: 1, want: '1' }, // place 11: 1.8 − 8 × 0.1
  ])('rank $rank of 11 → $want', ({ rank, want }) => {
    expect(total(score({ rule, points: '2' }, [f.rank(rank, { of: 11 })]))).toBe(want);
  });

  it('never below 0: place 30 of 30 places up is 1.8 − 27 × 0.1 → 0', () => {
    expect(total(score({ rule, points: '2' }, [f.rank(1, { of: 30 })]))).toBe('0');
  });

  it('the ledger line gives the place from the bottom and the arithmetic, and reconciles (score() checks the ledger)', () => {
    const u = score({ rule, points: '2', clause: { source: { file: '08.tsv', line: 18 } } }, [f.rank(8, { of: 11 })]);
    const line = linesOf(u, 'score')[0];
    expectExplains(line, '全省 11 个中排第 8 名，即倒数第 4 名，比倒数第 3 名前进 1 名：1.8 − 1 × 0.1 = 1.7 分');
    expect(line!.ref).toBe('C1');
  });

  it('a rank fact without its total (of) waits: the place from the bottom cannot be counted', () => {
    const u = score({ rule, points: '2' }, [f.rank(3)]);
    expect(clauseStatus(u)).toBe('needs-judgement');
    expect(u.ledger.some((l) => l.msg === 'rank.from-bottom-no-total')).toBe(true);
  });

  it('a rank beyond its total goes to review', () => {
    const u = score({ rule, points: '2' }, [f.rank(12, { of: 11 })]);
    expect(clauseStatus(u)).toBe('needs-review');
  });
});
