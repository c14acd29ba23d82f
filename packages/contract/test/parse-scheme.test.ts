import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toStr } from '@kaohe/core';
import { ContractError, parseScheme, schemeJsonSchema } from '@kaohe/contract';
import { SMALL_SCHEME } from './fixtures';

function issuesOf(text: string): { path: string; message: string; line?: number }[] {
  try {
    parseScheme(text, 'x.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ContractError);
    return (e as ContractError).issues;
  }
  throw new Error('expected a ContractError');
}

describe('parseScheme', () => {
  it('parses a valid scheme into exact decimals and defaults the empty lists', () => {
    const { scheme, lint } = parseScheme(SMALL_SCHEME, 'small.yaml');
    expect(scheme.units.map((u) => u.code)).toEqual(['a', 'b']);
    const rule = scheme.indicators[0]!.clauses![0]!.rule;
    expect(rule.kind).toBe('per-occurrence');
    if (rule.kind === 'per-occurrence') expect(toStr(rule.amount!)).toBe('0.2');
    expect(scheme.vetoes).toEqual([]);
    expect(lint).toEqual([]);
  });

  it('names the path and line of a bad decimal', () => {
    const bad = SMALL_SCHEME.replace('amount: 0.2, cap: 1', 'amount: 0.2, cap: 一分');
    expect(issuesOf(bad)).toEqual([{ path: 'indicators[0].clauses[0].rule.cap', message: '不是有效数字：“一分”', line: 19, column: expect.any(Number) }]);
  });

  it('names an unknown field and where it is', () => {
    const bad = SMALL_SCHEME.replace('amount: 0.2, cap: 1', 'amount: 0.2, cap: 1, capp: 2');
    const [issue] = issuesOf(bad);
    expect(issue).toMatchObject({ path: 'indicators[0].clauses[0].rule', line: 19 });
    expect(issue!.message).toContain('未知字段：capp');
  });

  it('lists the rule kinds when the kind is misspelt', () => {
    const bad = SMALL_SCHEME.replace('kind: per-occurrence', 'kind: per-occurence');
    const [issue] = issuesOf(bad);
    expect(issue!.path).toBe('indicators[0].clauses[0].rule.kind');
    expect(issue!.message).toContain('per-occurrence、condition');
  });

  it('reports a missing required field at its parent', () => {
    const bad = SMALL_SCHEME.replace('        text: 每起扣 0.2 分，最高扣 1 分\n', '');
    const [issue] = issuesOf(bad);
    expect(issue).toMatchObject({ path: 'indicators[0].clauses[0].text', line: 17 });
  });

  it('refuses more than six decimal places', () => {
    const [issue] = issuesOf(SMALL_SCHEME.replace('amount: 0.2,', 'amount: 0.0000001,'));
    expect(issue!.message).toBe('数值“1e-7”超过 6 位小数');
  });

  it('says so when the file is empty', () => {
    expect(issuesOf('\uFEFF  \n')).toEqual([{ path: '', message: '文件为空' }]);
  });

  it('reports YAML syntax errors with their line', () => {
    const [issue] = issuesOf(SMALL_SCHEME.replace('title: 测试方案', 'title: [测试方案'));
    expect(issue!.message).toContain('文件格式错误');
    expect(issue!.line).toBeGreaterThanOrEqual(4);
  });

  it('treats unknown references and duplicate codes as errors', () => {
    const bad = SMALL_SCHEME.replace('divisions: [office]', 'divisions: [finance]').replace('code: c2', 'code: c1');
    const issues = issuesOf(bad);
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['indicators[0].clauses[0].divisions', '未定义的责任处室“finance”'],
      ['indicators[0].clauses[1]', '编码“c1”重复（另见 indicators[0].clauses[0]）'],
    ]);
    expect(issues[0]!.line).toBe(20);
  });

  it('returns lint warnings when children do not add up to the parent', () => {
    const text = SMALL_SCHEME.replace(
      'indicators:\n',
      'indicators:\n  - code: eco\n    title: 生态文明\n    points: 20\n    children:\n      - {code: e1, title: 空气, points: 3}\n      - {code: e2, title: 水, points: 16}\n',
    );
    const { lint } = parseScheme(text, 'x.yaml');
    expect(lint).toContainEqual({ severity: 'warning', code: 'points-sum', path: 'indicators[0]', message: '“生态文明”分值 20 分，下级指标合计 19 分' });
  });

  it('reads a net cap and a rescale on an indicator (累计加减分不超过N分, 按百分制计分按权重N分折算)', () => {
    const text = SMALL_SCHEME.replace('    points: 5\n', '    points: 5\n    caps: {net: 2}\n    rescale: {from: 100}\n');
    const { scheme } = parseScheme(text, 'x.yaml');
    const party = scheme.indicators[0]!;
    expect(toStr(party.caps!.net!)).toBe('2');
    expect(toStr(party.rescale!.from)).toBe('100');
  });

  it('refuses a rescale from zero points, naming the field', () => {
    const text = SMALL_SCHEME.replace('    points: 5\n', '    points: 5\n    rescale: {from: 0}\n');
    expect(issuesOf(text)).toContainEqual(expect.objectContaining({ path: 'indicators[0].rescale.from', message: '折算基数（按N分制计分）必须大于 0' }));
  });
});

describe('schemeJsonSchema', () => {
  it('matches the committed docs/scheme.schema.json (run npm run schema after changing the format)', () => {
    const committed = readFileSync(fileURLToPath(new URL('../../../docs/scheme.schema.json', import.meta.url)), 'utf8');
    expect(JSON.parse(committed)).toEqual(schemeJsonSchema());
  });

  it('describes the rule kinds and accepts decimals as numbers or strings', () => {
    const schema = JSON.stringify(schemeJsonSchema());
    expect(schema).toContain('"per-occurrence"');
    expect(schema).toContain('"rate-formula"');
    expect(schema).toContain('精确小数');
  });
});
