import * as P from '../../points';
import type { Dec } from '../../points';
import type { CompiledRule } from '../compile.types';
import { trimPunctuation } from '../normalize-text';
import { STACKING_WORDS, containsAny } from '../vocabulary';

const CATEGORY_PARAM = 'pointsByCategory.';

/** The points by category a category-points completion was read with ("产区得2分，非产区得1分"). */
function categoryMap(entry: CompiledRule): Record<string, Dec> | undefined {
  if (entry.rule.kind !== 'completion' || entry.rule.points !== undefined || entry.rule.allowPartial) return undefined;
  const map: Record<string, Dec> = {};
  for (const param of entry.params) if (param.name.startsWith(CATEGORY_PARAM)) map[param.name.slice(CATEGORY_PARAM.length)] = P.dec(param.value);
  return Object.keys(map).length >= 2 ? map : undefined;
}

/** The same points for the same categories, in whatever order the document lists them. */
export function samePointsByCategory(a: Readonly<Record<string, Dec>>, b: Readonly<Record<string, Dec>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && b[key] === a[key]);
}

/** A situation's words before its first category amount: "…督导考核的，产区得2分，…" → "…督导考核的". */
function situationText(entry: CompiledRule): string {
  const first = entry.params.find((param) => param.name.startsWith(CATEGORY_PARAM))!;
  const [category = '', amount = ''] = first.phrase.split('…');
  const at = entry.text.indexOf(amount);
  const cut = at >= category.length ? at - category.length : -1;
  return trimPunctuation(cut > 0 ? entry.text.slice(0, cut) : entry.text);
}

/**
 * Two or more situations that each earn the same points by category (corpus 06 (15): two situations, each
 * "…的，产区得a分，非产区得b分，否则不得分", the second for the provinces the first does not apply to,
 * on an item of 1 分): each one alone is worth the item's full points, so summing them would exceed the
 * item — one situation earns the points: one `any-of` over the situations, its points the item's
 * points by category. Only when every map is the same, the points column states one of the
 * category values and none of their sums, and no 在此基础上 stacks them; otherwise null (review).
 */
export function readCategoryAlternatives(norm: string, scoring: CompiledRule[], itemPoints: Dec | undefined, pointsByCategory: Record<string, Dec> | undefined): CompiledRule | null {
  if (scoring.length < 2 || itemPoints === undefined || !pointsByCategory) return null;
  const maps = scoring.map(categoryMap);
  if (maps.some((map) => map === undefined || !samePointsByCategory(map, pointsByCategory))) return null;
  // The column must state one category's points and no category's sum over the situations
  // (产区1、非产区0.5 twice on 1 分 could be 非产区 0.5 + 0.5: review).
  const values = Object.values(pointsByCategory);
  if (!values.some((value) => P.cmp(value, itemPoints) === 0)) return null;
  if (values.some((value) => P.cmp(P.mulInt(value, scoring.length), itemPoints) === 0)) return null;
  const span: [number, number] = [scoring[0]!.span[0], scoring[scoring.length - 1]!.span[1]];
  if (containsAny(norm.slice(span[0], span[1]), STACKING_WORDS)) return null;
  const options = scoring.map(situationText);
  if (new Set(options).size !== options.length) return null;
  const text = scoring.map((entry) => entry.text).join('');
  return {
    rule: { kind: 'any-of', options },
    text,
    span,
    params: [...scoring.flatMap((entry) => entry.params), { name: 'options', value: String(options.length), phrase: options.join('…') }],
    family: 'category-alternatives',
  };
}
