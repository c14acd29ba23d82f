import { basename } from 'node:path';
import { parseScenario } from '@kaohe/contract';
import { runWhatIf, toFixed, toStr, type Fact, type Scheme, type UnitOutcome, type WhatIfResult } from '@kaohe/core';
import { loadFacts, loadScheme, readText } from '../load';
import { renderTable } from '../text-table';

export type WhatifOptions = { format: 'table' | 'json'; all?: boolean };

/**
 * `kaohe whatif SCHEME FACTS SCENARIO`: applies the scenario to copies of the scheme and facts
 * (nothing is written) and prints the units whose total, grade or rank changes, before and after.
 */
export function whatifCommand(schemePath: string, factsPath: string, scenarioPath: string, opts: WhatifOptions, out: (s: string) => void, progress?: (s: string) => void, readFacts?: Fact[]): number {
  progress?.(`读取方案 ${schemePath}`);
  const { scheme } = loadScheme(schemePath, 'whatif');
  const facts = readFacts ?? loadFacts(factsPath, scheme, 'whatif');
  const scenario = parseScenario(readText(scenarioPath, 'whatif', '事实文件'), basename(scenarioPath));
  progress?.(`试算情景“${scenario.name}”（${scheme.units.length} 个单位）`);
  const result = runWhatIf(scheme, facts, scenario);
  progress?.('');
  if (opts.format === 'json') {
    out(JSON.stringify(toJson(scheme, result, opts.all === true), null, 2));
    return 0;
  }
  out(`情景：${result.scenario}（仅试算，未改动任何文件）`);
  for (const a of result.applied) out(`  ${a.index + 1}. ${a.summary}（理由：${a.reason}）`);
  const rows = result.units.filter((u) => opts.all === true || u.changed);
  out('');
  if (rows.length === 0) {
    out('没有单位的总分、等次或名次发生变化。');
    return 0;
  }
  const grade = gradeName(scheme);
  const decimals = scheme.settings.rounding?.decimals ?? 2;
  const show = (o: UnitOutcome): [string, string, string] => [toFixed(o.total, decimals), grade(o.grade), o.rank === null ? '' : String(o.rank)];
  out(`${rows.length} 个单位有变化（共 ${result.units.length} 个）：`);
  out(renderTable(['单位', '原总分', '原等次', '原名次', '新总分', '新等次', '新名次', '变化'], rows.map((u) => [u.name, ...show(u.before), ...show(u.after), signed(toFixed(u.delta, decimals))]), [1, 3, 4, 6, 7]));
  return 0;
}

const signed = (s: string): string => (s.startsWith('-') || /^0(\.0*)?$/.test(s) ? s : `+${s}`);

function gradeName(scheme: Scheme): (code: string | null) => string {
  return (code) => (code === null ? '' : (scheme.grading?.grades.find((g) => g.code === code)?.name ?? code));
}

function toJson(scheme: Scheme, r: WhatIfResult, all: boolean): unknown {
  const grade = gradeName(scheme);
  const o = (x: UnitOutcome) => ({ total: toStr(x.total), grade: x.grade, gradeName: x.grade === null ? null : grade(x.grade), rank: x.rank });
  return {
    scenario: r.scenario,
    applied: r.applied,
    changedUnits: r.units.filter((u) => u.changed).length,
    units: r.units.filter((u) => all || u.changed).map((u) => ({ unit: u.unit, name: u.name, before: o(u.before), after: o(u.after), delta: toStr(u.delta), changed: u.changed })),
  };
}
