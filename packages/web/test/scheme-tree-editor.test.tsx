// @vitest-environment jsdom
import type { SchemeTreeNode } from '@kaohe/contract/api/scheme-editor';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemeTreeEditor } from '../src/components/scheme/SchemeTreeEditor';
import { sumCheck, treeRows } from '../src/components/scheme/tree-sums';
import './setup';

afterEach(cleanup);

const node = (code: string, parent: string | null, title: string, points: string | null, extra: Partial<SchemeTreeNode> = {}): SchemeTreeNode => ({
  code,
  parent,
  depth: parent ? 1 : 0,
  title,
  points,
  pointsVary: false,
  isBonus: false,
  rescaleFrom: null,
  target: null,
  clauses: [],
  ...extra,
});

// 党的建设 10 = 政治建设 3.5 + 思想建设 6.5; 0.1 + 0.2 must be 0.3 exactly
const nodes: SchemeTreeNode[] = [
  node('1', null, '党的建设', '10'),
  node('1.1', '1', '政治建设', '3.5'),
  node('1.2', '1', '思想建设', '6.5'),
  node('2', null, '基层治理', '0.3'),
  node('2.1', '2', '矛盾调处', '0.1'),
  node('2.2', '2', '平安建设', '0.2'),
  node('3', null, '加分项目', '5', { isBonus: true }),
];

function Editable() {
  const [edits, setEdits] = useState<Record<string, string>>({});
  return <SchemeTreeEditor nodes={nodes} edits={edits} onPointsChange={(code, points) => setEdits((e) => ({ ...e, [code]: points }))} />;
}

describe('scheme tree editor', () => {
  it('checks every parent against its children exactly (0.1 + 0.2 = 0.3)', () => {
    const rows = treeRows(nodes);
    expect(sumCheck(rows[0]!)).toEqual({ state: 'ok', childrenSum: '10', expected: '10' });
    expect(sumCheck(rows[1]!)).toEqual({ state: 'ok', childrenSum: '0.3', expected: '0.3' });
    expect(sumCheck(rows[2]!).state).toBe('none'); // no children
  });

  it('leaves bonus children out of the sum and checks a rescaled item against its scale', () => {
    const rows = treeRows([node('a', null, '甲', '20', { rescaleFrom: '100' }), node('a1', 'a', '甲一', '60'), node('a2', 'a', '甲二', '40'), node('a3', 'a', '加分', '2', { isBonus: true })]);
    expect(sumCheck(rows[0]!)).toEqual({ state: 'ok', childrenSum: '100', expected: '100' });
  });

  it('does not check a deduction list whose items carry no points', () => {
    const rows = treeRows([node('d', null, '负面清单', '10'), node('d1', 'd', '扣分项', null)]);
    expect(sumCheck(rows[0]!).state).toBe('none');
  });

  it('shows live, as a child’s points are edited, that the parent no longer adds up, and again when fixed', () => {
    render(<Editable />);
    expect(screen.getByText('各级指标的下级分值合计均与本级相符（核对 2 项）')).toBeTruthy();
    expect(screen.getByTestId('sum-1').textContent).toContain('相符');
    fireEvent.change(screen.getByLabelText('政治建设分值'), { target: { value: '4' } });
    expect(screen.getByTestId('sum-1').textContent).toContain('10.50');
    expect(screen.getByTestId('sum-1').textContent).toContain('不符');
    expect(screen.getByTestId('sum-mismatches').textContent).toContain('“党的建设”分值 10 分，下级合计 10.5 分');
    fireEvent.change(screen.getByLabelText('思想建设分值'), { target: { value: '6' } });
    expect(screen.getByTestId('sum-1').textContent).toContain('相符');
    expect(screen.queryByTestId('sum-mismatches')).toBeNull();
  });

  it('flags a typed value that is not a number instead of adding it', () => {
    render(<Editable />);
    fireEvent.change(screen.getByLabelText('矛盾调处分值'), { target: { value: '0.1分' } });
    expect(screen.getByTestId('sum-mismatches').textContent).toContain('“基层治理”有分值不是数字');
  });

  it('says there is nothing to check rather than that everything adds up, when no level has points', () => {
    render(<SchemeTreeEditor nodes={[node('d', null, '负面清单', null), node('d1', 'd', '扣分项', null)]} />);
    expect(screen.getByText('本方案的指标未逐级写明分值（如扣分清单），没有可核对的下级合计')).toBeTruthy();
    expect(screen.queryByText(/均与本级相符/)).toBeNull();
  });

  it('is read-only without an edit handler (a published version)', () => {
    render(<SchemeTreeEditor nodes={nodes} />);
    expect(screen.queryByLabelText('政治建设分值')).toBeNull();
    expect(screen.getAllByText('3.50').length).toBeGreaterThan(0);
  });
});
