/** Successive quotas (issue 14 item 6): the overflow of one grade's quota meets the next grade's quota. */
import { describe, expect, it } from 'vitest';
import type { Grading, Indicator } from '../scheme/scheme.types';
import { buildScheme, d, f, run } from '../../test/test-scheme';

const item: Indicator = { code: 'I1', title: '总分', points: d(100) };
const grading: Grading = {
  grades: [
    { code: '优秀', name: '优秀' },
    { code: '良好', name: '良好' },
    { code: '合格', name: '合格' },
  ],
  method: 'score-bands',
  bands: [
    { grade: '优秀', min: d(80) },
    { grade: '良好', min: d(60) },
  ],
  // 优秀 at most 1, 良好 at most 1: the second quota must apply too
  quotas: [
    { grade: '优秀', max: 1, scope: 'all' },
    { grade: '良好', max: 1, scope: 'all' },
  ],
};

describe('grading: successive quotas', () => {
  it('95, 90, 85, 70: one 优秀, the overflow fills 良好 up to its quota, the rest 合格', () => {
    const r = run(buildScheme({ indicators: [item], units: 4, grading }), ['95', '90', '85', '70'].map((t, i) => f.judge(t, { unit: `U${i + 1}`, ref: 'I1' })));
    expect(r.units.map((u) => u.grade)).toEqual(['优秀', '良好', '合格', '合格']);
  });
});
