/**
 * parseYamlOrJson reads values with js-yaml (fast) and keeps the `yaml` package as the authority.
 * The two must give the same values: on every example file, on the scalar forms where YAML parsers
 * differ, and whatever path a text takes (texts with aliases, tags or %YAML go to `yaml` alone).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseYamlOrJson } from '../src/parse-document';

const examples = ['jiaxian-2020/scheme.yaml', 'jiaxian-2020/facts.yaml', 'jiaxing-culture-2020/scheme.yaml', 'jiaxing-culture-2020/facts.yaml'];
const SCALARS = ['yes', 'no', 'on', 'off', 'y', '~', 'null', 'Null', '.inf', '-.Inf', '.nan', '0o14', '014', '0x1F', '0b101', '1e3', '1_000', '+12', '.5', '5.', '2020-01-01', '2020-01-01T10:00:00Z', '12:30', "'q'", 'True', 'TRUE', 'tRue', '-0', '0.1', '1.50', '00012', '+.5', '1E-3', '12345678901234567890', '"\\u4e2d"', '"a\\tb"', '０.５', '十五'];

describe('YAML fast path', () => {
  it.each(examples)('%s: the same value as the yaml package', (name) => {
    const text = readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
    expect(parseYamlOrJson(text, name).value).toEqual(parse(text));
  });

  it.each(SCALARS)('scalar %s reads the same as the yaml package', (scalar) => {
    const text = `k: ${scalar}\n`;
    const got = parseYamlOrJson(text, 'x.yaml').value as { k: unknown };
    const want = parse(text) as { k: unknown };
    if (typeof want.k === 'number' && Number.isNaN(want.k)) expect(Number.isNaN(got.k)).toBe(true);
    else expect(got).toEqual(want);
  });

  it('a %YAML 1.1 document is read by the yaml package (yes is true there)', () => {
    expect(parseYamlOrJson('%YAML 1.1\n---\na: yes\n', 'x.yaml').value).toEqual({ a: true });
  });

  it('aliases keep the alias limit of the yaml package', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(() => parseYamlOrJson(bomb, 'bomb.yaml')).toThrow('文件格式错误（YAML/JSON）：别名展开过多（文件可能被构造成消耗资源）');
  });

  it('line numbers for messages come from the yaml package on demand', () => {
    const doc = parseYamlOrJson('a: 1\nb:\n  c: 2\n', 'x.yaml');
    expect(doc.locate(['b', 'c'])).toEqual({ line: 3, column: 6 });
  });
});
