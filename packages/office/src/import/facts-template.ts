import ExcelJS from 'exceljs';
import type { Clause, Indicator, Metric, Rule, Scheme, Scope, Unit } from '@kaohe/core';
import { inScope, ruleFor, toStr } from '@kaohe/core';
import { parseFacts } from '@kaohe/contract';
import type { Fact } from '@kaohe/core';
import { OfficeError } from '../document';
import { readDocument } from '../read-document';

/**
 * The facts template (`kaohe import … --facts-template facts.xlsx`): one row per unit and clause, saying
 * which fact the clause's compiled rule reads and which cells to fill (counts, values, tiers in the
 * document's own words). `readFactsWorkbook` reads the filled workbook back into facts for `kaohe score`.
 * Columns are headed "中文（field）": the field in brackets is what is read back; 说明 and 条款原文 are not.
 */
export const FACT_FIELDS = ['unit', 'ref', 'type', 'count', 'level', 'severity', 'rank', 'role', 'variant', 'option', 'value', 'numerator', 'denominator', 'done', 'required', 'of', 'score', 'group', 'amount', 'reason', 'date', 'due', 'periods', 'flags', 'note'] as const;
type Field = (typeof FACT_FIELDS)[number];

const LABELS: Record<Field, string> = {
  unit: '单位',
  ref: '条款编码',
  type: '事实类型',
  count: '次数',
  level: '级别',
  severity: '程度',
  rank: '职级/名次',
  role: '角色',
  variant: '情形',
  option: '完成的选项',
  value: '数值/是否完成',
  numerator: '分子',
  denominator: '分母',
  done: '完成数',
  required: '应完成数',
  of: '参评总数',
  score: '得分',
  group: '评价群体',
  amount: '分值',
  reason: '理由',
  date: '日期',
  due: '规定时限',
  periods: '逾期期数',
  flags: '标记',
  note: '备注',
};

/** What one rule needs: the fact type, the cells to fill, and a Chinese hint naming the allowed tier words. */
export type FactNeed = { type: Fact['type']; fill: Field[]; hint: string };

function metricNeed(m: Metric | undefined, what: string): FactNeed {
  switch (m?.of ?? 'value') {
    case 'rate':
      return { type: 'rate', fill: ['numerator', 'denominator'], hint: `${what}：填分子和分母（如 办结数/受理数）` };
    case 'count':
      return { type: 'count', fill: ['done', 'required'], hint: `${what}：填完成数（和应完成数）` };
    case 'sub-score':
      return { type: 'sub-score', fill: ['score'], hint: `${what}：填引用的得分` };
    case 'rank':
      return { type: 'rank', fill: ['rank', 'of'], hint: `${what}：填名次和参评总数` };
    case 'change':
      return { type: 'value', fill: ['value'], hint: `${what}：填本期数值（基期数值填在备注或另一行 baseline）` };
    default:
      return { type: 'value', fill: ['value'], hint: `${what}：填实际数值` };
  }
}

export function factNeed(rule: Rule): FactNeed {
  switch (rule.kind) {
    case 'per-occurrence': {
      const tiers = rule.tiers ? `；${LABELS[rule.tiers.by as Field] ?? rule.tiers.by}填：${Object.keys(rule.tiers.amounts).join('、')}` : '';
      // 此事件可以不扣分: the exempt case is marked per occurrence, in its own row.
      const exempt = rule.exempt ? `；属免扣情形（${rule.exempt.when}）的另起一行，${LABELS.flags}填 ${rule.exempt.flag}` : '';
      // 每月最多N分: the cap is per month or quarter, so each occurrence needs its date.
      const period = rule.periodCap ? `；每${rule.periodCap.period === 'month' ? '月' : '季度'}最多 ${toStr(rule.periodCap.amount)} 分，须按日期分行并填日期` : '';
      return { type: 'occurrence', fill: ['count', ...(rule.tiers ? [rule.tiers.by as Field] : []), ...(rule.exempt ? ['flags' as const] : []), ...(rule.periodCap ? ['date' as const] : [])], hint: `发生次数（每起一行或填次数）${tiers}${exempt}${period}` };
    }
    case 'accumulate':
      return { type: 'occurrence', fill: ['count', 'level'], hint: `发生次数；级别填：${Object.keys(rule.items).join('、')}` };
    case 'condition':
      // The condition's amount is picked by the fact attribute its tiers name (a flag carries `variant`).
      return rule.tiers
        ? { type: 'flag', fill: ['value', rule.tiers.by as Field], hint: `是否发生（是/否）；${LABELS[rule.tiers.by as Field] ?? rule.tiers.by}填：${Object.keys(rule.tiers.amounts).join('、')}` }
        : { type: 'flag', fill: ['value'], hint: '是否发生（是/否）' };
    case 'zero':
      return { type: 'flag', fill: ['value'], hint: '是否发生（是/否），发生则本项不得分' };
    case 'completion':
      return { type: 'flag', fill: ['value'], hint: '是否完成（是/否）' };
    case 'partial-credit':
      return { type: 'flag', fill: ['value'], hint: '是否完成（是/否）；部分完成时在 progress 中填进度' };
    // The any-of rule reads the flag's `option` (the graded form also accepts `variant`): the template asks for `option`.
    case 'any-of':
      return rule.optionPoints
        ? { type: 'flag', fill: ['value', 'option'], hint: `是否符合（是/否），完成的选项填符合的一项（按选项择一，取最高一档）：${rule.options.map((o, k) => `${o}（${toStr(rule.optionPoints![k]!)}分）`).join('；')}` }
        : { type: 'flag', fill: ['value', 'option'], hint: `是否完成（是/否），完成的选项填完成的是哪一项：${rule.options.join('；')}` };
    case 'shortfall':
      return { type: 'count', fill: ['done'], hint: '实际完成数（与应完成数相比，每少一个扣分）' };
    case 'proportional':
      return metricNeed(rule.metric, '完成情况');
    case 'threshold-steps':
    case 'bands':
      return metricNeed(rule.metric, '考核数值');
    case 'rate-formula':
      return { type: 'rate', fill: ['numerator', 'denominator'], hint: '比率：填分子和分母' };
    case 'relative-to-best':
    case 'rank-bands':
    case 'bottom-k':
    case 'top-k':
      return metricNeed(rule.metric, '排名所依据的数值（各单位都填）');
    case 'external-rank':
      return { type: 'rank', fill: ['rank', 'of'], hint: '上级排名：填名次和参评总数' };
    case 'conversion':
    case 'average':
      return { type: 'sub-score', fill: ['score'], hint: '引用的得分（如另一考核的得分）' };
    case 'survey':
      return { type: 'survey', fill: ['group', 'value'], hint: '测评群体和满意度（每个群体一行）' };
    case 'lateness':
      return { type: 'lateness', fill: ['due', 'date', 'periods'], hint: '规定时限和实际完成日期（或逾期期数）' };
    case 'deadline':
      return { type: 'flag', fill: ['value', 'date'], hint: '是否按时完成（是/否）和完成日期' };
    case 'discretionary':
    case 'manual':
      return { type: 'judgement', fill: ['amount', 'reason'], hint: '由考核部门评定：填分值和理由' };
  }
}

type Row = Partial<Record<Field, string>> & { 说明: string; 条款原文: string; 状态: string };

/** One row per unit in scope and clause; clauses still needing review say so in 状态. */
export function factsTemplateRows(scheme: Scheme): Row[] {
  const rows: Row[] = [];
  const groups = new Map<string, string[]>();
  for (const g of scheme.rankingGroups) for (const u of g.units ?? []) groups.set(u, [...(groups.get(u) ?? []), g.code]);
  // 最多报一次: clauses sharing a data item are asked once, under the data item's code
  const asked = new Set<string>();
  const walk = (nodes: readonly Indicator[], inherited: Scope | undefined): void => {
    for (const ind of nodes) {
      const scope = ind.appliesTo ?? inherited;
      const units = scheme.units.filter((u) => inScope(scope, u, groups));
      for (const clause of ind.clauses ?? []) {
        if (clause.dataItem !== undefined) {
          if (asked.has(clause.dataItem)) continue;
          asked.add(clause.dataItem);
        }
        rows.push(...rowsOf(units, ind, clause));
      }
      walk(ind.children ?? [], scope);
    }
  };
  walk(scheme.indicators, undefined);
  // 一票否优 / 一票否决 situations: a person records whether each occurred (是/否) for each unit in scope.
  for (const v of scheme.vetoes) {
    const units = scheme.units.filter((u) => inScope(v.appliesTo, u, groups));
    for (const u of units.length ? units : [{ code: '', name: '' }]) {
      rows.push({ unit: u.name || u.code, ref: v.code, type: 'flag', 说明: `${v.title ?? '否决事项'}：是否存在该情形（是/否）；${vetoHint(v.effects)}`, 条款原文: v.text, 状态: '已编译' });
    }
  }
  return rows;
}

function vetoHint(effects: Scheme['vetoes'][number]['effects']): string {
  return effects
    .map((e) => {
      switch (e.type) {
        case 'bar-grade':
          return `存在则不得评为“${e.grade}”`;
        case 'max-grade':
          return `存在则等次不高于“${e.grade}”`;
        case 'force-grade':
          return `存在则直接确定为“${e.grade}”`;
        case 'zero-indicator':
          return `存在则指标 ${e.indicator} 计零`;
        case 'zero-total':
          return '存在则总分计零';
        case 'force-last':
          return '存在则列为最后一名';
        case 'bar-award':
          return `存在则取消“${e.award}”资格`;
        case 'deduct':
          return `存在则扣 ${toStr(e.amount)} 分`;
      }
    })
    .join('，');
}

/** "其余站所得分为一线站所得分的平均分": the units the rule is not about are marked not applicable on the indicator. */
function averageHint(ind: Indicator): string {
  if (ind.notApplicable !== 'average-of-others') return '';
  return `；本条不适用的单位（见条款原文）不填上述格子，另填一行：条款编码填 ${ind.code}，事实类型填 not-applicable，理由填原因，该单位按其他单位得分的平均分计`;
}

function rowsOf(units: readonly Unit[], ind: Indicator, clause: Clause): Row[] {
  return (units.length ? units : [undefined]).map((u) => {
    // Rules by unit category read the same facts with other amounts: the unit's own rule, or the first one
    // when the scheme has no units yet (the `manual` fallback would ask for a judgement instead).
    const rule = u ? ruleFor(clause, u).rule : (Object.values(clause.ruleByCategory ?? {})[0] ?? clause.rule);
    const need = factNeed(rule);
    return {
      unit: u ? u.name || u.code : '',
      ref: clause.dataItem ?? clause.code,
      type: need.type,
      说明: `${ind.title}：${need.hint}${clause.dataItem !== undefined ? `（数据项 ${clause.dataItem}，各条款共用，只填一次）` : ''}${averageHint(ind)}`,
      条款原文: clause.text,
      状态: clause.status === 'ok' ? '已编译' : `待复核：${clause.reviewReason ?? ''}`,
    };
  });
}

/** Writes the template workbook: a 事实 sheet (header frozen, fill columns per row) and a 填写说明 sheet. */
export async function writeFactsTemplate(scheme: Scheme): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('事实', { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = [...FACT_FIELDS.map((f) => `${LABELS[f]}（${f}）`), '说明', '条款原文', '状态'];
  ws.addRow(columns).font = { bold: true };
  for (const row of factsTemplateRows(scheme)) ws.addRow([...FACT_FIELDS.map((f) => row[f] ?? ''), row.说明, row.条款原文, row.状态]);
  ws.columns.forEach((c, i) => (c.width = i < FACT_FIELDS.length ? 10 : 40));
  const help = wb.addWorksheet('填写说明');
  for (const line of [
    `方案：${scheme.title}（${scheme.year} 年）`,
    '每行是一个单位的一个条款。按“说明”列填写该行需要的格子；不需要的格子留空。',
    '没有发生的事项（如未被通报）可以不填或删除该行；“是否完成”填 是 或 否。',
    '括号中的英文是读取时使用的字段名，请不要修改表头。填好后运行：kaohe score 方案.yaml 本文件.xlsx',
  ])
    help.addRow([line]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const FIELD_OF = /[（(]([a-z]+)[)）]\s*$/;

/**
 * Reads a filled facts workbook (the template above, or any sheet whose header names the fact fields)
 * into facts, checked against the scheme like a CSV facts file. Rows with nothing filled in beyond
 * unit/ref/type are rows the clerk left empty and are skipped.
 */
export async function readFactsWorkbook(path: string, scheme: Scheme): Promise<Fact[]> {
  const doc = await readDocument(path);
  const table = doc.blocks.find((b) => b.kind === 'table')?.table;
  if (!table || table.grid.length === 0) throw new OfficeError('nothing-imported', `文件 ${doc.file} 中没有事实表（第一个工作表应有表头：单位（unit）、条款编码（ref）、事实类型（type）…）`, { file: doc.file });
  const header = table.grid[0]!.map((h) => FIELD_OF.exec(h.trim())?.[1] ?? h.trim());
  const keep = header.map((h) => (FACT_FIELDS as readonly string[]).includes(h));
  const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [header.filter((_, i) => keep[i]).join(',')];
  const filled = (g: readonly string[]): boolean => g.some((c, i) => keep[i] && !['unit', 'ref', 'type'].includes(header[i]!) && c.trim() !== '');
  for (const g of table.grid.slice(1)) if (filled(g)) lines.push(g.filter((_, i) => keep[i]).map((c) => quote(c.trim())).join(','));
  return parseFacts(`${lines.join('\n')}\n`, doc.file.replace(/\.xlsx$/i, '.csv'), scheme);
}
