/** A problem in an input file, located by data path (indicators[3].clauses[2].rule.cap) and, when known, line. */
export type ContractIssue = {
  path: string;
  message: string;
  line?: number;
  column?: number;
};

export class ContractError extends Error {
  readonly file: string;
  readonly issues: ContractIssue[];
  constructor(file: string, issues: ContractIssue[]) {
    super(formatIssues(file, issues));
    this.name = 'ContractError';
    this.file = file;
    this.issues = issues;
  }
}

export function formatIssues(file: string, issues: readonly ContractIssue[]): string {
  const head = `${file}：发现 ${issues.length} 处错误`;
  const lines = issues.map((i) => {
    const where = i.line !== undefined ? `${file}:${i.line}${i.column !== undefined ? `:${i.column}` : ''}` : file;
    return `  ${where}  ${i.path || '（根）'}：${i.message}`;
  });
  return [head, ...lines].join('\n');
}

/** zod path → "indicators[3].clauses[2].rule.cap". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
