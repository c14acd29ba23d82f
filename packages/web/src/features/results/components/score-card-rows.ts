import type { LedgerLineView, NodeResultView, ScoreCardView } from '@kaohe/contract/api';
import { compareDecimal } from '../../../lib/format';

/** A row of the score card tree: an indicator or one of its clauses, with its ledger lines. */
export type CardRow = {
  key: string;
  kind: 'indicator' | 'clause' | 'line';
  /** For a line row: the ledger line it shows. */
  line?: LedgerLineView;
  code: string;
  title: string;
  points?: string | undefined;
  score: string;
  deduction: string;
  bonus: string;
  status: string;
  lines: LedgerLineView[];
  /** Points lost in this row and below (for 只看失分). */
  hasLoss: boolean;
  children?: CardRow[];
};

/** Ledger lines as rows under their clause or indicator: the last level of the drill-down. */
const lineRows = (parent: string, lines: LedgerLineView[]): CardRow[] =>
  lines.map((line, i) => ({
    key: `${parent}~${i}`,
    kind: 'line',
    line,
    code: line.ref,
    title: line.text,
    score: line.amount,
    deduction: '0',
    bonus: '0',
    status: '',
    lines: [],
    hasLoss: isLoss(line),
  }));

const isZero = (d: string) => /^-?0*(\.0*)?$/.test(d);
const isLoss = (l: LedgerLineView) => l.amount.startsWith('-') && !isZero(l.amount);

/**
 * Builds the drill-down tree total → item → clause → ledger line from the card. A line belongs to
 * the clause (or indicator) its `ref` names; lines that name neither (bonuses, the negative list,
 * vetoes, a unit-level cap) are returned apart so none is hidden.
 */
export function cardRows(card: ScoreCardView): { rows: CardRow[]; other: LedgerLineView[] } {
  const byRef = new Map<string, LedgerLineView[]>();
  for (const line of card.entries) byRef.set(line.ref, [...(byRef.get(line.ref) ?? []), line]);
  const used = new Set<LedgerLineView>();
  const take = (code: string) => {
    const lines = byRef.get(code) ?? [];
    lines.forEach((l) => used.add(l));
    return lines;
  };
  const build = (node: NodeResultView, parent: string): CardRow => {
    const key = parent ? `${parent}/${node.code}` : node.code;
    const clauseRows: CardRow[] = node.clauses.map((c) => {
      const lines = take(c.code);
      const rowKey = `${key}#${c.code}`;
      const children = lineRows(rowKey, lines);
      return {
        key: rowKey,
        kind: 'clause',
        code: c.code,
        title: lines[0]?.cite?.text ?? c.code,
        score: c.score,
        deduction: c.deduction,
        bonus: c.bonus,
        status: c.status,
        lines,
        hasLoss: lines.some(isLoss) || !isZero(c.deduction),
        ...(children.length > 0 ? { children } : {}),
      };
    });
    const childRows = node.children.map((c) => build(c, key));
    const lines = take(node.code);
    const children = [...lineRows(key, lines), ...clauseRows, ...childRows];
    return {
      key,
      kind: 'indicator',
      code: node.code,
      title: node.title,
      points: node.points,
      score: node.score,
      deduction: node.deduction,
      bonus: node.bonus,
      status: node.status,
      lines,
      // short of its points (a partial score) or any deduction below it
      hasLoss: (node.points !== undefined && compareDecimal(node.score, node.points) < 0) || lines.some(isLoss) || children.some((c) => c.hasLoss),
      ...(children.length > 0 ? { children } : {}),
    };
  };
  const rows = card.nodes.map((n) => build(n, ''));
  return { rows, other: card.entries.filter((l) => !used.has(l)) };
}

/** Keeps only the rows where a point was lost, and their ancestors. */
export function lossesOnly(rows: CardRow[]): CardRow[] {
  return rows
    .filter((r) => r.hasLoss)
    .map((r) => {
      if (!r.children) return r;
      // a row short of its points whose parts deduct nothing: all its parts explain the loss
      const lossy = r.children.filter((c) => c.hasLoss);
      return { ...r, children: lossy.length > 0 ? lossesOnly(r.children) : r.children };
    });
}

export const statusLabelsZh: Record<string, { text: string; color: string }> = {
  scored: { text: '已计分', color: 'green' },
  'not-applicable': { text: '不适用', color: 'default' },
  'needs-judgement': { text: '待认定', color: 'orange' },
  'needs-review': { text: '待复核', color: 'red' },
  vetoed: { text: '一票否决', color: 'red' },
  clamped: { text: '已封顶/保底', color: 'blue' },
};

/** Every row key that has children (to open the whole drill-down at once). */
export function parentKeys(rows: CardRow[]): string[] {
  return rows.flatMap((r) => (r.children ? [r.key, ...parentKeys(r.children)] : []));
}
