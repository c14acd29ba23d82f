import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { isMap, isSeq, LineCounter, parseDocument, type ErrorCode, type Node } from 'yaml';
import { z } from 'zod';
import { ContractError, formatPath, type ContractIssue } from './contract-error';
import { plainIssueMessage } from './issue-messages';
import { ruleKinds } from './rule.schema';

z.config(z.locales.zhCN());

export type Located = { value: unknown; locate: (path: readonly PropertyKey[]) => { line: number; column: number } | undefined };

/** Chinese for the YAML parser's error codes (its own messages are English). */
const YAML_ERRORS: Record<ErrorCode, string> = {
  ALIAS_PROPS: '别名（*名称）不能带锚点或标签',
  BAD_ALIAS: '别名（*名称）引用了不存在的锚点',
  BAD_DIRECTIVE: '无法识别的 % 指令',
  BAD_DQ_ESCAPE: '双引号字符串中有无效的转义（\\ 后的字符）',
  BAD_INDENT: '缩进不正确：同一层的项应对齐，子项应比上一层多缩进',
  BAD_PROP_ORDER: '锚点或标签的位置不正确',
  BAD_SCALAR_START: '值不能以此字符开头，请给整个值加上引号',
  BLOCK_AS_IMPLICIT_KEY: '多行内容不能作为键',
  BLOCK_IN_FLOW: '花括号 { } 或方括号 [ ] 中不能写多行块',
  DUPLICATE_KEY: '同一层中键重复出现',
  IMPOSSIBLE: '无法解析的内容',
  KEY_OVER_1024_CHARS: '键过长（超过 1024 个字符）',
  MISSING_CHAR: '缺少配对的符号（引号、括号或冒号）',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（可能是上一行缺少冒号后的空格，或值中的冒号需要加引号）',
  MULTIPLE_ANCHORS: '一个节点只能有一个锚点',
  MULTIPLE_DOCS: '一个文件只能有一个文档（不要使用 --- 分隔多个文档）',
  MULTIPLE_TAGS: '一个节点只能有一个标签',
  NON_STRING_KEY: '键应为文字',
  RESOURCE_EXHAUSTION: '别名展开过多（文件可能被构造成消耗资源）',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  TAG_RESOLVE_FAILED: '无法识别的标签（!标签）',
  UNEXPECTED_TOKEN: '此处出现了不应有的符号',
  BAD_COLLECTION_TYPE: '集合类型不正确',
};

/**
 * Parses YAML or JSON text, keeping a locator from data paths to lines for error messages.
 * The value comes from js-yaml (core schema, about ten times faster than the `yaml` package on
 * a scheme); the `yaml` package stays the authority: it builds the line locator when a message
 * needs one, parses whenever js-yaml refuses the text (and reports the error in Chinese), and
 * parses alone texts whose meaning could differ between the two (aliases, %YAML directives, tags).
 */
export function parseYamlOrJson(textIn: string, file: string): Located {
  const text = textIn.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ContractError(file, [{ path: '', message: '文件为空' }]);
  if (!/(^|[\s[{,:])[*!&]|^%/m.test(text.replace(/^[ \t]*#.*$/gm, ''))) {
    let value: unknown;
    let parsed = false;
    try {
      value = loadYaml(text, { schema: CORE_SCHEMA });
      parsed = true;
    } catch {
      // fall through to the authoritative parser, which reports the error with its position
    }
    if (parsed) {
      let located: Located | undefined;
      return { value, locate: (path) => (located ??= parseAuthoritative(text, file)).locate(path) };
    }
  }
  return parseAuthoritative(text, file);
}

function parseAuthoritative(text: string, file: string): Located {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ContractError(
      file,
      doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return { path: '', message: `文件格式错误（YAML/JSON）：${YAML_ERRORS[e.code] ?? '无法解析的内容'}`, line: pos.line, column: pos.col };
      }),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // yaml refuses a document whose aliases expand too far (a resource-exhaustion attack) with a ReferenceError.
    if (e instanceof ReferenceError) throw new ContractError(file, [{ path: '', message: `文件格式错误（YAML/JSON）：${YAML_ERRORS.RESOURCE_EXHAUSTION}` }]);
    throw e;
  }
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
  const r = schema.safeParse(doc.value, { reportInput: true });
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
      const field = [...path].reverse().find((k): k is string => typeof k === 'string');
      let message = plainIssueMessage(i, field);
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
