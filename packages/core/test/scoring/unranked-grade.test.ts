/**
 * Rank-percentile grading of a unit that is in no ranking group (seed 001's 本级: the county's own
 * indicators, assessed by the city, not ranked among the towns): it gets no grade, with the reason,
 * instead of the lowest grade by default; and it does not count in a quota's base.
 */
import { describe, expect, it } from 'vitest';
import type { Grading, Indicator } from '../../src/scheme/scheme.types';
import { describeGradeNote } from '../../src/explain/explain';
import { buildScheme, d, f, run } from '../test-scheme';

const item: Indicator = { code: 'I1', title: '总分', points: d(100) };
const grading: Grading = {
  grades: [
    { code: 'excellent', name: '优秀' },
    { code: 'pass', name: '合格' },
  ],
  method: 'rank-percentile',
  percentiles: [
    { grade: 'excellent', upToPercent: d(50) },
    { grade: 'pass', upToPercent: d(100) },
  ],
  quotas: [{ grade: 'excellent', max: 1, scope: 'all' }],
};

function scheme() {
  const s = buildScheme({ indicators: [item], groups: { T: 2 }, grading });
  // one more unit in a category of its own that no ranking group takes in
  s.unitCategories.push({ code: 'SELF', name: '本级' });
  s.units.push({ code: 'SELF1', name: '本级', category: 'SELF' });
  return s;
}

describe('grading a unit outside every ranking group', () => {
  it('ranks and grades the towns, and leaves 本级 ungraded with the reason', () => {
    const r = run(scheme(), [f.judge('90', { unit: 'T1', ref: 'I1' }), f.judge('80', { unit: 'T2', ref: 'I1' }), f.judge('99', { unit: 'SELF1', ref: 'I1' })]);
    const by = new Map(r.units.map((u) => [u.unit, u]));
    expect([by.get('T1')!.grade, by.get('T2')!.grade]).toEqual(['excellent', 'pass']);
    const self = by.get('SELF1')!;
    expect(self.ranks).toEqual([]);
    expect(self.grade).toBeUndefined();
    expect(self.gradeNotes).toEqual(['grade.unranked']);
    expect(describeGradeNote(self.gradeNotes[0]!, grading.grades)).toBe('未参加任何排名组，按组内名次百分比定等次不适用，不评定等次');
    // the quota of one 优秀 is met by T1 alone: 本级's 99 is not in its base and takes nothing from it
    expect(by.get('T1')!.gradeNotes.some((n) => n.startsWith('grade.quota'))).toBe(false);
  });
});
