import * as P from '../points';
import type { Dec } from '../points';
import type { Band, Rule } from '../rules/rule.types';
import { peerMetric, ruleEffect } from '../rules/evaluate-rule';
import type { Code, Indicator, Scheme, Scope } from './scheme.types';

/** A warning about what real schemes get wrong (catalogue §8.2). Lint never throws. */
export type LintIssue = {
  severity: 'error' | 'warning';
  code:
    | 'points-sum'
    | 'unit-total'
    | 'band-gap'
    | 'band-overlap'
    | 'quota'
    | 'unknown-reference'
    | 'duplicate-code'
    | 'cascade-below-parent'
    | 'cascade-below-upper'
    | 'needs-review'
    | 'nested-bonus'
    | 'category-rule'
    | 'after-zero';
  path: string;
  message: string;
};

const EFFECT_ZH = { score: '得分', deduction: '扣分', bonus: '加分', zero: '不得分' } as const;

export function lintScheme(scheme: Scheme): LintIssue[] {
  const issues: LintIssue[] = [];
  const warn = (code: LintIssue['code'], path: string, message: string, severity: LintIssue['severity'] = 'warning'): void => {
    issues.push({ severity, code, path, message });
  };
  const s = P.toStr;

  // Duplicate codes.
  const seen = new Map<string, string>();
  const claim = (kind: string, code: Code, path: string): void => {
    const key = `${kind}:${code}`;
    const prev = seen.get(key);
    if (prev) warn('duplicate-code', path, `编码“${code}”重复（另见 ${prev}）`, 'error');
    else seen.set(key, path);
  };
  scheme.units.forEach((u, i) => claim('unit', u.code, `units[${i}]`));
  scheme.unitCategories.forEach((c, i) => claim('category', c.code, `unitCategories[${i}]`));
  scheme.rankingGroups.forEach((g, i) => claim('group', g.code, `rankingGroups[${i}]`));
  scheme.divisions.forEach((d, i) => claim('division', d.code, `divisions[${i}]`));
  scheme.leaders.forEach((d, i) => claim('leader', d.code, `leaders[${i}]`));
  scheme.assessors.forEach((d, i) => claim('assessor', d.code, `assessors[${i}]`));

  const categories = new Set(scheme.unitCategories.map((c) => c.code));
  const units = new Set(scheme.units.map((u) => u.code));
  const groups = new Set(scheme.rankingGroups.map((g) => g.code));
  const divisions = new Set(scheme.divisions.map((d) => d.code));
  const leaders = new Set(scheme.leaders.map((d) => d.code));
  const assessors = new Set(scheme.assessors.map((d) => d.code));
  const grades = new Set((scheme.grading?.grades ?? []).map((g) => g.code));
  const subs = new Set(scheme.subAssessments.map((x) => x.code));
  const indicatorCodes = new Set<Code>();
  const dataItemUses: { code: Code; path: string }[] = [];

  const ref = (set: Set<Code>, kind: string, codes: readonly Code[] | undefined, path: string): void => {
    for (const c of codes ?? []) if (!set.has(c)) warn('unknown-reference', path, `未定义的${kind}“${c}”`, 'error');
  };
  const scope = (sc: Scope | undefined, path: string): void => {
    if (!sc) return;
    ref(categories, '单位类别', sc.categories, `${path}.appliesTo.categories`);
    ref(groups, '排名分组', sc.groups, `${path}.appliesTo.groups`);
    ref(units, '单位', sc.units, `${path}.appliesTo.units`);
    ref(units, '单位', sc.exceptUnits, `${path}.appliesTo.exceptUnits`);
  };
  scheme.units.forEach((u, i) => {
    ref(categories, '单位类别', [u.category], `units[${i}].category`);
    ref(groups, '排名分组', u.groups, `units[${i}].groups`);
  });
  scheme.rankingGroups.forEach((g, i) => {
    ref(categories, '单位类别', g.categories, `rankingGroups[${i}].categories`);
    ref(units, '单位', g.units, `rankingGroups[${i}].units`);
  });

  const walk = (node: Indicator, path: string, depth: number): void => {
    claim('indicator', node.code, path);
    indicatorCodes.add(node.code);
    scope(node.appliesTo, path);
    ref(divisions, '责任处室', node.divisions, `${path}.divisions`);
    ref(leaders, '牵头领导', node.leaders, `${path}.leaders`);
    ref(assessors, '考核牵头部门', node.leadAssessors, `${path}.leadAssessors`);
    ref(categories, '单位类别', Object.keys(node.pointsByCategory ?? {}), `${path}.pointsByCategory`);
    ref(units, '单位', Object.keys(node.pointsByUnit ?? {}), `${path}.pointsByUnit`);
    ref(units, '单位', Object.keys(node.targets ?? {}), `${path}.targets`);
    if (node.role === 'bonus' && depth > 0) warn('nested-bonus', path, '加分项应位于指标树的第一层', 'error');
    const kids = (node.children ?? []).filter((c) => c.role !== 'bonus');
    if (node.points !== undefined && kids.length > 0 && kids.every((c) => c.points !== undefined)) {
      const total = P.sum(kids.map((c) => c.points!));
      // A rescaled item (按百分制计分，按权重N分折算): its children add up to the scale, not the weight.
      const expected = node.rescale ? node.rescale.from : node.points;
      if (total !== expected) warn('points-sum', path, node.rescale ? `“${node.title}”按 ${s(expected)} 分制计分，下级指标合计 ${s(total)} 分` : `“${node.title}”分值 ${s(node.points)} 分，下级指标合计 ${s(total)} 分`);
    }
    for (const cat of Object.keys(node.pointsByCategory ?? {})) {
      const parent = node.pointsByCategory![cat]!;
      const parts = kids.map((c) => c.pointsByCategory?.[cat] ?? c.points);
      if (kids.length > 0 && parts.every((p) => p !== undefined)) {
        const total = P.sum(parts as Dec[]);
        if (total !== parent) warn('points-sum', path, `“${node.title}”对类别 ${cat} 分值 ${s(parent)} 分，下级指标合计 ${s(total)} 分`);
      }
    }
    (node.clauses ?? []).forEach((c, j) => {
      const cp = `${path}.clauses[${j}]`;
      claim('clause', c.code, cp);
      if (c.dataItem !== undefined) dataItemUses.push({ code: c.dataItem, path: `${cp}.dataItem` });
      ref(divisions, '责任处室', c.divisions, `${cp}.divisions`);
      ref(divisions, '参与处室', c.participatingDivisions, `${cp}.participatingDivisions`);
      ref(leaders, '牵头领导', c.leaders, `${cp}.leaders`);
      ref(assessors, '考核牵头部门', c.leadAssessors, `${cp}.leadAssessors`);
      if (c.status === 'needs-review') warn('needs-review', cp, `条款待复核：${c.reviewReason ?? c.text.slice(0, 40)}`);
      lintRule(c.rule, `${cp}.rule`, warn, subs);
      // Rules by unit category: known categories, one effect (the clause is planned once for every
      // unit as a score or a deduction), and no rule that reads other units (peer values are per clause).
      ref(categories, '单位类别', Object.keys(c.ruleByCategory ?? {}), `${cp}.ruleByCategory`);
      for (const [cat, rule] of Object.entries(c.ruleByCategory ?? {})) {
        const rp = `${cp}.ruleByCategory.${cat}`;
        lintRule(rule, rp, warn, subs);
        if (ruleEffect(rule) !== ruleEffect(c.rule)) warn('category-rule', rp, `类别“${cat}”的规则与条款的默认规则计分方式不同（${EFFECT_ZH[ruleEffect(rule)]} / ${EFFECT_ZH[ruleEffect(c.rule)]}），同一条款的各类别规则须同为得分、扣分或加分`, 'error');
        if (peerMetric(rule) !== undefined) warn('category-rule', rp, `类别“${cat}”的规则需要与其他单位比较（${rule.kind}），按单位类别的规则不能跨单位计分`, 'error');
      }
      // 此项不得分，同时倒扣N分: only a deduction is taken after the item's zeroing.
      if (c.afterZero === true && ruleEffect(c.rule) !== 'deduction') warn('after-zero', `${cp}.afterZero`, `afterZero（此项不得分后再倒扣）只用于扣分规则，本条款的规则是${EFFECT_ZH[ruleEffect(c.rule)]}`, 'error');
    });
    (node.children ?? []).forEach((c, j) => walk(c, `${path}.children[${j}]`, depth + 1));
  };
  scheme.indicators.forEach((n, i) => walk(n, `indicators[${i}]`, 0));

  // Each unit's scheme should total the same full points (usually 100).
  const totals = new Map<string, Dec>();
  for (const u of scheme.units) {
    let t = P.ZERO;
    const add = (n: Indicator): void => {
      if (n.role === 'bonus') return;
      if (n.appliesTo && !matchesUnit(n.appliesTo, u.code, u.category, u.groups ?? [], scheme)) return;
      const pts = n.pointsByUnit?.[u.code] ?? n.pointsByCategory?.[u.category] ?? n.points;
      if (pts !== undefined) t = P.add(t, pts);
    };
    scheme.indicators.forEach(add);
    totals.set(u.code, t);
  }
  const counts = new Map<Dec, number>();
  for (const t of totals.values()) counts.set(t, (counts.get(t) ?? 0) + 1);
  if (counts.size > 1) {
    const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    scheme.units.forEach((u, i) => {
      const t = totals.get(u.code)!;
      if (t !== common) warn('unit-total', `units[${i}]`, `“${u.name}”的指标分值合计 ${s(t)} 分，多数单位为 ${s(common)} 分`);
    });
  }

  scheme.negativeList.forEach((n, i) => {
    claim('negative', n.code, `negativeList[${i}]`);
    scope(n.appliesTo, `negativeList[${i}]`);
    ref(units, '单位', n.responsibleUnits, `negativeList[${i}].responsibleUnits`);
    if (n.rule) lintRule(n.rule, `negativeList[${i}].rule`, warn, subs);
  });
  scheme.vetoes.forEach((v, i) => {
    claim('veto', v.code, `vetoes[${i}]`);
    scope(v.appliesTo, `vetoes[${i}]`);
    v.effects.forEach((e, j) => {
      if (e.type === 'zero-indicator' && !indicatorCodes.has(e.indicator)) warn('unknown-reference', `vetoes[${i}].effects[${j}]`, `未定义的指标“${e.indicator}”`, 'error');
      if ((e.type === 'max-grade' || e.type === 'force-grade') && !grades.has(e.grade)) warn('unknown-reference', `vetoes[${i}].effects[${j}]`, `未定义的等次“${e.grade}”`, 'error');
      if (e.type === 'bar-grade') {
        const named = scheme.grading?.grades.find((g) => g.code === e.grade || g.name === e.grade);
        if (scheme.grading && !named) warn('unknown-reference', `vetoes[${i}].effects[${j}]`, `未定义的等次“${e.grade}”`, 'error');
        else if (!scheme.grading) warn('unknown-reference', `vetoes[${i}].effects[${j}]`, `方案未设置等次：一票否优（不得评为“${e.grade}”）在设置等次后才限制等次，目前只记入计分明细`);
      }
    });
  });

  // 最多报一次: a shared data item's code must name nothing else, or a fact at it would be ambiguous
  const taken = new Set<Code>([...indicatorCodes, ...scheme.negativeList.map((n) => n.code), ...scheme.vetoes.map((v) => v.code), ...subs, 'grading']);
  for (const [, site] of walkClauses(scheme.indicators)) taken.add(site);
  for (const u of dataItemUses) if (taken.has(u.code)) warn('duplicate-code', u.path, `数据项编码“${u.code}”与方案中的其他编码相同，请另取一个`, 'error');

  const g = scheme.grading;
  if (g) {
    const gradeRef = (c: Code, path: string): void => {
      if (!grades.has(c)) warn('unknown-reference', path, `未定义的等次“${c}”`, 'error');
    };
    g.bands?.forEach((b, i) => gradeRef(b.grade, `grading.bands[${i}].grade`));
    g.percentiles?.forEach((b, i) => gradeRef(b.grade, `grading.percentiles[${i}].grade`));
    g.exceptions?.forEach((e, i) => {
      if (e.maxGrade) gradeRef(e.maxGrade, `grading.exceptions[${i}].maxGrade`);
      if (e.forceGrade) gradeRef(e.forceGrade, `grading.exceptions[${i}].forceGrade`);
    });
    if (g.method === 'score-bands' && g.bands) {
      for (let i = 1; i < g.bands.length; i++) {
        if (g.bands[i]!.min >= g.bands[i - 1]!.min) warn('band-overlap', `grading.bands[${i}]`, '等次分数线应从高到低排列');
      }
    }
    if (g.method === 'rank-percentile' && g.percentiles) {
      for (let i = 1; i < g.percentiles.length; i++) {
        if (g.percentiles[i]!.upToPercent <= g.percentiles[i - 1]!.upToPercent) warn('band-overlap', `grading.percentiles[${i}]`, '名次百分比应从小到大排列');
      }
    }
    g.quotas?.forEach((q, i) => {
      const path = `grading.quotas[${i}]`;
      gradeRef(q.grade, `${path}.grade`);
      if (q.max === undefined && q.maxPercent === undefined) warn('quota', path, '名额未给出人数或比例', 'error');
      if (q.maxPercent !== undefined && (q.maxPercent <= 0 || q.maxPercent > P.HUNDRED)) warn('quota', path, `名额比例 ${s(q.maxPercent)}% 不在 0–100% 之间`, 'error');
      if (q.max !== undefined && q.max < 1) warn('quota', path, `名额 ${q.max} 个，该等次无法评出`);
      if (q.maxPercent !== undefined) {
        const scopeSizes = q.scope === 'group' ? scheme.rankingGroups.map((gr) => ({ name: gr.name, n: countGroup(scheme, gr.code) })) : [{ name: '全部单位', n: scheme.units.length }];
        for (const sz of scopeSizes) {
          const n = P.steps(P.mulInt(q.maxPercent, sz.n), P.HUNDRED, q.rounding === 'ceil' ? 'ceil' : q.rounding === 'exact' ? 'half-up' : 'floor');
          if (n < 1 && sz.n > 0) warn('quota', path, `“${sz.name}”共 ${sz.n} 个单位，按 ${s(q.maxPercent)}% 计名额为 0，该等次无法评出`);
        }
      }
    });
  }

  (scheme.cascades ?? []).forEach((c, i) => {
    const path = `cascades[${i}]`;
    const ind = findIndicator(scheme.indicators, c.indicator);
    if (!ind) {
      warn('unknown-reference', path, `未定义的指标“${c.indicator}”`, 'error');
      return;
    }
    let total = P.ZERO;
    for (const t of Object.values(ind.targets ?? {})) {
      const v = c.metric ? t.values?.[c.metric] : t.value;
      if (v !== undefined) total = P.add(total, v);
    }
    const unit = c.unit ?? '';
    if (total < c.parent.value) warn('cascade-below-parent', path, `“${c.title}”各单位分解目标合计 ${s(total)}${unit}，低于上级目标 ${s(c.parent.value)}${unit}`);
    if (c.upper && c.parent.value < c.upper.value) warn('cascade-below-upper', path, `“${c.title}”本级目标 ${s(c.parent.value)}${unit} 低于上级下达目标 ${s(c.upper.value)}${unit}`);
  });
  return issues;
}

function countGroup(scheme: Scheme, code: Code): number {
  const g = scheme.rankingGroups.find((x) => x.code === code);
  if (!g) return 0;
  return scheme.units.filter((u) => g.units?.includes(u.code) || g.categories?.includes(u.category) || u.groups?.includes(code)).length;
}

function matchesUnit(sc: Scope, unit: Code, category: Code, unitGroups: Code[], scheme: Scheme): boolean {
  if (sc.exceptUnits?.includes(unit)) return false;
  if (!sc.units && !sc.categories && !sc.groups) return true;
  if (sc.units?.includes(unit) || sc.categories?.includes(category)) return true;
  return (sc.groups ?? []).some((g) => unitGroups.includes(g) || scheme.rankingGroups.find((x) => x.code === g)?.categories?.includes(category));
}

function findIndicator(list: readonly Indicator[], code: Code): Indicator | undefined {
  for (const n of list) {
    if (n.code === code) return n;
    const inner = findIndicator(n.children ?? [], code);
    if (inner) return inner;
  }
  return undefined;
}

type Warn = (code: LintIssue['code'], path: string, message: string, severity?: LintIssue['severity']) => void;

function lintRule(rule: Rule, path: string, warn: Warn, subs: Set<Code>): void {
  if (rule.kind === 'bands') lintBands(rule.bands, `${path}.bands`, warn);
  if (rule.kind === 'conversion') {
    if (rule.from !== undefined && !subs.has(rule.from)) warn('unknown-reference', `${path}.from`, `未定义的专项考核“${rule.from}”`, 'error');
    if (rule.method.type === 'bands') lintBands(rule.method.bands, `${path}.method.bands`, warn);
  }
  if (rule.kind === 'rank-bands') {
    const sorted = [...rule.bands].sort((a, b) => a.from - b.from);
    for (let i = 1; i < sorted.length; i++) {
      const prevTo = sorted[i - 1]!.to;
      if (prevTo === undefined || prevTo >= sorted[i]!.from) warn('band-overlap', `${path}.bands`, `名次段 ${sorted[i - 1]!.from}-${prevTo ?? ''} 与 ${sorted[i]!.from}- 重叠`);
      else if (prevTo + 1 < sorted[i]!.from) warn('band-gap', `${path}.bands`, `名次 ${prevTo + 1}–${sorted[i]!.from - 1} 不在任何名次段内`);
    }
  }
}

/** Bands sorted by lower edge must touch: a gap leaves values ungraded (003:4843 69 < s < 70). */
function lintBands(bands: readonly Band[], path: string, warn: Warn): void {
  const sorted = [...bands].filter((b) => b.min !== undefined || b.max !== undefined).sort((a, b) => (a.min ?? -Infinity) - (b.min ?? -Infinity));
  for (let i = 1; i < sorted.length; i++) {
    const lo = sorted[i - 1]!;
    const hi = sorted[i]!;
    if (lo.max === undefined || hi.min === undefined) {
      warn('band-overlap', path, `档次 ${describe(lo)} 与 ${describe(hi)} 重叠`);
      continue;
    }
    if (lo.max < hi.min) warn('band-gap', path, `${P.toStr(lo.max)} 至 ${P.toStr(hi.min)} 之间的值不在任何档内`);
    else if (lo.max > hi.min) warn('band-overlap', path, `档次 ${describe(lo)} 与 ${describe(hi)} 重叠`);
    else {
      const loHas = lo.maxInclusive === true;
      const hiHas = hi.minInclusive !== false;
      if (!loHas && !hiHas) warn('band-gap', path, `边界值 ${P.toStr(lo.max)} 不在任何档内`);
      if (loHas && hiHas) warn('band-overlap', path, `边界值 ${P.toStr(lo.max)} 同时属于两档`);
    }
  }
}

function describe(b: Band): string {
  return `${b.min === undefined ? '' : P.toStr(b.min)}–${b.max === undefined ? '' : P.toStr(b.max)}`;
}

function* walkClauses(list: readonly Indicator[]): Generator<[Indicator, Code]> {
  for (const n of list) {
    for (const c of n.clauses ?? []) yield [n, c.code];
    yield* walkClauses(n.children ?? []);
  }
}
