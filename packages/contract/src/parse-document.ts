import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { ContractError, formatPath, type ContractIssue } from './contract-error';
import { ruleKinds } from './rule.schema';

z.config(z.locales.zhCN());

export type Located = { value: unknown; locate: (path: readonly PropertyKey[]) => { line: number; column: number } | undefined };

/** Parses YAML or JSON text, keeping a locator from data paths to lines for error messages. */
export function parseYamlOrJson(textIn: string, file: string): Located {
  const text = textIn.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ContractError(file, [{ path: '', message: '文件为空' }]);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ContractError(
      file,
      doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return { path: '', message: `文件格式错误：${e.message.split('\n')[0]}`, line: pos.line, column: pos.col };
      }),
    );
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const locate = (path: readonly PropertyKey[]): { line: number; column: number } | undefined => {
    // Walk as deep as the path exists; a missing key is reported at its parent.
    let node: unknown = doc.contents;
    let found: Node | undefined = doc.contents ?? undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        found = (pair.value as Node | null) ?? (pair.key as Node);
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as Node | undefined;
        if (!item) break;
        found = item;
        node = item;
      } else break;
    }
    const range = found?.range;
    if (!range) return undefined;
    const pos = lc.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  };
  return { value, locate };
}

/** Runs a zod schema and turns its issues into path- and line-precise ContractIssues. */
export function validate<T>(schema: z.ZodType<T, unknown>, doc: Located, file: string): T {
  const r = schema.safeParse(doc.value);
  if (r.success) return r.data;
  throw new ContractError(file, toIssues(r.error, doc.locate));
}

export function toIssues(error: z.ZodError, locate?: Located['locate']): ContractIssue[] {
  const out: ContractIssue[] = [];
  const seen = new Set<string>();
  const visit = (issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): void => {
    for (const i of issues) {
      const path = [...prefix, ...i.path];
      if (i.code === 'invalid_union' && 'errors' in i && i.errors.length > 0 && !('discriminator' in i && i.discriminator)) {
        // Report the branch that got furthest rather than "no union member matched".
        const best = [...i.errors].sort((a, b) => depth(b) - depth(a))[0]!;
        visit(best, path);
        continue;
      }
      let message = i.message;
      if (i.code === 'invalid_union' && 'discriminator' in i && typeof i.discriminator === 'string') {
        message = i.discriminator === 'kind' ? `不支持的规则类型，可选：${ruleKinds.join('、')}` : `不支持的 ${i.discriminator} 取值（可选值见 docs/scheme-format.md）`;
      }
      if (i.code === 'unrecognized_keys') message = `未知字段：${i.keys.join('、')}（请检查拼写，或查阅 docs/scheme-format.md）`;
      const p = formatPath(path);
      const key = `${p}|${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const loc = locate?.(path);
      out.push(loc ? { path: p, message, line: loc.line, column: loc.column } : { path: p, message });
    }
  };
  visit(error.issues, []);
  return out;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}
