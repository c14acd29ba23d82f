import { describeGradeNote, evaluate, toFixed, toStr, type EvaluationResult, type Fact, type Scheme } from '@kaohe/core';
import { CliError } from '../cli-error';
import { loadFacts, loadScheme } from '../load';
import { renderCsv, renderTable } from '../text-table';

export type ScoreOptions = { format: 'table' | 'json' | 'csv'; group?: string };

/** `kaohe score SCHEME FACTS`: the ranking table per group with grades. */
export function scoreCommand(schemePath: string, factsPath: string, opts: ScoreOptions, out: (s: string) => void, err: (s: string) => void, progress?: (s: string) => void, readFacts?: Fact[]): number {
  progress?.(`读取方案 ${schemePath}`);
  const { scheme, lint } = loadScheme(schemePath, 'score');
  progress?.(`读取事实 ${factsPath}`);
  const facts = readFacts ?? loadFacts(factsPath, scheme, 'score');
  progress?.(`计算 ${scheme.units.length} 个单位的得分（${facts.length} 条事实）`);
  const result = evaluate(scheme, facts);
  progress?.('');
  if (opts.group !== undefined && !result.groups.some((g) => g.code === opts.group || g.name === opts.group)) {
    throw new CliError(`方案中没有排名分组“${opts.group}”，可选：${result.groups.map((g) => `${g.code}（${g.name}）`).join('、')}`);
  }
  if (lint.length > 0) err(`提示：方案有 ${lint.length} 条校验提示，运行 kaohe validate 查看`);
  if (opts.format === 'json') {
    out(JSON.stringify(toJson(scheme, result, opts.group), null, 2));
    return 0;
  }
  const rows = tableRows(scheme, result, opts.group);
  if (opts.format === 'csv') {
    out(renderCsv(['分组', '排名', '单位编码', '单位', '总分', '等次', '待评项', '待复核'], rows.map((r) => [r.group, r.rank, r.code, r.name, r.total, r.grade, r.pending, r.review])).trimEnd());
    return 0;
  }
  out(`${scheme.title}（${scheme.year} 年）考核结果`);
  const decimals = scheme.settings.rounding?.decimals ?? 2;
  for (const g of result.groups) {
    if (opts.group !== undefined && g.code !== opts.group && g.name !== opts.group) continue;
    out('');
    out(`【${g.name}】共 ${g.units.length} 个单位`);
    const body = rows.filter((r) => r.groupCode === g.code).map((r) => [r.rank, r.name, r.totalFixed(decimals), r.grade, r.note]);
    out(renderTable(['排名', '单位', '总分', '等次', '备注'], body, [0, 2]));
  }
  const pending = result.units.reduce((a, u) => a + u.pendingJudgements, 0);
  if (pending > 0) out(`\n尚有 ${pending} 项待评分或待核实，结果为当前数据下的初步结果。`);
  return 0;
}

type Row = { groupCode: string; group: string; rank: string; code: string; name: string; total: string; totalFixed: (d: number) => string; grade: string; pending: string; review: string; note: string };

function tableRows(scheme: Scheme, result: EvaluationResult, only?: string): Row[] {
  const gradeName = (c?: string): string => (c ? (scheme.grading?.grades.find((g) => g.code === c)?.name ?? c) : '');
  const byUnit = new Map(result.units.map((u) => [u.unit, u]));
  const rows: Row[] = [];
  for (const g of result.groups) {
    if (only !== undefined && g.code !== only && g.name !== only) continue;
    for (const r of g.units) {
      const u = byUnit.get(r.unit)!;
      const notes: string[] = [];
      if (r.isTied) notes.push('并列');
      if (u.vetoes.length) notes.push('一票否决');
      if (u.isForcedLast) notes.push('列为最后一名');
      if (u.negativeTotal > 0) notes.push(`负面清单 -${toStr(u.negativeTotal)}`);
      if (u.pendingJudgements) notes.push(`待评 ${u.pendingJudgements} 项`);
      if (u.needsReview) notes.push(`待复核 ${u.needsReview} 项`);
      rows.push({
        groupCode: g.code,
        group: g.name,
        rank: String(r.rank),
        code: u.unit,
        name: u.name,
        total: toStr(u.total),
        totalFixed: (d) => toFixed(u.total, d),
        grade: gradeName(u.grade),
        pending: String(u.pendingJudgements),
        review: String(u.needsReview),
        note: notes.join('；'),
      });
    }
  }
  return rows;
}

/**
 * `score --format json`: per group, each unit's rank, total and its parts, grade (code and name)
 * with the reasons for any exception, and the score of each top-level indicator. Every amount is
 * an exact decimal string (documented in docs/scheme-format.md, 输出).
 */
function toJson(scheme: Scheme, result: EvaluationResult, only?: string): unknown {
  const grades = scheme.grading?.grades ?? [];
  const byUnit = new Map(result.units.map((u) => [u.unit, u]));
  return {
    scheme: scheme.code,
    title: scheme.title,
    year: scheme.year,
    groups: result.groups
      .filter((g) => only === undefined || g.code === only || g.name === only)
      .map((g) => ({
        code: g.code,
        name: g.name,
        units: g.units.map((r) => {
          const u = byUnit.get(r.unit)!;
          return {
            rank: r.rank,
            of: g.units.length,
            tied: r.isTied,
            unit: u.unit,
            name: u.name,
            category: u.category,
            total: toStr(u.total),
            items: toStr(u.itemsTotal),
            bonus: toStr(u.bonusTotal),
            negative: toStr(u.negativeTotal),
            deductions: toStr(u.deductionTotal),
            grade: u.grade ?? null,
            gradeName: u.grade ? (grades.find((x) => x.code === u.grade)?.name ?? u.grade) : null,
            gradeNotes: u.gradeNotes.map((n) => describeGradeNote(n, grades)),
            vetoes: u.vetoes,
            forcedLast: u.isForcedLast,
            pending: u.pendingJudgements,
            needsReview: u.needsReview,
            indicators: u.nodes.map((n) => ({ code: n.code, title: n.title, points: n.points !== undefined ? toStr(n.points) : null, score: toStr(n.score), status: n.status })),
          };
        }),
      })),
  };
}
