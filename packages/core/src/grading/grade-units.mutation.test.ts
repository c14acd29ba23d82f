/**
 * Survivors of the first mutation run of grading/ (docs/testing.md): quotas listed worst grade
 * first, quotas per group, the rounding of rank percentiles, and the notes every grade decision
 * leaves for the ledger. Through the public gradeUnits.
 */
import { describe, expect, it } from 'vitest';
import { dec } from '../points';
import type { Grading } from '../scheme/scheme.types';
import { type Gradable, gradeUnits, gradingFlags } from './grade-units';

const grades = [
  { code: '优秀', name: '优秀' },
  { code: '良好', name: '良好' },
  { code: '合格', name: '合格' },
];
const bands: Grading['bands'] = [
  { grade: '优秀', min: dec(80) },
  { grade: '良好', min: dec(60) },
];
const unit = (code: string, total: string, extra: Partial<Gradable> = {}): Gradable => ({ unit: code, total: dec(total), vetoed: false, deductionTotal: dec(0), negativeTotal: dec(0), flags: [], ...extra });
const gradesOf = (grading: Grading, units: Gradable[], groupOf: (u: string) => string = () => 'g') => gradeUnits(grading, units, groupOf).map((o) => o.grade);
const four = [unit('U1', '95'), unit('U2', '90'), unit('U3', '85'), unit('U4', '70')];

describe('grading: quotas', () => {
  it('quotas listed worst grade first still apply best grade first', () => {
    const grading: Grading = { grades, method: 'score-bands', bands, quotas: [{ grade: '良好', max: 1, scope: 'all' }, { grade: '优秀', max: 1, scope: 'all' }] };
    expect(gradesOf(grading, four)).toEqual(['优秀', '良好', '合格', '合格']);
  });

  it('a group quota counts each group separately; an all quota counts everyone', () => {
    const groupOf = (u: string) => (u === 'U1' || u === 'U2' ? 'A' : 'B');
    const units = [unit('U1', '95'), unit('U2', '90'), unit('U3', '85'), unit('U4', '82')];
    expect(gradesOf({ grades, method: 'score-bands', bands, quotas: [{ grade: '优秀', max: 1, scope: 'group' }] }, units, groupOf)).toEqual(['优秀', '良好', '优秀', '良好']);
    expect(gradesOf({ grades, method: 'score-bands', bands, quotas: [{ grade: '优秀', max: 1, scope: 'all' }] }, units, groupOf)).toEqual(['优秀', '良好', '良好', '良好']);
  });

  it('a percent quota rounds down by default, up when it says ceil, to the nearest when exact', () => {
    // 30 % of 4 = 1.2, of 5 = 1.5
    const at = (rounding: 'floor' | 'ceil' | 'exact' | undefined, units: Gradable[]) =>
      gradesOf({ grades, method: 'score-bands', bands, quotas: [{ grade: '优秀', maxPercent: dec(30), scope: 'all', ...(rounding ? { rounding } : {}) }] }, units);
    const five = [...four.slice(0, 3).map((u) => ({ ...u })), unit('U4', '84'), unit('U5', '83')];
    expect(at(undefined, five).filter((g) => g === '优秀').length).toBe(1);
    expect(at('floor', five).filter((g) => g === '优秀').length).toBe(1);
    expect(at('ceil', four).filter((g) => g === '优秀').length).toBe(2);
    expect(at('exact', five).filter((g) => g === '优秀').length).toBe(2);
    expect(at('exact', four).filter((g) => g === '优秀').length).toBe(1);
  });

  it('a tie at the quota edge: exclude-tied (default) moves both down, include-tied keeps both; the notes say which', () => {
    const tied = [unit('U1', '95'), unit('U2', '90'), unit('U3', '90'), unit('U4', '70')];
    const quota = [{ grade: '优秀', max: 2, scope: 'all' as const }];
    const exclude = gradeUnits({ grades, method: 'score-bands', bands, quotas: quota }, tied, () => 'g');
    expect(exclude.map((o) => o.grade)).toEqual(['优秀', '良好', '良好', '良好']);
    expect(exclude[1]!.notes).toEqual(['grade.quota-tie|优秀|2|exclude-tied']);
    const include = gradeUnits({ grades, method: 'score-bands', bands, quotas: quota, tiePolicy: 'include-tied' }, tied, () => 'g');
    expect(include.map((o) => o.grade)).toEqual(['优秀', '优秀', '优秀', '良好']);
    const plain = gradeUnits({ grades, method: 'score-bands', bands, quotas: [{ grade: '优秀', max: 1, scope: 'all' }] }, four, () => 'g');
    expect(plain.map((o) => o.notes)).toEqual([[], ['grade.quota|优秀|1'], ['grade.quota|优秀|1'], []]);
  });

  it('overflow of the last grade stays in it', () => {
    const grading: Grading = { grades, method: 'score-bands', bands: [{ grade: '合格', min: dec(0) }], quotas: [{ grade: '合格', max: 1, scope: 'all' }] };
    expect(gradesOf(grading, four)).toEqual(['合格', '合格', '合格', '合格']);
  });
});

describe('grading: bands, percentiles, exceptions', () => {
  it('a band with minInclusive false needs more than its minimum; otherwise names the grade below every band', () => {
    const grading: Grading = { grades, method: 'score-bands', bands: [{ grade: '优秀', min: dec(90), minInclusive: false }, { grade: '良好', min: dec(60) }], otherwise: '合格' };
    expect(gradesOf(grading, [unit('U1', '90'), unit('U2', '90.01'), unit('U3', '60'), unit('U4', '59.99')])).toEqual(['良好', '优秀', '良好', '合格']);
  });

  it('rank percentiles round the cut-off to the nearest by default (exact), floor or ceil when stated, and note it', () => {
    const pct = (rounding: 'floor' | 'ceil' | 'exact' | undefined, rank: number, of: number) =>
      gradeUnits({ grades, method: 'rank-percentile', percentiles: [{ grade: '优秀', upToPercent: dec(30) }], ...(rounding ? { percentileRounding: rounding } : {}) }, [unit('U1', '80', { groupRank: { group: 'g', rank, of } })], () => 'g')[0]!;
    expect(pct(undefined, 2, 5)).toEqual({ unit: 'U1', grade: '优秀', notes: ['grade.percentile|优秀|30|2|2|5'] }); // 1.5 → 2
    expect(pct(undefined, 2, 4).grade).toBe('合格'); // 1.2 → 1
    expect(pct('floor', 2, 5).grade).toBe('合格');
    expect(pct('ceil', 2, 4).grade).toBe('优秀');
    expect(pct('exact', 1, 4).grade).toBe('优秀');
  });

  it('exceptions cap or force by condition; vetoes cap and force; every decision leaves its note', () => {
    const grading: Grading = {
      grades,
      method: 'score-bands',
      bands,
      exceptions: [
        { when: { deductionAtLeast: dec(2) }, maxGrade: '良好', label: '扣分较多' },
        { when: { flag: '弄虚作假' }, forceGrade: '合格', label: '弄虚作假' },
        { when: { negativeListAtLeast: dec(1) }, maxGrade: '良好' },
        { when: { scoreBelow: dec(90), vetoed: false }, maxGrade: '良好', label: '未达90' },
      ],
    };
    const out = gradeUnits(
      grading,
      [
        unit('U1', '95', { deductionTotal: dec(2) }),
        unit('U2', '95', { deductionTotal: dec('1.99') }),
        unit('U3', '95', { flags: ['弄虚作假'] }),
        unit('U4', '95', { negativeTotal: dec(1) }),
        unit('U5', '95', { negativeTotal: dec('0.99') }),
        unit('U6', '89.99'),
        unit('U7', '90'),
        unit('U8', '95', { maxGrade: '良好' }),
        unit('U9', '95', { forcedGrade: '合格' }),
        unit('U10', '85', { vetoed: true }),
      ],
      () => 'g',
    );
    expect(out.map((o) => [o.unit, o.grade, o.notes])).toEqual([
      ['U1', '良好', ['grade.capped|优秀|良好|扣分较多']],
      ['U2', '优秀', []],
      ['U3', '合格', ['grade.forced|合格|弄虚作假']],
      ['U4', '良好', ['grade.capped|优秀|良好|']],
      ['U5', '优秀', []],
      ['U6', '良好', ['grade.capped|优秀|良好|未达90']],
      ['U7', '优秀', []],
      ['U8', '良好', ['grade.capped|优秀|良好|veto']],
      ['U9', '合格', ['grade.forced|合格|veto']],
      ['U10', '优秀', []], // vetoed: the scoreBelow exception asks for vetoed false
    ]);
  });

  it('a cap never raises a grade that is already lower', () => {
    const out = gradeUnits({ grades, method: 'score-bands', bands, exceptions: [{ when: {}, maxGrade: '良好', label: 'x' }] }, [unit('U1', '50')], () => 'g');
    expect(out[0]).toEqual({ unit: 'U1', grade: '合格', notes: [] });
  });

  it('grading flags are the variants of true flag facts only', () => {
    expect(
      gradingFlags([
        { type: 'flag', value: true, variant: '弄虚作假' },
        { type: 'flag', value: false, variant: '存在突出问题' },
        { type: 'flag', value: true },
      ] as never),
    ).toEqual(['弄虚作假']);
  });
});

describe('grading: survivors of the second run (2026-12-02)', () => {
  it('a cap to the grade a unit already has leaves no note', () => {
    const out = gradeUnits({ grades, method: 'score-bands', bands, exceptions: [{ when: {}, maxGrade: '良好', label: 'x' }] }, [unit('U1', '70'), unit('U2', '70', { maxGrade: '良好' })], () => 'g');
    expect(out).toEqual([
      { unit: 'U1', grade: '良好', notes: [] },
      { unit: 'U2', grade: '良好', notes: [] },
    ]);
  });

  it('an exception that forces a grade notes the grade and its label, or an empty label', () => {
    const grading: Grading = { grades, method: 'score-bands', bands, exceptions: [{ when: { scoreBelow: dec(90) }, forceGrade: '合格' }, { when: { flag: '存在突出问题' }, forceGrade: '良好', label: '突出问题' }] };
    const out = gradeUnits(grading, [unit('U1', '85'), unit('U2', '95', { flags: ['存在突出问题'] })], () => 'g');
    expect(out).toEqual([
      { unit: 'U1', grade: '合格', notes: ['grade.forced|合格|'] },
      { unit: 'U2', grade: '良好', notes: ['grade.forced|良好|突出问题'] },
    ]);
  });

  it('an unranked unit has no grade field at all (not one set to undefined)', () => {
    const out = gradeUnits({ grades, method: 'rank-percentile', percentiles: [{ grade: '优秀', upToPercent: dec(100) }] }, [unit('U1', '80')], () => 'g');
    expect(out[0]).toStrictEqual({ unit: 'U1', notes: ['grade.unranked'] });
    expect(Object.keys(out[0]!)).toEqual(['unit', 'notes']);
  });

  it('an unranked unit is not in the base of a percent quota: 50 % of 3 ranked = 1, not 50 % of 4 = 2', () => {
    const ranked = (code: string, total: string, rank: number) => unit(code, total, { groupRank: { group: 'g', rank, of: 3 } });
    const grading: Grading = { grades, method: 'rank-percentile', percentiles: [{ grade: '优秀', upToPercent: dec(100) }], quotas: [{ grade: '优秀', maxPercent: dec(50), scope: 'all' }] };
    const out = gradeUnits(grading, [ranked('U1', '95', 1), ranked('U2', '90', 2), ranked('U3', '85', 3), unit('U4', '99')], () => 'g');
    expect(out.map((o) => o.grade)).toEqual(['优秀', '良好', '良好', undefined]);
  });
});
