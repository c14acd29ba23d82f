import * as P from '../../points';
import type { Dec } from '../../points';
import type { CompiledRule } from '../compile.types';
import { findThresholds } from '../phrases';
import { tokenize } from '../rule-tokens';

const CATEGORY_PARAM = 'pointsByCategory.';

/** What a situation earns: its own points, or the item's points by category it was read with ("产区得2分，非产区得1分"). */
export function earns(entry: CompiledRule): string | undefined {
  if (entry.rule.kind !== 'completion') return undefined;
  if (entry.rule.points !== undefined) return `points:${P.toStr(entry.rule.points)}`;
  const byCategory = entry.params.filter((param) => param.name.startsWith(CATEGORY_PARAM)).map((param) => `${param.name}=${param.value}`).sort();
  return byCategory.length >= 2 ? byCategory.join('|') : undefined;
}

/** The figures a situation's words put the unit above or below ("上一年度达到85%以上" → above 85). */
function sides(norm: string, entry: CompiledRule): { value: Dec; direction: 'above' | 'below'; phrase: string }[] {
  const toks = tokenize(norm, entry.span[0], entry.span[1]);
  return findThresholds(norm, toks, 0, toks.length).map((found) => ({ value: found.value, direction: found.direction, phrase: found.phrase }));
}

/**
 * Two situations for the two sides of one figure, each earning the same (the item's full points, or its points by
 * category), written (made up after corpus 06 (10) 2018 and (9) 2019) "上年覆盖率达到90%以上（含）的地区：…保持的，产区得a分、非产区得b分；
 * 否则视情况酌情减分。上年在90%以下的地区：…至少提高2个百分点的，产区得a分、非产区得b分；否则…": a unit is on
 * one side of the figure only, so one situation applies to it and the two never add up — one completion whose condition
 * is the situation of the unit's side, and a judged partial score when it is not met (否则按完成情况酌情减分, `allowPartial`),
 * when a situation says so. Null unless exactly two completions of that shape whose words state the same figure on
 * opposite sides (以上 / 以下, 不低于 / 低于): the points alone never decide it.
 */
export function readComplementarySituations(norm: string, original: string, scoring: CompiledRule[]): CompiledRule | null {
  if (scoring.length !== 2) return null;
  const [first, second] = scoring as [CompiledRule, CompiledRule];
  const earned = earns(first);
  if (earned === undefined || earns(second) !== earned) return null;
  const secondSides = sides(norm, second);
  const split = sides(norm, first).find((one) => secondSides.some((other) => other.value === one.value && other.direction !== one.direction));
  if (!split) return null;
  const otherSide = secondSides.find((other) => other.value === split.value && other.direction !== split.direction)!;
  const allowPartial = scoring.some((entry) => entry.rule.kind === 'completion' && entry.rule.allowPartial === true);
  const span: [number, number] = [first.span[0], second.span[1]];
  const points = first.rule.kind === 'completion' ? first.rule.points : undefined;
  return {
    rule: { kind: 'completion', ...(points !== undefined ? { points } : {}), ...(allowPartial ? { allowPartial: true } : {}) },
    text: original.slice(span[0], span[1]),
    span,
    params: [...first.params, ...second.params, { name: 'sides', value: P.toStr(split.value), phrase: split.phrase }, { name: 'sides', value: P.toStr(split.value), phrase: otherSide.phrase }],
    family: 'complementary-situations',
  };
}
