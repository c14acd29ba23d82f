import type { Indicator, Scheme } from '@kaohe/core';
import { parseScheme } from '@kaohe/contract';
import { assertHasTables, type RawDocument } from '../document';
import { readDocument, type ReadInput, type ReadOptions } from '../read-document';
import { finalize, type SchemeMeta } from './finalize';
import { buildReport, type ImportReport } from './report';
import { schemeToYaml } from './serialize';
import { readStructure } from './layout/recognisers';
import { mergeTemplates } from './template';

export type ImportOptions = ReadOptions & SchemeMeta;
export type ImportResult = { scheme: Scheme; yaml: string; report: ImportReport };

/**
 * Imports a scheme file (Word, Excel, .doc via LibreOffice, or the seeds' text extraction): recognises
 * its tables, compiles every 评分标准 clause, and returns a scheme that passes `parseScheme` with the
 * report of what was recognised. A bad file throws OfficeError; nothing partial is returned.
 */
export async function importScheme(input: ReadInput | RawDocument, options: ImportOptions = {}): Promise<ImportResult> {
  const doc = isRawDocument(input) ? input : await readDocument(input, options);
  assertHasTables(doc);
  const state = readStructure(doc);
  mergeTemplates(state);
  const fin = finalize(state, options);
  const yaml = schemeToYaml(fin.scheme);
  // The YAML goes through the same validation as a hand-written file: what we return is what `kaohe validate` accepts.
  const { scheme, lint } = parseScheme(yaml, `${doc.file}.yaml`);
  const report = buildReport({
    file: doc.file,
    format: doc.format,
    title: scheme.title,
    clauses: fin.clauses,
    targetOnly: fin.targetOnly.length,
    issues: state.issues,
    lint,
    rows: state.rows,
    units: scheme.units.map((u) => u.name),
    groups: state.groups,
    counts: {
      indicators: countIndicators(scheme.indicators),
      clauses: countClauses(scheme.indicators),
      divisions: scheme.divisions.length,
      leaders: scheme.leaders.length,
      assessors: scheme.assessors.length,
      negative: scheme.negativeList.length,
    },
  });
  return { scheme, yaml, report };
}

function isRawDocument(x: ReadInput | RawDocument): x is RawDocument {
  return typeof x === 'object' && 'blocks' in x && 'format' in x;
}

export function countIndicators(nodes: readonly Indicator[]): number {
  return nodes.reduce((n, i) => n + 1 + countIndicators(i.children ?? []), 0);
}

export function countClauses(nodes: readonly Indicator[]): number {
  return nodes.reduce((n, i) => n + (i.clauses?.length ?? 0) + countClauses(i.children ?? []), 0);
}
