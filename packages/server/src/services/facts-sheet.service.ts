import { type Cadence, type Indicator, indexScheme, inScope, pointsFor, readsOf, type Scheme, toStr, type Unit } from '@kaohe/core';
import ExcelJS from 'exceljs';
import { AppError } from '../lib/app-error';

/**
 * The per-unit facts sheet: one row per indicator or clause that applies to the unit, with the one
 * kind of fact its rule reads, filled in Excel and read back. Reading refuses the whole file on
 * any bad row, naming the row and the column in Chinese.
 */
export const sheetName = '事实填报';
const columns = ['编码', '指标或条款', '分值', '目标', '类型', '数值', '说明', '事实编号'] as const;
export type SheetType = 'judgement' | 'occurrence' | 'value' | 'count' | 'flag' | 'rate';
export const typeNames: Record<SheetType, string> = { judgement: '得分', occurrence: '发生次数', value: '数值', count: '完成个数', flag: '是否完成', rate: '比率（分子/分母）' };
const typeByName = new Map(Object.entries(typeNames).map(([k, v]) => [v, k as SheetType]));

/** One row of the unit's sheet; `clauses` are the clause codes its fact feeds, `cadence` and `evidence` the nearest stated (for the burden meter). */
export type TemplateRow = { ref: string; title: string; points: string; target: string; type: SheetType; clauses: string[]; cadence: Cadence | undefined; evidence: readonly string[] };

function targetText(t: { text?: string; value?: number } | undefined): string {
  if (!t) return '';
  return t.text ?? (t.value === undefined ? '' : toStr(t.value as never));
}

export function templateRows(scheme: Scheme, unit: Unit): TemplateRow[] {
  const index = indexScheme(scheme);
  const rows: TemplateRow[] = [];
  // 最多报一次: clauses sharing a data item get one row, under the data item's code
  const asked = new Set<string>();
  const walk = (nodes: readonly Indicator[], up: { cadence: Cadence | undefined; evidence: readonly string[] } = { cadence: undefined, evidence: [] }) => {
    for (const n of nodes) {
      if (!inScope(n.appliesTo, unit, index.groupsOfUnit)) continue;
      const here = { cadence: n.cadence ?? up.cadence, evidence: n.evidence ?? up.evidence };
      const m = pointsFor(n, unit);
      const target = targetText((n.targets?.[unit.code] ?? n.target) as never);
      const clauses = n.clauses ?? [];
      if ((n.children?.length ?? 0) === 0 && clauses.length === 0 && m !== undefined) rows.push({ ref: n.code, title: n.title, points: toStr(m), target, type: 'judgement', clauses: [], ...here });
      for (const c of clauses) {
        const reads = [...readsOf(c.rule).keys()];
        const type = (['occurrence', 'value', 'count', 'flag', 'rate'] as const).find((t) => reads.includes(t)) ?? (reads.includes('judgement') ? 'judgement' : null);
        if (!type) continue;
        const cp = c.points ?? m;
        const at = { cadence: c.cadence ?? here.cadence, evidence: c.evidence ?? here.evidence };
        if (c.dataItem !== undefined && type !== 'judgement') {
          if (asked.has(c.dataItem)) continue;
          asked.add(c.dataItem);
          const users = (index.dataItems.get(c.dataItem) ?? []).map((s) => s.clause.code);
          rows.push({ ref: c.dataItem, title: `数据项 ${c.dataItem}（条款 ${users.join('、')} 共用，只填一次）：${c.text.slice(0, 160)}`, points: '', target, type, clauses: users, ...at });
          continue;
        }
        rows.push({ ref: c.code, title: c.text.slice(0, 200), points: cp === undefined ? '' : toStr(cp), target, type, clauses: [c.code], ...at });
      }
      walk(n.children ?? [], here);
    }
  };
  walk(scheme.indicators);
  return rows;
}

/** The template; `only` cuts it to the refs the downloader may fill (a unit reporter's or a division's own). */
export async function factsTemplate(scheme: Scheme, unit: Unit, only?: ReadonlySet<string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  const header = sheet.addRow([...columns]);
  header.font = { bold: true, name: '黑体' };
  for (const r of templateRows(scheme, unit).filter((t) => !only || only.has(t.ref))) sheet.addRow([r.ref, r.title, r.points, r.target, typeNames[r.type], null, null, null]);
  for (const [c, w] of [[1, 14], [2, 50], [4, 30], [5, 16], [6, 12], [7, 30], [8, 14]] as const) sheet.getColumn(c).width = w;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = wb.addWorksheet('填写说明');
  for (const line of [
    `单位：${unit.name}（${unit.code}）`,
    '只填“数值”和“说明”两列；不填数值的行不导入。',
    '得分：0 到分值之间的数，须在“说明”中写明评分理由。发生次数、完成个数：正整数。是否完成：填 是 或 否。比率：填 分子/分母，如 95/100。',
    '任一行有误，整个文件都不会导入，错误会指出行号和列名。',
  ])
    notes.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type SheetIssue = { path: string; message: string };

/**
 * Reads a filled sheet into facts (file format, without unit). Throws a 400 listing every bad cell.
 * With `writable` (the refs the uploader may report), a row on any other of the unit's refs makes
 * the whole file a 403 naming those rows (refused, and so audited), before any value is looked at.
 */
export async function readFactsSheet(bytes: Buffer, fileName: string, scheme: Scheme, unit: Unit, writable?: ReadonlySet<string>): Promise<{ facts: Record<string, unknown>[]; rows: number; rowOf: Map<string, number> }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('bad-request', `文件 ${fileName} 不是有效的 Excel（.xlsx）文件`);
  }
  const sheet = wb.getWorksheet(sheetName) ?? wb.worksheets[0];
  if (!sheet) throw new AppError('bad-request', `文件 ${fileName} 中没有工作表`);
  const head = (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? '').trim());
  const col = (name: (typeof columns)[number]) => head.indexOf(name) + 1;
  const missing = columns.filter((c) => col(c) === 0 && c !== '事实编号');
  if (missing.length > 0) throw new AppError('bad-request', `文件 ${fileName} 的工作表“${sheet.name}”缺少列：${missing.join('、')}（请使用下载的模板）`);
  const known = new Map(templateRows(scheme, unit).map((r) => [r.ref, r]));
  const issues: SheetIssue[] = [];
  const forbidden: SheetIssue[] = [];
  const rowOf = new Map<string, number>();
  const facts: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let rows = 0;
  const cell = (r: ExcelJS.Row, name: (typeof columns)[number]) => {
    const c = col(name);
    if (c === 0) return '';
    const v = r.getCell(c).value as unknown;
    const value = v && typeof v === 'object' && 'result' in (v as object) ? (v as { result: unknown }).result : v && typeof v === 'object' && 'richText' in (v as object) ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('') : v;
    return value === null || value === undefined ? '' : String(value).trim();
  };
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const ref = cell(r, '编码');
    const raw = cell(r, '数值');
    if (raw === '') return;
    rows++;
    const at = (column: string, message: string) => issues.push({ path: `第${n}行.${column}`, message: `第 ${n} 行「${column}」列：${message}` });
    const row = known.get(ref);
    if (!row) return void at('编码', ref ? `“${ref}”不是本单位应填报的指标或条款` : '不能为空');
    if (writable && !writable.has(ref)) return void forbidden.push({ path: `第${n}行.编码`, message: `第 ${n} 行「编码」列：无权报送“${ref}”（不在您负责的单位或条款范围内）` });
    if (!rowOf.has(ref)) rowOf.set(ref, n);
    const typeName = cell(r, '类型');
    const type = typeByName.get(typeName);
    if (type !== row.type) return void at('类型', `应为“${typeNames[row.type]}”，不是“${typeName}”`);
    const note = cell(r, '说明');
    const id = cell(r, '事实编号') || `${unit.code}:${ref}:${type}`;
    if (seen.has(id)) return void at('事实编号', `“${id}”与前面的行重复`);
    seen.add(id);
    const decimal = /^-?\d+(\.\d{1,6})?$/;
    switch (type) {
      case 'judgement': {
        if (!decimal.test(raw)) return void at('数值', `“${raw}”不是数字`);
        if (row.points && (Number(raw) < 0 || Number(raw) > Number(row.points))) return void at('数值', `得分 ${raw} 不在 0 到分值 ${row.points} 之间`);
        if (!note) return void at('说明', '得分须写明评分理由');
        facts.push({ id, ref, type, amount: raw, reason: note });
        break;
      }
      case 'occurrence':
      case 'count': {
        if (!/^\d+$/.test(raw) || (type === 'occurrence' && raw === '0')) return void at('数值', `“${raw}”不是${type === 'occurrence' ? '正' : '非负'}整数`);
        facts.push(type === 'occurrence' ? { id, ref, type, count: Number(raw), ...(note ? { note } : {}) } : { id, ref, type, done: Number(raw), ...(note ? { note } : {}) });
        break;
      }
      case 'value':
        if (!decimal.test(raw)) return void at('数值', `“${raw}”不是数字`);
        facts.push({ id, ref, type, value: raw, ...(note ? { note } : {}) });
        break;
      case 'flag':
        if (raw !== '是' && raw !== '否') return void at('数值', `应填“是”或“否”，不是“${raw}”`);
        facts.push({ id, ref, type, value: raw === '是', ...(note ? { note } : {}) });
        break;
      case 'rate': {
        const m = /^(\d+(?:\.\d{1,6})?)\s*\/\s*(\d+(?:\.\d{1,6})?)$/.exec(raw);
        if (!m || Number(m[2]) === 0) return void at('数值', `“${raw}”应写作 分子/分母，如 95/100，分母不能为 0`);
        facts.push({ id, ref, type, numerator: m[1], denominator: m[2], ...(note ? { note } : {}) });
        break;
      }
    }
  });
  if (forbidden.length > 0) {
    throw new AppError('forbidden', `文件 ${fileName} 有 ${forbidden.length} 行无权报送，未导入任何数据：${forbidden.slice(0, 10).map((i) => i.message).join('；')}${forbidden.length > 10 ? ' 等' : ''}`, { issues: forbidden });
  }
  if (issues.length > 0) {
    throw new AppError('bad-request', `文件 ${fileName} 有 ${issues.length} 处错误，未导入任何数据：${issues.slice(0, 10).map((i) => i.message).join('；')}${issues.length > 10 ? ' 等' : ''}`, { issues });
  }
  if (rows === 0) throw new AppError('bad-request', `文件 ${fileName} 中没有填写任何数值`);
  return { facts, rows, rowOf };
}
