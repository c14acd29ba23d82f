import type { Dec } from '../points';
import { CoreError } from '../errors';
import type { Clause, Code, Indicator, Scheme, Scope, SubAssessment, Unit } from './scheme.types';
import type { Rule } from '../rules/rule.types';

export type ClauseSite = { clause: Clause; indicator: Indicator; path: Code[] };

/** Lookups built once per scheme: units, group membership, clause sites, peer groups. */
export type SchemeIndex = {
  scheme: Scheme;
  units: Map<Code, Unit>;
  /** Ranking groups each unit belongs to, in scheme order. */
  groupsOfUnit: Map<Code, Code[]>;
  unitsOfGroup: Map<Code, Code[]>;
  clauses: Map<Code, ClauseSite>;
  indicators: Map<Code, { indicator: Indicator; path: Code[]; parent?: Indicator }>;
  subAssessments: Map<Code, SubAssessment>;
  /** 最多报一次: each shared data item and the clauses that read it (`Clause.dataItem`). */
  dataItems: Map<Code, ClauseSite[]>;
};

export const ALL_UNITS = '*';

export function indexScheme(scheme: Scheme): SchemeIndex {
  const units = new Map(scheme.units.map((u) => [u.code, u]));
  const groupsOfUnit = new Map<Code, Code[]>();
  const unitsOfGroup = new Map<Code, Code[]>();
  for (const g of scheme.rankingGroups) {
    const members: Code[] = [];
    for (const u of scheme.units) {
      const inGroup = (g.units?.includes(u.code) ?? false) || (g.categories?.includes(u.category) ?? false) || (u.groups?.includes(g.code) ?? false);
      if (inGroup) {
        members.push(u.code);
        const list = groupsOfUnit.get(u.code);
        if (list) list.push(g.code);
        else groupsOfUnit.set(u.code, [g.code]);
      }
    }
    unitsOfGroup.set(g.code, members);
  }
  const clauses = new Map<Code, ClauseSite>();
  const indicators = new Map<Code, { indicator: Indicator; path: Code[]; parent?: Indicator }>();
  const dataItems = new Map<Code, ClauseSite[]>();
  const walk = (node: Indicator, path: Code[], parent?: Indicator): void => {
    const here = [...path, node.code];
    if (indicators.has(node.code)) throw new CoreError('scheme-invalid', `指标编码重复：${node.code}`);
    indicators.set(node.code, parent ? { indicator: node, path: here, parent } : { indicator: node, path: here });
    for (const c of node.clauses ?? []) {
      if (clauses.has(c.code)) throw new CoreError('scheme-invalid', `条款编码重复：${c.code}`);
      const site = { clause: c, indicator: node, path: here };
      clauses.set(c.code, site);
      if (c.dataItem !== undefined) {
        const list = dataItems.get(c.dataItem);
        if (list) list.push(site);
        else dataItems.set(c.dataItem, [site]);
      }
    }
    for (const child of node.children ?? []) walk(child, here, node);
  };
  for (const top of scheme.indicators) walk(top, []);
  return { scheme, units, groupsOfUnit, unitsOfGroup, clauses, indicators, subAssessments: new Map(scheme.subAssessments.map((s) => [s.code, s])), dataItems };
}

export function inScope(scope: Scope | undefined, unit: Unit, groupsOfUnit: ReadonlyMap<Code, Code[]>): boolean {
  if (!scope) return true;
  if (scope.exceptUnits?.includes(unit.code)) return false;
  const hasFilter = scope.categories !== undefined || scope.groups !== undefined || scope.units !== undefined;
  if (!hasFilter) return true;
  if (scope.units?.includes(unit.code)) return true;
  if (scope.categories?.includes(unit.category)) return true;
  const groups = groupsOfUnit.get(unit.code);
  if (scope.groups && groups && scope.groups.some((g) => groups.includes(g))) return true;
  return false;
}

/** Points of an indicator for one unit (P48 variants: unit over category over default). */
export function pointsFor(ind: Indicator, unit: Unit): Dec | undefined {
  return ind.pointsByUnit?.[unit.code] ?? ind.pointsByCategory?.[unit.category] ?? ind.points;
}

/**
 * The rule a clause scores one unit by: the rule of the unit's category when the clause has rules by
 * category, else `rule`. `missing` says the clause has rules by category, the unit's category is
 * not one of them and the fallback is `manual` (no category-free reading: needs review).
 */
export function ruleFor(clause: Clause, unit: Unit): { rule: Rule; category?: Code; missing?: true } {
  const byCategory = clause.ruleByCategory;
  if (byCategory === undefined) return { rule: clause.rule };
  const own = byCategory[unit.category];
  if (own !== undefined) return { rule: own, category: unit.category };
  return clause.rule.kind === 'manual' ? { rule: clause.rule, missing: true } : { rule: clause.rule };
}

/** The peer group a unit is compared within for cross-unit rules: its first ranking group, else all units. */
export function peerGroupOf(index: SchemeIndex, unit: Code): Code {
  return index.groupsOfUnit.get(unit)?.[0] ?? ALL_UNITS;
}
