import type { Code, Fact, Scheme } from '@kaohe/core';
import { ContractError, type ContractIssue } from './contract-error';
import { parseCsv } from './csv';
import { factInputSchema, factsFileSchema, withId, type FactInput } from './fact.schema';
import { parseYamlOrJson, toIssues, validate } from './parse-document';

const INTEGER_COLUMNS = new Set(['count', 'done', 'required', 'rank', 'of', 'periods']);
const LIST_COLUMNS = new Set(['flags', 'present']);
const BOOLEAN_COLUMNS = new Set(['value']);
const TRUE = new Set(['true', '1', '是', 'y', 'yes', '完成', '已完成']);
const FALSE = new Set(['false', '0', '否', 'n', 'no', '未完成']);

/**
 * Parses a facts file: YAML/JSON (a list, or { facts: [...] }) or CSV with a header row whose
 * columns are fact fields (unit, ref, type, value, numerator, denominator, level, …).
 * With a scheme, units may be given by name and every unit and ref is checked.
 */
export function parseFacts(text: string, file: string, scheme?: Scheme): Fact[] {
  const inputs = file.toLowerCase().endsWith('.csv') ? parseFactsCsv(text, file) : parseFactsYaml(text, file);
  return scheme ? resolveAgainstScheme(inputs, file, scheme) : inputs.map((x) => x.fact);
}

/** `line` is a function: finding a fact's line re-parses the text, so it is done only for a fact with an error. */
type Placed = { fact: Fact; where: string; line: () => number | undefined };

function parseFactsYaml(text: string, file: string): Placed[] {
  const doc = parseYamlOrJson(text, file);
  const data = validate(factsFileSchema, doc, file);
  const list: FactInput[] = Array.isArray(data) ? data : data.facts;
  const prefix: PropertyKey[] = Array.isArray(data) ? [] : ['facts'];
  return list.map((f, i) => {
    const where = `${prefix.length ? 'facts' : ''}[${i}]`;
    return { fact: withId(f, `${file}#${i + 1}`), where, line: () => doc.locate([...prefix, i])?.line };
  });
}

function parseFactsCsv(text: string, file: string): Placed[] {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new ContractError(file, [{ path: '', message: '文件为空，应有表头行（unit,ref,type,…）' }]);
  const header = rows[0]!.cells.map((h) => h.trim());
  const missing = ['unit', 'ref', 'type'].filter((h) => !header.includes(h));
  if (missing.length) throw new ContractError(file, [{ path: '表头', message: `缺少列：${missing.join('、')}`, line: rows[0]!.line }]);
  const issues: ContractIssue[] = [];
  const out: Placed[] = [];
  rows.slice(1).forEach((row, i) => {
    const obj: Record<string, unknown> = {};
    const parts: Record<string, string> = {};
    header.forEach((h, j) => {
      const raw = (row.cells[j] ?? '').trim();
      if (raw === '' || h === '') return;
      if (h.startsWith('parts.')) parts[h.slice(6)] = raw;
      else if (INTEGER_COLUMNS.has(h) && /^-?\d+$/.test(raw)) obj[h] = Number(raw);
      else if (LIST_COLUMNS.has(h)) obj[h] = raw.split(/[|、;；]/).map((x) => x.trim()).filter(Boolean);
      else if (BOOLEAN_COLUMNS.has(h) && obj['type'] === undefined && (TRUE.has(raw.toLowerCase()) || FALSE.has(raw.toLowerCase()))) obj[h] = raw;
      else obj[h] = raw;
    });
    if (Object.keys(parts).length) obj['parts'] = parts;
    if (obj['type'] === 'flag' && typeof obj['value'] === 'string') {
      const v = (obj['value'] as string).toLowerCase();
      obj['value'] = TRUE.has(v) ? true : FALSE.has(v) ? false : obj['value'];
    }
    const r = factInputSchema.safeParse(obj, { reportInput: true });
    if (!r.success) {
      for (const issue of toIssues(r.error)) issues.push({ ...issue, path: `第 ${i + 2} 行${issue.path ? ` ${issue.path}` : ''}`, line: row.line });
      return;
    }
    out.push({ fact: withId(r.data, `${file}#${row.line}`), where: `第 ${i + 2} 行`, line: () => row.line });
  });
  if (issues.length) throw new ContractError(file, issues);
  return out;
}

function resolveAgainstScheme(items: Placed[], file: string, scheme: Scheme): Fact[] {
  const unitByName = new Map<string, Code>();
  for (const u of scheme.units) {
    unitByName.set(u.code, u.code);
    unitByName.set(u.name, u.code);
    for (const a of u.aliases ?? []) unitByName.set(a, u.code);
  }
  const refs = new Set<Code>(['grading']);
  const walk = (list: Scheme['indicators']): void => {
    for (const n of list) {
      refs.add(n.code);
      for (const c of n.clauses ?? []) {
        refs.add(c.code);
        if (c.dataItem !== undefined) refs.add(c.dataItem);
      }
      walk(n.children ?? []);
    }
  };
  walk(scheme.indicators);
  for (const n of scheme.negativeList) refs.add(n.code);
  for (const v of scheme.vetoes) refs.add(v.code);
  for (const s of scheme.subAssessments) refs.add(s.code);
  const issues: ContractIssue[] = [];
  const ids = new Set<string>();
  const out: Fact[] = [];
  for (const it of items) {
    const unit = unitByName.get(it.fact.unit);
    const at = (path: string, message: string): void => {
      const line = it.line();
      issues.push(line !== undefined ? { path: `${it.where}.${path}`, message, line } : { path: `${it.where}.${path}`, message });
    };
    if (!unit) at('unit', `方案中没有单位“${it.fact.unit}”`);
    if (!refs.has(it.fact.ref)) at('ref', `方案中没有条款或指标“${it.fact.ref}”`);
    if (ids.has(it.fact.id)) at('id', `事实编号“${it.fact.id}”重复`);
    ids.add(it.fact.id);
    if (unit) out.push({ ...it.fact, unit });
  }
  if (issues.length) throw new ContractError(file, issues);
  return out;
}
