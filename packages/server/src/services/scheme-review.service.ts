import type { SchemeDocument } from './scheme-document';

type Json = Record<string, unknown>;
export type ReviewClause = { code: string; indicator: string; text: string; reason: string; rule: Json };

/** Clauses of a scheme document still marked needs-review, in document order. */
export function needsReviewClauses(document: SchemeDocument): ReviewClause[] {
  const out: ReviewClause[] = [];
  const walk = (nodes: Json[], title: string) => {
    for (const node of nodes) {
      const here = String(node.title ?? title);
      for (const c of (node.clauses as Json[] | undefined) ?? []) {
        if (c.status === 'needs-review') {
          const rule = (c.rule ?? {}) as Json;
          out.push({ code: String(c.code), indicator: here, text: String(c.text ?? ''), reason: String(c.reviewReason ?? rule.reason ?? '需要人工复核'), rule });
        }
      }
      walk((node.children as Json[] | undefined) ?? [], here);
    }
  };
  walk(document.indicators as Json[], '');
  return out;
}

/** Finds one clause by code anywhere in the indicator tree (the live object, for editing a copy). */
export function findClause(document: SchemeDocument, code: string): Json | null {
  const walk = (nodes: Json[]): Json | null => {
    for (const node of nodes) {
      for (const c of (node.clauses as Json[] | undefined) ?? []) if (c.code === code) return c;
      const hit = walk((node.children as Json[] | undefined) ?? []);
      if (hit) return hit;
    }
    return null;
  };
  return walk(document.indicators as Json[]);
}

/**
 * Resolves a needs-review clause on a copy of the document: a new rule, or the current reading
 * confirmed. The clause is marked reviewed with the note kept next to it (`reviewReason` becomes
 * the resolution), so the published scheme says who decided what and why through the audit trail.
 */
export function resolveClause(document: SchemeDocument, code: string, change: { action: 'edit-rule'; rule: Json; points?: string | undefined; note: string } | { action: 'confirm'; note: string }): { next: SchemeDocument; before: Json; after: Json } | null {
  const next = structuredClone(document);
  const clause = findClause(next, code);
  if (!clause) return null;
  const before = structuredClone(clause);
  if (change.action === 'edit-rule') {
    clause.rule = change.rule;
    if (change.points !== undefined) clause.points = change.points;
  }
  clause.status = 'ok';
  clause.reviewReason = `已复核：${change.note}`;
  return { next, before, after: structuredClone(clause) };
}
