import type { Clause, Indicator, Scheme } from '@kaohe/core';
import { ExportError } from './export-error';
import type { OutBlock, OutCell } from './out-model';
import { realOwners, schemeLabels } from './scheme-labels';

export type ResponsibilityOptions = { /** Print the clause codes (1.1.1.1.2) as a column. */ codes?: boolean };

/** One printed duty: a clause (its -a/-b parts once) or, in a scheme without clauses, an indicator with owners. */
type Duty = { code: string; path: string; text: string; leaders: string[]; divisions: string[]; assessors: string[] };

/** "4.2-a", "4.2-b" come from one printed clause 4.2. */
const baseCode = (c: Clause): string => c.code.replace(/-[a-z]\d*$/, '');
const clip = (t: string): string => t.replace(/…$/, '');
/** The importer clips long titles ("政治建设（贯彻…"); the path shows the clipped form without its ellipsis. */
const titleOf = (n: Indicator): string => clip(n.title);

/** "党的建设清单 › 政治建设 › 政治建设（贯彻… › 习近平总书记…情况" → its section and the indicator itself. */
function shortPath(path: string): string {
  const segs = path.split(' › ');
  return segs.length > 2 ? `${segs[1]} › ${segs[segs.length - 1]}` : path;
}

/** An indicator's title and text, once: a title that is the start of its text (clipped or not) is not repeated. */
function fullText(n: Indicator): string {
  const t = clip(n.title);
  if (!n.text) return t;
  return n.text.startsWith(t) ? n.text : `${t}\n${n.text}`;
}

function duties(scheme: Scheme, warnings: string[]): Duty[] {
  const out: Duty[] = [];
  // With a single list its title is the document's: paths start below it.
  const single = scheme.indicators.length === 1;
  const walk = (nodes: readonly Indicator[], path: string[], inherited: Pick<Duty, 'leaders' | 'divisions' | 'assessors'>, depth = 0): void => {
    for (const n of nodes) {
      const where = `指标“${titleOf(n)}”`;
      const own = {
        leaders: n.leaders?.length ? realOwners(n.leaders, where, warnings) : inherited.leaders,
        divisions: n.divisions?.length ? realOwners(n.divisions, where, warnings) : inherited.divisions,
        assessors: n.leadAssessors?.length ? realOwners(n.leadAssessors, where, warnings) : inherited.assessors,
      };
      const p = depth === 0 && single ? [] : [...path, titleOf(n)];
      const shown = p;
      let last = '';
      for (const c of n.clauses ?? []) {
        const base = baseCode(c);
        if (base === last) continue;
        last = base;
        out.push({
          code: base,
          path: shown.join(' › '),
          text: c.text,
          leaders: c.leaders?.length ? realOwners(c.leaders, where, warnings) : own.leaders,
          divisions: c.divisions?.length ? realOwners(c.divisions, where, warnings) : own.divisions,
          assessors: own.assessors,
        });
      }
      if (!n.clauses?.length && !n.children?.length && (own.divisions.length || own.assessors.length || own.leaders.length)) {
        out.push({ code: n.code, path: shown.slice(0, -1).join(' › '), text: fullText(n), ...own });
      }
      walk(n.children ?? [], p, own, depth + 1);
    }
  };
  walk(scheme.indicators, [], { leaders: [], divisions: [], assessors: [] });
  return out;
}

/**
 * The responsibility matrix: every duty once, grouped by 牵头领导 (or, without leaders, 牵头单位 / the
 * responsible owner) and then by 责任处室 / 责任单位, the group cells merged down, the indicator written
 * once over its run of rows; then a summary per responsible owner. Internal codes only when asked.
 */
export function responsibilityBlocks(scheme: Scheme, options: ResponsibilityOptions, warnings: string[]): OutBlock[] {
  const labels = schemeLabels(scheme);
  const all = duties(scheme, warnings);
  if (all.length === 0) {
    throw new ExportError('layout-not-applicable', `该方案没有细则条款，也没有写明${labels.division}、${labels.assessor}或${labels.leader}的指标，无法导出责任分解表`, 'responsibility');
  }
  if (!all.some((d) => d.leaders.length || d.divisions.length || d.assessors.length)) {
    throw new ExportError('layout-not-applicable', `该方案的条款和指标都没有写明${labels.division}、${labels.assessor}或${labels.leader}，无法导出责任分解表`, 'responsibility');
  }
  const hasLeaders = all.some((d) => d.leaders.length);
  const hasAssessors = all.some((d) => d.assessors.length);
  const hasDivisions = all.some((d) => d.divisions.length);
  const isClauses = indicatorsHaveClauses(scheme);
  const first: { label: string; of: (d: Duty) => string[] } = hasLeaders ? { label: labels.leader, of: (d) => d.leaders } : hasAssessors ? { label: labels.assessor, of: (d) => d.assessors } : { label: labels.division, of: (d) => d.divisions };
  const second = first.label !== labels.division && hasDivisions ? { label: labels.division, of: (d: Duty) => d.divisions } : undefined;
  const key = (names: string[]): string => (names.length ? names.join('、') : '（未明确）');

  // Group order: first appearance in the scheme; duties keep the scheme's order inside a group.
  const order = new Map<string, number>();
  const rank = (k: string): number => (order.has(k) ? order.get(k)! : (order.set(k, order.size), order.size - 1));
  const sorted = all
    .map((d, i) => ({ d, i, a: key(first.of(d)), b: second ? key(second.of(d)) : '' }))
    .map((x) => ({ ...x, ra: rank(x.a), rb: rank(`${x.a}\u0000${x.b}`) }))
    .sort((x, y) => x.ra - y.ra || x.rb - y.rb || x.i - y.i);

  const header = [first.label, ...(second ? [second.label] : []), '指标', isClauses ? '条款内容' : '工作内容', ...(options.codes ? ['条款编码'] : [])];
  const rows: OutCell[][] = sorted.map((x) => [{ text: x.a }, ...(second ? [{ text: x.b }] : []), { text: shortPath(x.d.path) }, { text: x.d.text }, ...(options.codes ? [{ text: x.d.code }] : [])]);
  mergeRuns(rows, 0, () => true);
  if (second) mergeRuns(rows, 1, (i, j) => sorted[i]!.a === sorted[j]!.a);
  mergeRuns(rows, second ? 2 : 1, (i, j) => sorted[i]!.a === sorted[j]!.a && sorted[i]!.b === sorted[j]!.b);

  const blocks: OutBlock[] = [{ kind: 'heading', text: `责任分解（按${first.label}${second ? `、${second.label}` : ''}）` }, { kind: 'table', table: { header, rows } }];

  // Summary: per responsible owner (each name on its own), how many duties and under which indicators.
  const owner = second ?? first;
  const per = new Map<string, { count: number; others: Set<string>; paths: Set<string> }>();
  for (const d of all) {
    for (const name of owner.of(d).length ? owner.of(d) : ['（未明确）']) {
      const e = per.get(name) ?? { count: 0, others: new Set<string>(), paths: new Set<string>() };
      e.count++;
      if (second) first.of(d).forEach((o) => e.others.add(o));
      if (d.path) e.paths.add(d.path.split(' › ').slice(0, 2).join(' › '));
      per.set(name, e);
    }
  }
  blocks.push({ kind: 'heading', text: `各${owner.label}任务汇总` });
  blocks.push({
    kind: 'table',
    table: {
      header: [owner.label, ...(second ? [first.label] : []), isClauses ? '条款数' : '任务数', '涉及指标'],
      rows: [...per].map(([name, e]) => [{ text: name }, ...(second ? [{ text: [...e.others].join('、') }] : []), { text: String(e.count) }, { text: [...e.paths].join('\n') }]),
    },
  });
  return blocks;
}

function indicatorsHaveClauses(scheme: Scheme): boolean {
  const any = (ns: readonly Indicator[]): boolean => ns.some((n) => (n.clauses?.length ?? 0) > 0 || any(n.children ?? []));
  return any(scheme.indicators);
}

/** Merges equal texts of column k down over consecutive rows (rowSpan on the first, merged on the rest) while `same` holds. */
function mergeRuns(rows: OutCell[][], k: number, same: (i: number, j: number) => boolean): void {
  for (let i = 0; i < rows.length; ) {
    let j = i + 1;
    while (j < rows.length && rows[j]![k]!.text === rows[i]![k]!.text && same(i, j)) j++;
    if (j - i > 1) {
      rows[i]![k] = { ...rows[i]![k]!, rowSpan: j - i };
      for (let r = i + 1; r < j; r++) rows[r]![k] = { text: '', merged: true };
    }
    i = j;
  }
}
