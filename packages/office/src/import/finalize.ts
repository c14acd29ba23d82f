import { sum as sumPoints, type Clause, type Dec, type Indicator, type NegativeItem, type RankingGroup, type Rule, type Scheme, type Scope, type Unit, type UnitCategory, type VetoItem, type SourceRef as CoreSource } from '@kaohe/core';
import type { SourceRef } from '../document';
import { categoryName } from './layout/layout-common';
import type { BuildState, ClauseDraftNode, DraftNode } from './draft.types';
import type { RuleParam } from './rule-text';

/** One clause of the imported scheme as the report shows it: what it compiled to and from which phrases. */
export type ClauseRecord = {
  code: string;
  indicator: string;
  text: string;
  status: 'ok' | 'needs-review';
  reason?: string;
  unread?: { text: string; reason: string; suggestion?: string }[];
  /** The clause's points, or its indicator's when it is the only clause. */
  points?: Dec;
  rules: { kind: string; text: string; span: [number, number]; params: RuleParam[]; review?: string }[];
  sharedMethod?: string;
  divisions: string[];
  leaders: string[];
  source: SourceRef;
  warnings: string[];
};

export type Finalized = { scheme: Scheme; clauses: ClauseRecord[]; targetOnly: string[] };

export type SchemeMeta = { code?: string; title?: string; year?: number };

/** Gives codes and turns the draft tree into the core's Scheme (names are the codes of divisions, leaders, units). */
export function finalize(state: BuildState, meta: SchemeMeta): Finalized {
  const divisions = new Set<string>();
  const leaders = new Set<string>();
  const assessors = new Set<string>();
  const clauses: ClauseRecord[] = [];
  const targetOnly: string[] = [];
  const units: Unit[] = state.units.map((u) => ({ code: u.name, name: u.name, category: u.category }));
  const categories = new Map<string, UnitCategory>();
  for (const u of units) categories.set(u.category, { code: u.category, name: u.category });

  // Sections outside every unit block of a document that has units (001's 市考核县 table) apply to the
  // county itself: one unit 本级 stands for it, so that they are not added to every unit's total.
  const needsSelf = units.length > 0 && state.roots.some((r) => !hasUnitScope(r));
  if (needsSelf) {
    units.push({ code: '本级', name: '本级', category: '本级' });
    categories.set('本级', { code: '本级', name: '本级（上级考核本级的指标）' });
    state.issues.push({ severity: 'warning', code: 'self-unit', message: `文件 ${state.file} 中有不属于任何被考核单位的指标表（如“${state.roots.find((r) => !hasUnitScope(r))?.title}”），已作为“本级”单位的指标导入，请确认考核对象`, source: { file: state.file } });
  }

  const scopeOf = (node: DraftNode, inherited: Scope | undefined): Scope | undefined => {
    if (node.kind === 'unit' && node.unit) return { units: [node.unit] };
    if (node.appliesTo?.units) {
      const names = node.appliesTo.units;
      const cats = [...new Set(names.map((n) => units.find((u) => u.code === n)?.category))];
      if (cats.length === 1 && cats[0] && units.filter((u) => u.category === cats[0]).every((u) => names.includes(u.code))) return { categories: [cats[0]] };
      return { units: names };
    }
    if (node.commonFor !== undefined) {
      const want = categoryName(node.commonFor);
      const cat = [...categories.keys()].find((c) => c === want || want.includes(c) || c.includes(want));
      if (cat) return { categories: [cat] };
      state.issues.push({ severity: 'warning', code: 'common-scope', message: `文件 ${state.file}：“${node.commonFor}”未能对应到被考核单位类别，按适用于全部单位导入`, source: node.source });
      return undefined;
    }
    return inherited;
  };

  // 一票否优 rows (07, 08) become the scheme's vetoes, each citing its row; an item holding only such rows is no indicator.
  const vetoes: VetoItem[] = [];
  const takeVetoes = (node: DraftNode, scope: Scope | undefined): void => {
    for (const c of node.clauses) {
      if (!c.veto) continue;
      const code = `否优${vetoes.length + 1}`;
      vetoes.push({ code, title: c.veto.heading, text: c.text, effects: [{ type: 'bar-grade', grade: c.veto.grade }], ...(scope ? { appliesTo: scope } : {}), source: coreSource(c.source) });
      clauses.push({
        code,
        indicator: c.veto.heading,
        text: c.text,
        status: 'ok',
        rules: [{ kind: 'veto', text: c.text, span: [0, c.text.length], params: [{ name: 'effect', value: `bar-grade:${c.veto.grade}`, phrase: c.veto.heading }] }],
        divisions: c.divisions ?? [],
        leaders: c.leaders ?? [],
        source: c.source,
        warnings: [...c.warnings, `${c.veto.heading}：情形成立时不得评为“${c.veto.grade}”（方案 vetoes 中的 ${code}；事实：该单位是否存在此情形）`],
      });
    }
  };
  const kept = (nodes: readonly DraftNode[], scope: Scope | undefined): DraftNode[] =>
    nodes.filter((n) => {
      if (!isVetoOnly(n)) return true;
      const all = (x: DraftNode, sc: Scope | undefined): void => {
        takeVetoes(x, sc);
        x.children.forEach((c) => all(c, scopeOf(c, sc)));
      };
      all(n, scopeOf(n, scope));
      return false;
    });

  const toIndicator = (node: DraftNode, code: string, inherited: Scope | undefined, isTop: boolean): Indicator => {
    const scope = scopeOf(node, inherited) ?? (isTop && needsSelf && !hasUnitScope(node) ? { units: ['本级'] } : undefined);
    takeVetoes(node, scope);
    const ind: Indicator = { code, title: node.title };
    if (node.points !== undefined) ind.points = node.points;
    else {
      // "业务办理（1分）。未按规定…每例扣0.1分；…每例扣0.1分" (08 3.243): the "（N分）" of the item's clauses are its
      // points; a clause read as several rules keeps none of its own, so without this they would be lost.
      const own = clausePoints(node);
      if (own !== undefined) ind.points = own;
    }
    if (node.pointsByUnit) ind.pointsByUnit = node.pointsByUnit;
    if (node.pointsByCategory) {
      ind.pointsByCategory = node.pointsByCategory;
      // The document's category words are the scheme's unit categories; units are assigned to them later.
      for (const c of Object.keys(node.pointsByCategory)) if (!categories.has(c)) categories.set(c, { code: c, name: c });
    }
    if (scope && (isTop || scope !== inherited)) ind.appliesTo = scope;
    if (node.text) ind.text = node.text;
    if (node.targets) ind.targets = node.targets;
    if (node.assessors?.length) {
      ind.leadAssessors = node.assessors;
      node.assessors.forEach((a) => assessors.add(a));
    }
    if (node.divisions?.length) {
      ind.divisions = node.divisions;
      node.divisions.forEach((d) => divisions.add(d));
    }
    if (node.leaders?.length) {
      ind.leaders = node.leaders;
      node.leaders.forEach((l) => leaders.add(l));
    }
    if (node.caps) ind.caps = node.caps;
    if (node.noFloor) ind.floor = null;
    if (node.notApplicable) ind.notApplicable = node.notApplicable.policy;
    ind.source = coreSource(node.source);
    const children = kept(node.children, scope);
    if (children.length) ind.children = children.map((c, i) => toIndicator(c, `${code}.${i + 1}`, scope, false));
    const own = node.clauses.filter((c) => !c.veto);
    if (own.length) ind.clauses = clausesOf(node, code, own);
    if (!children.length && !own.length && node.points !== undefined) targetOnly.push(code);
    return ind;
  };

  const clausesOf = (node: DraftNode, code: string, drafts: readonly ClauseDraftNode[]): Clause[] => {
    const out: Clause[] = [];
    const used = new Set<string>();
    drafts.forEach((c, i) => {
      let base = `${code}.${c.n ?? i + 1}`;
      if (used.has(base)) base = `${code}.${i + 1}`;
      while (used.has(base)) base += "'";
      used.add(base);
      const made = clausesOfDraft(c, base);
      for (const m of made) {
        // Rules by unit category: the document's category words are the scheme's unit categories.
        for (const cat of Object.keys(m.ruleByCategory ?? {})) if (!categories.has(cat)) categories.set(cat, { code: cat, name: cat });
        m.divisions?.forEach((d) => divisions.add(d));
        m.leaders?.forEach((l) => leaders.add(l));
      }
      out.push(...made);
      const effDivisions = c.divisions ?? inheritedOwners(node).divisions;
      const effLeaders = c.leaders ?? inheritedOwners(node).leaders;
      clauses.push({
        code: base,
        indicator: `${code} ${node.title}`,
        text: c.text,
        status: c.status,
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.unread?.length ? { unread: c.unread } : {}),
        ...(c.points !== undefined ? { points: c.points } : node.points !== undefined && drafts.length === 1 ? { points: node.points } : {}),
        rules: c.rules.map((r) => ({ kind: (r.ruleByCategory ? Object.values(r.ruleByCategory)[0] : undefined)?.kind ?? r.rule.kind, text: r.text, span: r.span, params: r.params, ...(r.review ? { review: r.review } : {}) })),
        ...(c.sharedMethod ? { sharedMethod: c.sharedMethod } : {}),
        divisions: effDivisions,
        leaders: effLeaders,
        source: c.source,
        warnings: c.warnings,
      });
    });
    return out;
  };

  const parents = new Map<DraftNode, DraftNode>();
  const link = (n: DraftNode): void => n.children.forEach((c) => (parents.set(c, n), link(c)));
  state.roots.forEach(link);
  const inheritedOwners = (node: DraftNode): { divisions: string[]; leaders: string[] } => {
    let n: DraftNode | undefined = node;
    let d: string[] | undefined;
    let l: string[] | undefined;
    while (n && (!d || !l)) {
      d ??= n.divisions;
      l ??= n.leaders;
      n = parents.get(n);
    }
    return { divisions: d ?? [], leaders: l ?? [] };
  };

  const indicators = kept(state.roots, undefined).map((r, i) => toIndicator(r, String(i + 1), undefined, true));

  const unitCodes = new Set(units.map((u) => u.code));
  const unresolved = new Set<string>();
  const negativeList: NegativeItem[] = state.negative.map((n, i) => {
    const item: NegativeItem = { code: `负面${i + 1}`, text: n.text, source: coreSource(n.source) };
    if (n.title) item.title = n.title;
    if (n.amount !== undefined) item.amount = n.amount;
    if (n.rule) item.rule = n.rule;
    const resolved = n.units.map((name) => resolveUnit(name, units)).filter((c): c is string => c !== undefined && unitCodes.has(c));
    n.units.filter((name) => resolveUnit(name, units) === undefined).forEach((u) => unresolved.add(u));
    if (resolved.length) item.responsibleUnits = [...new Set(resolved)];
    return item;
  });
  if (unresolved.size > 0) {
    state.issues.push({ severity: 'warning', code: 'unit-unresolved', message: `文件 ${state.file}：负面清单的责任单位 ${[...unresolved].slice(0, 8).join('、')}${unresolved.size > 8 ? ` 等 ${unresolved.size} 个` : ''}不在被考核单位名单中，未关联到单位（原文保留在条目中）`, source: { file: state.file } });
  }

  const rankingGroups: RankingGroup[] = state.groups
    .filter((g) => g.kind === 'ranking')
    .map((g) => ({ code: g.name, name: g.name, units: g.members.filter((m) => unitCodes.has(m)) }));

  const scheme: Scheme = {
    formatVersion: 1,
    code: meta.code ?? slug(state.file),
    year: meta.year ?? state.year ?? new Date().getFullYear(),
    title: meta.title ?? state.title ?? state.file,
    ...(state.docNo ? { docNo: state.docNo } : {}),
    settings: {},
    unitCategories: [...categories.values()],
    units,
    rankingGroups,
    divisions: [...divisions].map((d) => ({ code: d, name: d })),
    leaders: [...leaders].map((l) => ({ code: l, name: l })),
    assessors: [...assessors].map((a) => ({ code: a, name: a })),
    indicators,
    negativeList,
    vetoes,
    subAssessments: [],
  };
  return { scheme, clauses, targetOnly };
}

/** An item whose rows (its own or its sub-items') are all 一票否优 situations: no points, scores nothing; its rows are vetoes. */
function isVetoOnly(node: DraftNode): boolean {
  if (node.points !== undefined || node.clauses.length + node.children.length === 0) return false;
  return node.clauses.every((c) => c.veto !== undefined) && node.children.every(isVetoOnly);
}

function hasUnitScope(node: DraftNode): boolean {
  if (node.kind === 'unit' || node.appliesTo || node.commonFor !== undefined || node.allUnits) return true;
  return node.children.length > 0 && node.children.every(hasUnitScope);
}

/** "县委办" → 县委办公室; exact names first. */
function resolveUnit(name: string, units: Unit[]): string | undefined {
  const exact = units.find((u) => u.name === name || u.aliases?.includes(name));
  if (exact) return exact.code;
  const prefix = units.filter((u) => u.name.startsWith(name) || u.name.replace(/公室$/, '') === name);
  return prefix.length === 1 ? prefix[0]!.code : undefined;
}

/** The sum of the clauses' own "（N分）" when the item has no points, no children, and every clause states its points. */
function clausePoints(node: DraftNode): Dec | undefined {
  if (node.children.length > 0 || node.clauses.length === 0 || node.clauses.some((c) => c.points === undefined)) return undefined;
  return sumPoints(node.clauses.map((c) => c.points!));
}

function clausesOfDraft(c: ClauseDraftNode, base: string): Clause[] {
  const owners = { ...(c.divisions?.length ? { divisions: c.divisions } : {}), ...(c.leaders?.length ? { leaders: c.leaders } : {}) };
  const source = coreSource(c.source);
  if (c.rules.length === 0) {
    const rule: Rule = { kind: 'manual', effect: c.manualEffect, ...(c.points !== undefined ? { max: c.points } : {}), reason: c.reason ?? '未能识别计分规则' };
    return [{ code: base, text: c.text, ...(c.points !== undefined ? { points: c.points } : {}), rule, ...owners, status: 'needs-review', reviewReason: c.reason ?? '未能识别计分规则', source }];
  }
  return c.rules.map((r, k) => {
    const code = c.rules.length === 1 ? base : `${base}-${String.fromCharCode(97 + (k % 26))}${k >= 26 ? Math.floor(k / 26) : ''}`;
    const review = r.review ?? (c.status === 'needs-review' ? c.reason : undefined);
    return {
      code,
      text: c.text,
      ...(c.points !== undefined && c.rules.length === 1 ? { points: c.points } : {}),
      rule: r.rule,
      ...(r.ruleByCategory ? { ruleByCategory: r.ruleByCategory } : {}),
      // 此项不得分，同时倒扣N分: the 倒扣 is taken after the item's zeroing.
      ...(r.afterZero ? { afterZero: true } : {}),
      ...owners,
      status: review ? 'needs-review' : 'ok',
      ...(review ? { reviewReason: review } : {}),
      source,
    };
  });
}

export function coreSource(s: SourceRef): CoreSource {
  return { file: s.file, ...(s.table !== undefined ? { table: s.table } : {}), ...(s.row !== undefined ? { row: s.row } : {}), ...(s.line !== undefined ? { line: s.line } : {}), ...(s.sheet ? { sheet: s.sheet } : {}), ...(s.cell ? { cell: s.cell } : {}) };
}

function slug(file: string): string {
  return file.replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'imported';
}
