import { expect } from 'vitest';
import * as P from '../../src/points';
import type { Indicator, Scheme, Unit } from '../../src/scheme/scheme.types';
import type { EvaluationResult } from '../../src/scoring/result.types';

/**
 * A scheme over two provinces of different unit categories (甲省 产区, 乙省 非产区, plus any `extraUnits`),
 * for the tests of rules by unit category; the categories are the units' own.
 */
export function categoryScheme(title: string, indicators: Indicator[], extraUnits: Unit[] = []): Scheme {
  const units: Unit[] = [{ code: 'A', name: '甲省', category: '产区' }, { code: 'B', name: '乙省', category: '非产区' }, ...extraUnits];
  return {
    formatVersion: 1,
    code: 'T',
    year: 2018,
    title,
    settings: {},
    unitCategories: [...new Set(units.map((u) => u.category))].map((c) => ({ code: c, name: c })),
    units,
    rankingGroups: [],
    divisions: [],
    leaders: [],
    assessors: [],
    indicators,
    negativeList: [],
    vetoes: [],
    subAssessments: [],
  };
}

/** Every unit's ledger adds up exactly to its total. */
export function reconciles(r: EvaluationResult): void {
  for (const u of r.units) expect(P.toStr(P.sum(u.ledger.map((l) => l.amount)))).toBe(P.toStr(u.total));
}
