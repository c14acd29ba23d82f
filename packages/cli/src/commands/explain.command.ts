import { describeGradeNote, describeLine, evaluate, indexScheme, signed, sum, toStr, unitResultJson, type Code, type LedgerLine, type NodeResult, type Scheme, type UnitResult } from '@kaohe/core';
import { CliError } from '../cli-error';
import { loadFacts, loadScheme } from '../load';

export type ExplainOptions = { unit: string; by?: 'division' | 'leader'; format: 'text' | 'json' };

/** `kaohe explain SCHEME FACTS --unit U`: the unit's full ledger in Chinese, every line citing its clause. */
export function explainCommand(schemePath: string, factsPath: string, opts: ExplainOptions, out: (s: string) => void): number {
  const { scheme } = loadScheme(schemePath, 'explain');
  const facts = loadFacts(factsPath, scheme, 'explain');
  const unit = scheme.units.find((u) => u.code === opts.unit || u.name === opts.unit || u.aliases?.includes(opts.unit));
  if (!unit) throw new CliError(`方案中没有单位“${opts.unit}”。可选：${scheme.units.map((u) => u.name).join('、')}`);
  const result = evaluate(scheme, facts).units.find((u) => u.unit === unit.code)!;
  if (opts.format === 'json') {
    const gradeName = result.grade ? (scheme.grading?.grades.find((g) => g.code === result.grade)?.name ?? result.grade) : null;
    const gradeNotesText = result.gradeNotes.map((n) => describeGradeNote(n, scheme.grading?.grades ?? []));
    out(JSON.stringify({ ...unitResultJson(result), gradeName, gradeNotesText }, null, 2));
    return 0;
  }
  for (const line of renderExplanation(scheme, result, opts.by)) out(line);
  return 0;
}

export function renderExplanation(scheme: Scheme, u: UnitResult, by?: 'division' | 'leader'): string[] {
  const lines: string[] = [];
  const gradeName = (c?: string): string => (c ? (scheme.grading?.grades.find((g) => g.code === c)?.name ?? c) : '未评定');
  const rank = u.ranks.map((r) => `${r.group === '*' ? '全部单位' : (scheme.rankingGroups.find((g) => g.code === r.group)?.name ?? r.group)}第 ${r.rank}/${r.of} 名${r.isTied ? '（并列）' : ''}`).join('；');
  lines.push(`${u.name}  总分 ${toStr(u.total)} 分  等次：${gradeName(u.grade)}  ${rank}`);
  lines.push(`  指标得分 ${toStr(u.itemsTotal)}，加分 ${toStr(u.bonusTotal)}，负面清单扣分 ${toStr(u.negativeTotal)}${u.vetoes.length ? `，一票否决 ${u.vetoes.join('、')}` : ''}`);
  if (u.pendingJudgements || u.needsReview) lines.push(`  待评分/待核实 ${u.pendingJudgements} 项，待复核 ${u.needsReview} 项`);
  for (const n of u.gradeNotes) lines.push(`  等次说明：${describeGradeNote(n, scheme.grading?.grades ?? [])}`);
  lines.push('');
  const byPath = new Map<string, LedgerLine[]>();
  for (const l of u.ledger) {
    const k = l.path.join('/');
    const list = byPath.get(k);
    if (list) list.push(l);
    else byPath.set(k, [l]);
  }
  const walk = (n: NodeResult, path: Code[], depth: number): void => {
    const here = [...path, n.code];
    const indent = '  '.repeat(depth);
    const pts = n.points !== undefined ? ` / ${toStr(n.points)}` : '';
    lines.push(`${indent}■ ${n.title}  ${toStr(n.score)}${pts} 分${statusWord(n.status)}`);
    for (const l of byPath.get(here.join('/')) ?? []) lines.push(`${indent}    ${formatLine(l)}`);
    for (const c of n.children) walk(c, here, depth + 1);
  };
  for (const n of u.nodes) walk(n, [], 0);
  const unitLines = byPath.get('') ?? [];
  if (unitLines.length) {
    lines.push('■ 总分调整（负面清单、一票否决、封顶、取整）');
    for (const l of unitLines) lines.push(`    ${formatLine(l)}`);
  }
  const ledgerSum = sum(u.ledger.map((l) => l.amount));
  lines.push('');
  lines.push(`核对：明细合计 ${toStr(ledgerSum)} 分 = 总分 ${toStr(u.total)} 分`);
  if (by) lines.push('', ...responsibility(scheme, u, by));
  return lines;
}

function statusWord(s: NodeResult['status']): string {
  return s === 'needs-judgement' ? '（待评）' : s === 'needs-review' ? '（待复核）' : s === 'vetoed' ? '（否决）' : s === 'not-applicable' ? '（不适用）' : '';
}

function formatLine(l: LedgerLine): string {
  const amount = l.amount === 0 ? '  ·  ' : `[${signed(l.amount)}]`;
  const cite = l.cite ? `〔${l.ref}${l.cite.source?.line !== undefined ? ` ${l.cite.source.file ?? ''}:${l.cite.source.line}` : ''}：${excerpt(l.cite.text)}〕` : '';
  return `${amount} ${describeLine(l)} ${cite}`.trimEnd();
}

const excerpt = (t: string): string => (t.length > 40 ? `${t.slice(0, 40)}…` : t).replace(/\s+/g, ' ');

/** Points lost and gained per responsible division (or lead leader), from the clause assignments. */
function responsibility(scheme: Scheme, u: UnitResult, by: 'division' | 'leader'): string[] {
  const index = indexScheme(scheme);
  const names = new Map((by === 'division' ? scheme.divisions : scheme.leaders).map((d) => [d.code, d.name]));
  const totals = new Map<string, { lost: number; gained: number; lines: number }>();
  for (const l of u.ledger) {
    if (l.amount === 0 || l.kind === 'score' || l.kind === 'not-applicable') continue;
    const site = index.clauses.get(l.ref);
    const ind = site?.indicator ?? index.indicators.get(l.ref)?.indicator;
    const owners = (by === 'division' ? (site?.clause.divisions ?? ind?.divisions) : (site?.clause.leaders ?? ind?.leaders)) ?? [];
    const keys = owners.length ? owners : ['（未指定）'];
    for (const k of keys) {
      const t = totals.get(k) ?? { lost: 0, gained: 0, lines: 0 };
      if (l.amount < 0) t.lost += l.amount;
      else t.gained += l.amount;
      t.lines++;
      totals.set(k, t);
    }
  }
  const out = [by === 'division' ? '按责任处室汇总（同一条款由多个处室负责时各自列出）：' : '按牵头领导汇总：'];
  for (const [k, t] of [...totals.entries()].sort((a, b) => a[1].lost - b[1].lost)) {
    out.push(`  ${names.get(k) ?? k}：扣分 ${toStr(-t.lost as never)} 分，调增 ${toStr(t.gained as never)} 分（${t.lines} 条）`);
  }
  return out;
}
