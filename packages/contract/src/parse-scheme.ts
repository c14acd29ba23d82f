import { lintScheme, type LintIssue, type Scheme, CoreError, indexScheme } from '@kaohe/core';
import { ContractError } from './contract-error';
import { parseYamlOrJson, validate, type Located } from './parse-document';
import { schemeSchema } from './scheme.schema';

export type ParsedScheme = { scheme: Scheme; lint: LintIssue[] };

/**
 * Parses a scheme file (YAML or JSON text, or an already-parsed object) and validates it.
 * Structural errors and lint errors (unknown references, duplicate codes) throw a ContractError
 * naming path and line; lint warnings (points that do not add up, band gaps…) are returned.
 */
export function parseScheme(input: string | unknown, file = 'scheme.yaml'): ParsedScheme {
  const doc: Located = typeof input === 'string' ? parseYamlOrJson(input, file) : { value: input, locate: () => undefined };
  const scheme = validate(schemeSchema, doc, file);
  const lint = lintScheme(scheme);
  const errors = lint.filter((l) => l.severity === 'error');
  if (errors.length > 0) {
    throw new ContractError(
      file,
      errors.map((e) => {
        const loc = doc.locate(pathKeys(e.path));
        return loc ? { path: e.path, message: e.message, line: loc.line, column: loc.column } : { path: e.path, message: e.message };
      }),
    );
  }
  try {
    indexScheme(scheme);
  } catch (e) {
    if (e instanceof CoreError) throw new ContractError(file, [{ path: e.path ?? '', message: e.message }]);
    throw e;
  }
  return { scheme, lint: lint.map((l) => ({ ...l })) };
}

/** "indicators[3].clauses[2].rule" → ['indicators', 3, 'clauses', 2, 'rule']. */
export function pathKeys(path: string): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** Lint issues with lines, for `kaohe validate`. */
export function locateLint(input: string, file: string, lint: readonly LintIssue[]): (LintIssue & { line?: number })[] {
  const doc = parseYamlOrJson(input, file);
  return lint.map((l) => {
    const loc = doc.locate(pathKeys(l.path));
    return loc ? { ...l, line: loc.line } : { ...l };
  });
}

export { ContractError };
