import type { Cadence, Scheme } from '@kaohe/core';
import { templateRows, type TemplateRow } from '../facts-sheet.service';

/**
 * The burden meter (减负, docs/whatif.md): what a scheme asks of each unit, counted from the very
 * rows of the unit's facts sheet (`templateRows`), so the meter and the sheet cannot disagree.
 *
 * - a field is one row the unit fills: one data item (metric × unit) per period; clauses sharing a
 *   data item (最多报一次) are one field, and `savedBySharing` counts the rows sharing avoided;
 * - a period is the nearest cadence stated on the clause or its indicators, else once a year
 *   (全年); 'event' items are reported when they happen and counted once;
 * - a report round is one submission per period of each cadence the unit has (12 for monthly…);
 * - mandatory evidence files are the `evidence` entries stated on the clause or its indicators,
 *   per field and period.
 */
export const periodsPerYear: Record<Cadence, number> = { weekly: 52, monthly: 12, bimonthly: 6, quarterly: 4, 'half-yearly': 2, yearly: 1, event: 1 };
export const cadenceNames: Record<Cadence, string> = { weekly: '每周', monthly: '每月', bimonthly: '每两月', quarterly: '每季度', 'half-yearly': '每半年', yearly: '每年', event: '按事件' };
const order: Cadence[] = ['weekly', 'monthly', 'bimonthly', 'quarterly', 'half-yearly', 'yearly', 'event'];

export type PeriodBurden = { cadence: Cadence; cadenceName: string; periodsPerYear: number; fields: number; evidenceFiles: number };

export type UnitBurden = {
  unitCode: string;
  unitName: string;
  /** Rows of the unit's sheet (data items to fill each period). */
  fields: number;
  /** Of which scored by the assessor or self-assessed as a score (得分). */
  scoreFields: number;
  /** Clauses the fields feed. */
  clausesServed: number;
  /** Rows the unit would fill without 最多报一次 minus the rows it fills. */
  savedBySharing: number;
  reportRoundsPerYear: number;
  fieldEntriesPerYear: number;
  evidenceFilesPerYear: number;
  periods: PeriodBurden[];
};

export type SchemeBurden = {
  /**
   * Per scheme: what one unit to which every indicator applied would fill (scopes ignored, default
   * points), so a scheme without a unit list (a department's own task breakdown) is measured too.
   */
  scheme: UnitBurden;
  units: UnitBurden[];
  totals: { units: number; fields: number; reportRoundsPerYear: number; fieldEntriesPerYear: number; evidenceFilesPerYear: number; savedBySharing: number; sharedDataItems: number; maxFields: number };
};

export function unitBurden(rows: readonly TemplateRow[], unit: { code: string; name: string }): UnitBurden {
  const by = new Map<Cadence, PeriodBurden>();
  let served = 0;
  for (const r of rows) {
    const cadence = r.cadence ?? 'yearly';
    let p = by.get(cadence);
    if (!p) by.set(cadence, (p = { cadence, cadenceName: cadenceNames[cadence], periodsPerYear: periodsPerYear[cadence], fields: 0, evidenceFiles: 0 }));
    p.fields++;
    p.evidenceFiles += r.evidence.length;
    served += Math.max(1, r.clauses.length);
  }
  const periods = order.filter((c) => by.has(c)).map((c) => by.get(c)!);
  return {
    unitCode: unit.code,
    unitName: unit.name,
    fields: rows.length,
    scoreFields: rows.filter((r) => r.type === 'judgement').length,
    clausesServed: served,
    savedBySharing: served - rows.length,
    reportRoundsPerYear: periods.reduce((n, p) => n + p.periodsPerYear, 0),
    fieldEntriesPerYear: periods.reduce((n, p) => n + p.fields * p.periodsPerYear, 0),
    evidenceFilesPerYear: periods.reduce((n, p) => n + p.evidenceFiles * p.periodsPerYear, 0),
    periods,
  };
}

export function schemeBurden(scheme: Scheme): SchemeBurden {
  const units = scheme.units.map((u) => unitBurden(templateRows(scheme, u), u));
  const sum = (k: keyof Pick<UnitBurden, 'fields' | 'reportRoundsPerYear' | 'fieldEntriesPerYear' | 'evidenceFilesPerYear' | 'savedBySharing'>): number => units.reduce((n, u) => n + u[k], 0);
  const shared = new Set<string>();
  const walk = (list: Scheme['indicators']): void => {
    for (const n of list) {
      for (const c of n.clauses ?? []) if (c.dataItem !== undefined) shared.add(c.dataItem);
      walk(n.children ?? []);
    }
  };
  walk(scheme.indicators);
  const whole: Scheme = { ...scheme, indicators: withoutScopes(scheme.indicators) };
  return {
    scheme: unitBurden(templateRows(whole, { code: '*', name: '（全部指标）', category: '*' }), { code: '*', name: '（全部指标）' }),
    units,
    totals: {
      units: units.length,
      fields: sum('fields'),
      reportRoundsPerYear: sum('reportRoundsPerYear'),
      fieldEntriesPerYear: sum('fieldEntriesPerYear'),
      evidenceFilesPerYear: sum('evidenceFilesPerYear'),
      savedBySharing: sum('savedBySharing'),
      sharedDataItems: shared.size,
      maxFields: units.reduce((m, u) => Math.max(m, u.fields), 0),
    },
  };
}

function withoutScopes(list: Scheme['indicators']): Scheme['indicators'] {
  return list.map(({ appliesTo: _scope, ...n }) => ({ ...n, ...(n.children ? { children: withoutScopes(n.children) } : {}) }));
}
