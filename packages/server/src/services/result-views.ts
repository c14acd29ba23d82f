import type { FactWarningView, GroupRankView, LedgerLineView, NodeResultView, ScoreCardView } from '@kaohe/contract/api';
import { describeGradeNote, type Scheme } from '@kaohe/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { schemes } from '../db/schema';
import { parseSchemeCached } from './evaluator';

/** The names a results view shows beside the codes the ledger stores: grades, groups, categories. */
export type SchemeNames = {
  grade: (code: string | null) => string | null;
  group: (code: string) => string;
  category: (code: string | null) => string | null;
  scheme: Scheme;
};

export async function schemeNames(db: Db, schemeId: string): Promise<SchemeNames> {
  const [row] = await db.select({ sha256: schemes.sha256, document: schemes.document }).from(schemes).where(eq(schemes.id, schemeId));
  if (!row) throw new Error(`scheme ${schemeId} of a result is missing`);
  const scheme = parseSchemeCached(row.sha256, row.document);
  const grades = new Map((scheme.grading?.grades ?? []).map((g) => [g.code, g.name]));
  const groups = new Map(scheme.rankingGroups.map((g) => [g.code, g.name]));
  const categories = new Map(scheme.unitCategories.map((c) => [c.code, c.name]));
  return {
    // a code the scheme does not name is shown as it is, never dropped
    grade: (code) => (code === null ? null : (grades.get(code) ?? code)),
    group: (code) => groups.get(code) ?? code,
    category: (code) => (code === null ? null : (categories.get(code) ?? code)),
    scheme,
  };
}

type StoredRank = { group: string; rank: number; of: number; isTied: boolean };

export function groupRanks(stored: unknown, names: SchemeNames): GroupRankView[] {
  if (!Array.isArray(stored)) return [];
  return (stored as StoredRank[]).map((r) => ({ group: r.group, groupName: names.group(r.group), rank: r.rank, of: r.of, isTied: r.isTied }));
}

type StoredLine = { path: string[]; ref: string; kind: string; msg: string; params?: Record<string, unknown>; amount: string; facts: string[]; cite?: { text: string; source?: Record<string, unknown> } };
type StoredSnapshot = {
  unit: string;
  name: string;
  category: string;
  total: string;
  itemsTotal: string;
  bonusTotal: string;
  negativeTotal: string;
  deductionTotal: string;
  vetoes?: string[];
  pendingJudgements?: number;
  needsReview?: number;
  selfAssessedTotal?: string;
  warnings?: FactWarningView[];
  nodes?: NodeResultView[];
  ledger?: StoredLine[];
  lines?: string[];
  gradeNotes?: string[];
};

/** The stored snapshot of one unit (see evaluator.ts snapshotOf) as the score card the contract declares. */
export function scoreCard(stored: unknown, names: SchemeNames): ScoreCardView {
  const s = stored as StoredSnapshot;
  const lines = s.lines ?? [];
  const entries: LedgerLineView[] = (s.ledger ?? []).map((l, i) => ({
    path: [...l.path],
    ref: l.ref,
    kind: l.kind,
    msg: l.msg,
    ...(l.params ? { params: l.params } : {}),
    amount: String(l.amount),
    facts: [...l.facts],
    text: lines[i] ?? '',
    ...(l.cite ? { cite: { text: l.cite.text, ...(l.cite.source ? { source: l.cite.source } : {}) } } : {}),
  }));
  return {
    unit: s.unit,
    name: s.name,
    category: s.category,
    total: s.total,
    itemsTotal: s.itemsTotal,
    bonusTotal: s.bonusTotal,
    negativeTotal: s.negativeTotal,
    deductionTotal: s.deductionTotal,
    vetoes: s.vetoes ?? [],
    pendingJudgements: s.pendingJudgements ?? 0,
    needsReview: s.needsReview ?? 0,
    nodes: s.nodes ?? [],
    lines,
    entries,
    gradeNotes: (s.gradeNotes ?? []).map((n) => describeGradeNote(n, names.scheme.grading?.grades ?? [])),
    selfAssessedTotal: s.selfAssessedTotal ?? null,
    warnings: s.warnings ?? [],
  };
}
