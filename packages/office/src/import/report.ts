import type { LintIssue } from '@kaohe/core';
import type { DocumentFormat, ImportIssue, SourceRef } from '../document';
import { burdenFlags, burdenKindNames, type BurdenFlag, type BurdenKind } from './burden-lint';
import type { GroupDraft, RowRecord } from './draft.types';
import type { Dec } from '@kaohe/core';
import type { ClauseRecord } from './finalize';
import { reasonFamily, workItems, type WorkItem } from './work-list';

export type Coverage = {
  /** Clauses read from 评分标准 cells (each source clause once, however many rules it gave). */
  scoring: number;
  compiled: number;
  needsReview: number;
  /** compiled / scoring × 100, one decimal; null when the file has no scoring clauses (004). */
  percent: number | null;
  /** Indicators with target + points and no rule (001): scored by the assessor's judgement. */
  targetOnly: number;
  negative: number;
};

export type BurdenRecord = BurdenFlag & { code: string; source: SourceRef };

/** The document's 总分/合计 row against the points the import found. */
export type TotalCheck = { label: string; stated: Dec; found: Dec | null; agrees: boolean; source: SourceRef };

export type ImportReport = {
  file: string;
  format: DocumentFormat;
  title: string;
  /** Which layout recogniser read the document. */
  layout: string;
  coverage: Coverage;
  /** Needs-review clauses as a work list: source, unread phrase, reason, suggested reading. */
  workList: WorkItem[];
  /** Compiled rules per phrase family (rule kind), and needs-review clauses per reason. */
  families: { kind: string; rules: number }[];
  reviewByReason: { reason: string; clauses: number }[];
  /** Rows and paragraphs not imported, with where they are. */
  skipped: RowRecord[];
  totals: TotalCheck[];
  /** Sum of the top-level points as imported (null when no top-level item has points). */
  pointsFound: Dec | null;
  clauses: (ClauseRecord & { burden: BurdenFlag[] })[];
  burden: BurdenRecord[];
  issues: ImportIssue[];
  lint: LintIssue[];
  rows: RowRecord[];
  units: string[];
  groups: GroupDraft[];
  counts: { indicators: number; clauses: number; divisions: number; leaders: number; assessors: number; negative: number };
};

export function buildReport(input: Omit<ImportReport, 'coverage' | 'burden' | 'clauses' | 'workList' | 'families' | 'reviewByReason' | 'skipped'> & { clauses: ClauseRecord[]; targetOnly: number }): ImportReport {
  const clauses = input.clauses.map((c) => ({ ...c, burden: burdenFlags(c.text) }));
  const burden = clauses.flatMap((c) => c.burden.map((b) => ({ ...b, code: c.code, source: c.source })));
  const compiled = clauses.filter((c) => c.status === 'ok').length;
  const coverage: Coverage = {
    scoring: clauses.length,
    compiled,
    needsReview: clauses.length - compiled,
    percent: clauses.length === 0 ? null : Math.round((compiled / clauses.length) * 1000) / 10,
    targetOnly: input.targetOnly,
    negative: input.counts.negative,
  };
  const { targetOnly: _t, ...rest } = input;
  const workList = workItems(input.clauses, (c) => c.points);
  const kinds = new Map<string, number>();
  for (const c of clauses) if (c.status === 'ok') for (const r of c.rules) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  const reasons = new Map<string, number>();
  for (const w of workList) {
    const family = reasonFamily(w.reasons[0]!);
    reasons.set(family, (reasons.get(family) ?? 0) + 1);
  }
  const families = [...kinds].map(([kind, rules]) => ({ kind, rules })).sort((a, b) => b.rules - a.rules);
  const reviewByReason = [...reasons].map(([reason, n]) => ({ reason, clauses: n })).sort((a, b) => b.clauses - a.clauses);
  const skipped = input.rows.filter((r) => r.kind === 'ignored' || r.kind === 'unrecognised');
  return { ...rest, clauses, burden, coverage, workList, families, reviewByReason, skipped };
}

/** "评分条款 175 条：已编译 160 条（91.4%），待复核 15 条" — the line `kaohe import` prints. */
export function coverageLine(c: Coverage): string {
  const head = c.percent === null ? '评分条款 0 条（本文件没有评分标准列）' : `评分条款 ${c.scoring} 条：已编译 ${c.compiled} 条（${c.percent.toFixed(1)}%），待复核 ${c.needsReview} 条`;
  const extra = [c.targetOnly ? `目标+分值指标 ${c.targetOnly} 项（原文未写评分方法，由考核牵头部门评分）` : '', c.negative ? `负面清单 ${c.negative} 项` : ''].filter((s) => s !== '');
  return extra.length ? `${head}；${extra.join('；')}` : head;
}

/** "原文总分 100 分，导入各项合计 100 分（一致）". */
export function pointsLine(r: Pick<ImportReport, 'totals' | 'pointsFound'>): string {
  const found = r.pointsFound === null ? '导入的各项未写分值' : `导入各项合计 ${r.pointsFound / 1e6} 分`;
  if (r.totals.length === 0) return `${found}（原文未写总分）`;
  return r.totals.map((t) => `原文“${t.label}”${t.stated / 1e6} 分，${t.found === null ? found : `导入合计 ${t.found / 1e6} 分`}（${t.agrees ? '一致' : '不一致，请核对'}）`).join('；');
}

function where(s: SourceRef): string {
  const parts = [s.file];
  if (s.sheet) parts.push(`工作表 ${s.sheet}`);
  if (s.table !== undefined) parts.push(`表 ${s.table}`);
  if (s.row !== undefined) parts.push(`行 ${s.row}`);
  if (s.line !== undefined) parts.push(`第 ${s.line} 行`);
  return parts.join(' ');
}

const md = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function reportToMarkdown(r: ImportReport): string {
  const out: string[] = [];
  out.push(`# 导入报告：${r.title}`, '', `文件：${r.file}（${r.format}）`, '', `**覆盖率**：${coverageLine(r.coverage)}`, '');
  out.push(`识别为：${r.layout}。指标 ${r.counts.indicators} 项，条款 ${r.counts.clauses} 条，责任处室 ${r.counts.divisions} 个，牵头领导 ${r.counts.leaders} 人，考核牵头部门 ${r.counts.assessors} 个，被考核单位 ${r.units.length} 个，负面清单 ${r.counts.negative} 项。`, '');
  out.push(`**分值**：${pointsLine(r)}`, '');
  out.push(`## 待办：待复核条款（${r.workList.length}）`, '', '| 编码 | 位置 | 原文 | 未读懂的短语 | 原因 | 建议读法 |', '|---|---|---|---|---|---|');
  for (const w of r.workList) out.push(`| ${w.code} | ${where(w.source)} | ${md(w.text.slice(0, 80))} | ${md(w.unread.join('；'))} | ${md(w.reason)} | ${md(w.suggestion ?? '')} |`);
  out.push('', '## 覆盖率（按短语类型）', '', '| 规则类型 | 已编译规则数 |', '|---|---|');
  for (const f of r.families) out.push(`| ${f.kind} | ${f.rules} |`);
  out.push('', '| 待复核原因 | 条款数 |', '|---|---|');
  for (const x of r.reviewByReason) out.push(`| ${md(x.reason)} | ${x.clauses} |`);
  out.push('', `## 未导入的行（${r.skipped.length}）`, '', '| 位置 | 内容 |', '|---|---|');
  for (const row of r.skipped) out.push(`| ${where(row.source)} | ${md(row.summary)} |`);
  out.push('');
  const errors = r.issues.filter((i) => i.severity === 'error');
  out.push(`## 错误与警告（${errors.length} 个错误，${r.issues.length - errors.length} 个警告）`, '');
  for (const i of r.issues) out.push(`- ${i.severity === 'error' ? '错误' : '警告'}［${where(i.source)}］${md(i.message)}`);
  out.push('', `## 减负检查（${r.burden.length}）`, '', '以下条款计分的内容是基层减负规定不提倡的；它们仍按原文编译计分，标记供考评办参考。', '', '| 编码 | 类型 | 触发词 | 原因 |', '|---|---|---|---|');
  for (const b of r.burden) out.push(`| ${b.code} | ${burdenKindNames[b.kind]} | ${md(b.phrase)} | ${md(b.reason)} |`);
  out.push('', `## 方案检查（${r.lint.length}）`, '');
  for (const l of r.lint) out.push(`- ${l.severity === 'error' ? '错误' : '警告'} ${l.path}：${md(l.message)}`);
  out.push('', '## 条款', '', '| 编码 | 状态 | 规则 | 参数（短语 → 值） | 责任处室 | 牵头领导 |', '|---|---|---|---|---|---|');
  for (const c of r.clauses) {
    const params = c.rules.flatMap((x) => x.params.map((p) => `${p.phrase} → ${p.name}=${p.value}`)).join('；');
    out.push(`| ${c.code} | ${c.status === 'ok' ? '已编译' : '待复核'} | ${c.rules.map((x) => x.kind).join('、') || 'manual'} | ${md(params)} | ${c.divisions.join('、')} | ${c.leaders.join('、')} |`);
  }
  out.push('', '## 逐行识别结果', '', '| 位置 | 识别为 | 内容 |', '|---|---|---|');
  for (const row of r.rows) out.push(`| ${where(row.source)} | ${row.kind} | ${md(row.summary)} |`);
  return `${out.join('\n')}\n`;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function reportToHtml(r: ImportReport): string {
  const table = (head: string[], rows: string[][]): string =>
    `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const pct = r.coverage.percent ?? 0;
  const body = [
    `<h1>导入报告：${esc(r.title)}</h1>`,
    `<p>文件：${esc(r.file)}（${esc(r.format)}）</p>`,
    `<figure class="coverage"><div class="bar"><div style="width:${pct}%"></div></div><figcaption><strong>覆盖率</strong>：${esc(coverageLine(r.coverage))}</figcaption></figure>`,
    `<h2>错误与警告（${r.issues.length}）</h2>`,
    table(['级别', '位置', '说明'], r.issues.map((i) => [i.severity === 'error' ? '错误' : '警告', where(i.source), i.message])),
    `<p>识别为：${esc(r.layout)}；分值：${esc(pointsLine(r))}</p>`,
    `<h2>待办：待复核条款（${r.workList.length}）</h2>`,
    table(['编码', '位置', '原文', '未读懂的短语', '原因', '建议读法'], r.workList.map((w) => [w.code, where(w.source), w.text, w.unread.join('；'), w.reason, w.suggestion ?? ''])),
    `<h2>覆盖率（按短语类型）</h2>`,
    table(['规则类型', '已编译规则数'], r.families.map((f) => [f.kind, String(f.rules)])),
    table(['待复核原因', '条款数'], r.reviewByReason.map((x) => [x.reason, String(x.clauses)])),
    `<h2>未导入的行（${r.skipped.length}）</h2>`,
    table(['位置', '内容'], r.skipped.map((row) => [where(row.source), row.summary])),
    `<h2>减负检查（${r.burden.length}）</h2><p>这些条款仍按原文编译计分，标记供考评办参考。</p>`,
    table(['编码', '类型', '触发词', '原因'], r.burden.map((b) => [b.code, burdenKindNames[b.kind as BurdenKind], b.phrase, b.reason])),
    `<h2>方案检查（${r.lint.length}）</h2>`,
    table(['级别', '路径', '说明'], r.lint.map((l) => [l.severity, l.path, l.message])),
    `<h2>条款（${r.clauses.length}）</h2>`,
    table(['编码', '状态', '规则', '参数（短语 → 值）', '责任处室', '牵头领导'], r.clauses.map((c) => [c.code, c.status === 'ok' ? '已编译' : '待复核', c.rules.map((x) => x.kind).join('、') || 'manual', c.rules.flatMap((x) => x.params.map((p) => `${p.phrase} → ${p.name}=${p.value}`)).join('；'), c.divisions.join('、'), c.leaders.join('、')])),
    `<h2>逐行识别结果（${r.rows.length}）</h2>`,
    table(['位置', '识别为', '内容'], r.rows.map((row) => [where(row.source), row.kind, row.summary])),
  ].join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>导入报告：${esc(r.title)}</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}.bar{width:300px;height:14px;background:#eee}.bar div{height:100%;background:#3a7}</style></head><body>\n${body}\n</body></html>\n`;
}

export function reportToJson(r: ImportReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
