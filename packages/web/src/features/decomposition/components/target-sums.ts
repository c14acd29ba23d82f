import type { SchemeTreeNode } from '@kaohe/contract/api/scheme-editor';
import { decimalText, parseDecimal } from '../../../lib/decimal';

export type TargetRow = { id: string; unitId: string; clauseKey: string; target: string; value: unknown };
export type TargetGroup = { clauseKey: string; title: string; parentText: string | null; parentValue: string | null; sum: string | null; rows: TargetRow[]; state: 'below' | 'ok' | 'unknown' };

/** The indicator a target key names: the indicator itself, or the one that holds the clause. */
function ownerOf(nodes: readonly SchemeTreeNode[], key: string): SchemeTreeNode | undefined {
  return nodes.find((n) => n.code === key) ?? nodes.find((n) => n.clauses.some((c) => c.code === key));
}

/**
 * Targets per clause key with the sum of the units' values against the target they decompose
 * (catalogue §8.2: a decomposition below its parent target is a finding). Values are exact text; a
 * key whose parent or values are not numbers is 'unknown', never guessed.
 */
export function targetGroups(nodes: readonly SchemeTreeNode[], targets: readonly TargetRow[]): TargetGroup[] {
  const byKey = new Map<string, TargetRow[]>();
  for (const t of targets) byKey.set(t.clauseKey, [...(byKey.get(t.clauseKey) ?? []), t]);
  return [...byKey].map(([clauseKey, rows]) => {
    const owner = ownerOf(nodes, clauseKey);
    const values = rows.map((r) => (typeof r.value === 'string' || typeof r.value === 'number' ? parseDecimal(String(r.value)) : null));
    const complete = values.every((v) => v !== null);
    const sum = complete ? decimalText(values.reduce<bigint>((a, v) => a + v!, 0n)) : null;
    const parent = owner?.target?.value ?? null;
    const state: TargetGroup['state'] = sum === null || parent === null ? 'unknown' : parseDecimal(sum)! < parseDecimal(parent)! ? 'below' : 'ok';
    return { clauseKey, title: owner ? owner.title : clauseKey, parentText: owner?.target?.text ?? null, parentValue: parent, sum, rows, state };
  });
}
