import { z } from 'zod';
import { canonicalJson } from '../lib/canonical-json';

/**
 * The stored scheme document (jsonb) in the scheme file format of @kaohe/contract. Until the
 * contract's parseScheme is wired in (evaluator.ts), the server checks the outline it relies on:
 * units, assessors and the indicator tree with clause codes.
 */
const code = z.string().trim().min(1).max(100);
const indicator: z.ZodType<IndicatorOutline> = z.lazy(() =>
  z.looseObject({
    code,
    title: z.string().min(1),
    leadAssessors: z.array(code).optional(),
    divisions: z.array(code).optional(),
    children: z.array(indicator).optional(),
    clauses: z
      .array(
        z.looseObject({
          code,
          text: z.string().min(1),
          leadAssessors: z.array(code).optional(),
          divisions: z.array(code).optional(),
          points: z.union([z.string(), z.number()]).optional(),
        }),
      )
      .optional(),
  }),
);
type IndicatorOutline = {
  code: string;
  title: string;
  leadAssessors?: string[] | undefined;
  divisions?: string[] | undefined;
  children?: IndicatorOutline[] | undefined;
  clauses?: { code: string; text: string; leadAssessors?: string[] | undefined; divisions?: string[] | undefined; points?: string | number | undefined }[] | undefined;
  [k: string]: unknown;
};

export const schemeDocumentSchema = z.looseObject({
  code,
  title: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  units: z.array(z.looseObject({ code, name: z.string().min(1), category: code })),
  assessors: z.array(z.looseObject({ code, name: z.string().min(1) })).optional(),
  indicators: z.array(indicator).min(1),
});
export type SchemeDocument = z.infer<typeof schemeDocumentSchema>;

export type ClauseOutline = { key: string; title: string; leadAssessors: string[]; divisions: string[]; points: string | null; refKind: 'clause' | 'indicator' };

/** Every clause with the lead assessors and divisions it inherits from its indicators. */
export function clausesOf(document: SchemeDocument): ClauseOutline[] {
  const out: ClauseOutline[] = [];
  const walk = (node: IndicatorOutline, leads: string[], divisions: string[]) => {
    const l = node.leadAssessors ?? leads;
    const d = node.divisions ?? divisions;
    for (const c of node.clauses ?? []) {
      out.push({
        key: c.code,
        title: c.text.slice(0, 500),
        leadAssessors: c.leadAssessors ?? l,
        divisions: c.divisions ?? d,
        points: c.points === undefined ? null : String(c.points),
        refKind: 'clause',
      });
    }
    for (const child of node.children ?? []) walk(child, l, d);
  };
  for (const node of document.indicators as IndicatorOutline[]) walk(node, [], []);
  return out;
}

/**
 * Every indicator as a ref work can address (targets, reports, evidence, judgements), with the lead
 * assessors and divisions it inherits: a leaf indicator without clauses (001's "target + points")
 * is scored on its own.
 */
export function indicatorsOf(document: SchemeDocument): ClauseOutline[] {
  const out: ClauseOutline[] = [];
  const walk = (node: IndicatorOutline, leads: string[], divisions: string[]) => {
    const l = node.leadAssessors ?? leads;
    const d = node.divisions ?? divisions;
    const points = node['points'];
    out.push({ key: node.code, title: node.title.slice(0, 500), leadAssessors: l, divisions: d, points: typeof points === 'string' || typeof points === 'number' ? String(points) : null, refKind: 'indicator' });
    for (const child of node.children ?? []) walk(child, l, d);
  };
  for (const node of document.indicators as IndicatorOutline[]) walk(node, [], []);
  return out;
}

export type SchemeDiff = { added: string[]; removed: string[]; changed: string[]; settingsChanged: boolean };

/** Clause-level difference between two versions (codes added, removed, or with changed content). */
export function diffSchemes(previous: SchemeDocument, next: SchemeDocument): SchemeDiff {
  const index = (doc: SchemeDocument) => {
    const map = new Map<string, string>();
    const walk = (node: IndicatorOutline) => {
      const { children, clauses, ...own } = node;
      map.set(`indicator:${node.code}`, canonicalJson(own));
      for (const c of clauses ?? []) map.set(`clause:${c.code}`, canonicalJson(c));
      for (const child of children ?? []) walk(child);
    };
    for (const n of doc.indicators as IndicatorOutline[]) walk(n);
    return map;
  };
  const a = index(previous);
  const b = index(next);
  const { indicators: _a, ...restA } = previous;
  const { indicators: _b, ...restB } = next;
  return {
    added: [...b.keys()].filter((k) => !a.has(k)),
    removed: [...a.keys()].filter((k) => !b.has(k)),
    changed: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)),
    settingsChanged: canonicalJson(restA) !== canonicalJson(restB),
  };
}
