import { parseYamlOrJson, validate } from '@kaohe/contract';
import { calendarFileSchema } from '@kaohe/contract/api';
import { holidaysCn2026, planCalendar, roundsOverCap, workCalendar } from '@kaohe/core';
import { basename } from 'node:path';
import { CliError } from '../cli-error';
import { loadScheme, readText } from '../load';
import { renderCsv, renderTable } from '../text-table';

export type CalendarOptions = { on?: string; unit?: string; format: 'table' | 'json' | 'csv' };

/**
 * `kaohe calendar SCHEME WINDOWS [--on DATE] [--unit U]`: the year's due items offline — every unit ×
 * clause × period with the lead department's, the unit's and the divisions' due dates on the
 * holiday calendar — or only those the unit owes on one date. Exit 1 for a bad file (named with its
 * line), a ref the scheme lacks, or a unit that is not in the scheme.
 */
export function calendarCommand(schemePath: string, windowsPath: string, options: CalendarOptions, out: (s: string) => void): number {
  const { scheme } = loadScheme(schemePath, 'calendar');
  const file = validate(calendarFileSchema, parseYamlOrJson(readText(windowsPath, 'calendar', '事实文件'), basename(windowsPath)), basename(windowsPath));
  const holidays = file.holidays ?? (scheme.year === 2026 ? holidaysCn2026 : { holidays: [], workdays: [] });
  let cal;
  try {
    cal = workCalendar(holidays);
  } catch (error) {
    throw new CliError(`${basename(windowsPath)}：节假日清单有误：${(error as Error).message}`);
  }
  let plan;
  try {
    plan = planCalendar(scheme, file.windows, cal);
  } catch (error) {
    throw new CliError(`${basename(windowsPath)}：${(error as Error).message}`);
  }
  if (plan.unknownRefs.length > 0) throw new CliError(`${basename(windowsPath)}：方案中没有条款或指标“${plan.unknownRefs.join('、')}”`);
  let items = plan.items;
  if (options.unit) {
    const u = scheme.units.find((x) => x.code === options.unit || x.name === options.unit || x.aliases?.includes(options.unit!));
    if (!u) throw new CliError(`方案中没有单位“${options.unit}”`);
    items = items.filter((i) => i.unit.code === u.code);
  }
  if (options.on) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.on)) throw new CliError(`--on 须为 YYYY-MM-DD，收到“${options.on}”`);
    items = items.filter((i) => i.unitDue === options.on);
  }
  items = [...items].sort((a, b) => (a.unitDue === b.unitDue ? a.unit.code.localeCompare(b.unit.code) || a.ref.localeCompare(b.ref) : a.unitDue.localeCompare(b.unitDue)));
  const over = file.roundsCap === undefined ? [] : roundsOverCap(plan.items.map((i) => ({ unit: i.unit.name, due: i.unitDue })), file.roundsCap);
  if (options.format === 'json') {
    out(JSON.stringify({ items: items.map((i) => ({ unit: i.unit.code, unitName: i.unit.name, ref: i.ref, period: i.period, label: i.label, unitDue: i.unitDue, divisionDue: i.divisionDue, leadDue: i.due, nominalDue: i.nominalDue })), roundsCap: file.roundsCap ?? null, overCap: over }, null, 2));
    return 0;
  }
  const header = ['单位截止', '单位', '条款', '期次', '处室截止', '牵头部门截止'];
  const rows = items.map((i) => [i.unitDue, i.unit.name, i.ref, i.label, i.divisionDue, i.due]);
  if (options.format === 'csv') {
    out(renderCsv(header, rows));
    return 0;
  }
  out(`${scheme.title}：${options.on ? `${options.on} 到期` : '全年应报'} ${items.length} 项（${file.holidays ? '周期文件中的节假日清单' : holidays === holidaysCn2026 ? '国务院 2026 年放假安排' : '未给节假日清单，仅按周末计算'}）`);
  if (rows.length > 0) out(renderTable(header, rows));
  if (over.length > 0) out(`超过每月报送轮次上限 ${file.roundsCap} 轮：${over.map((o) => `${o.unit} ${o.month} 共 ${o.rounds} 轮`).join('、')}`);
  return 0;
}
