import type { Code, Scheme, Unit } from '../scheme/scheme.types';
import { indexScheme, inScope } from '../scheme/scheme-index';
import type { WorkCalendar } from './business-days';
import { resolveWindow, type WindowInput } from './scheme-cadence';
import { cascadeDue, type DueCascade, periodsOf } from './windows';

/**
 * A report window as the 考评办 sets it: for one clause or indicator, optionally one unit category.
 * Its cadence is the scheme's when the scheme states one (`resolveWindow`), the window's otherwise.
 */
export type WindowSetting = { ref: Code; unitCategory?: Code | null; window: WindowInput; cascade?: DueCascade | null };

export type PlannedItem = {
  /** Index of the window setting it comes from. */
  window: number;
  unit: Unit;
  ref: Code;
  period: string;
  /** The period a reported fact carries for this item ('全年' for an annual window). */
  factPeriod: string;
  label: string;
  /** The lead department's date (the window's), the unit's and its divisions' (cascaded). */
  due: string;
  nominalDue: string;
  unitDue: string;
  divisionDue: string;
};

/** A ref's title and the scheme units it applies to: every indicator on its path has the unit in scope. */
export function refUnits(scheme: Scheme, ref: Code, index = indexScheme(scheme)): { title: string; units: Unit[] } | null {
  const site = index.clauses.get(ref);
  const node = site ? index.indicators.get(site.indicator.code) : index.indicators.get(ref);
  if (!node) return null;
  const path = node.path.map((code) => index.indicators.get(code)!.indicator);
  return { title: site ? site.clause.text : node.indicator.title, units: scheme.units.filter((u) => path.every((ind) => inScope(ind.appliesTo, u, index.groupsOfUnit))) };
}

/**
 * The year's due items of a scheme: for every window, every unit its ref applies to (of its unit
 * category, when given) and every period, with cascaded dates. Refs the scheme lacks are listed,
 * not dropped silently; a window whose cadence contradicts the scheme's is refused (CoreError).
 */
export function planCalendar(scheme: Scheme, windows: readonly WindowSetting[], cal: WorkCalendar): { items: PlannedItem[]; unknownRefs: Code[] } {
  const index = indexScheme(scheme);
  const items: PlannedItem[] = [];
  const unknownRefs: Code[] = [];
  windows.forEach((w, i) => {
    const target = refUnits(scheme, w.ref, index);
    if (!target) {
      unknownRefs.push(w.ref);
      return;
    }
    const { window } = resolveWindow(scheme, w.ref, w.window, `windows[${i}].window`, index);
    const periods = periodsOf(window, scheme.year, cal);
    const cascade = w.cascade ?? { unitBeforeLead: 0, divisionBeforeUnit: 0 };
    for (const unit of target.units) {
      if (w.unitCategory && unit.category !== w.unitCategory) continue;
      for (const p of periods) {
        const c = cascadeDue(cal, p.due, cascade);
        items.push({ window: i, unit, ref: w.ref, period: p.period, factPeriod: window.cadence === 'annual' ? '全年' : p.period, label: p.label, due: c.lead, nominalDue: p.nominalDue, unitDue: c.unit, divisionDue: c.division });
      }
    }
  });
  return { items, unknownRefs };
}
