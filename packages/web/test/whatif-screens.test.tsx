// @vitest-environment jsdom
import { whatifResultView } from '@kaohe/contract/api';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { surveyIssues } from '../src/features/surveys/components/SurveyPage';
import { opsOf } from '../src/features/whatif/components/scenario-ops';
import { WhatifResultTable } from '../src/features/whatif/components/WhatifTables';
import './setup';

afterEach(cleanup);

describe('building a what-if scenario', () => {
  it('turns drafted operations into the API body: decimals stay text, optional fields left out, JSON parsed', () => {
    const { ops, errors } = opsOf([
      { op: 'set-band', grade: 'excellent', min: '97.50', reason: ' 试算更严的优秀线 ' },
      { op: 'waive-late', unit: 'kengzhen', ref: '', reason: '系统故障期间迟报' },
      { op: 'appeal-upheld', unit: 'kengzhen', ref: 'N421', line: 2, reason: '通报所涉帮扶已按期完成' },
      { op: 'set-fact', factJson: '{"id":"f1","type":"value","value":"3"}', reason: '更正' },
    ]);
    expect(errors).toEqual([]);
    expect(ops).toEqual([
      { op: 'set-band', grade: 'excellent', min: '97.50', reason: '试算更严的优秀线' },
      { op: 'waive-late', unit: 'kengzhen', reason: '系统故障期间迟报' },
      { op: 'appeal-upheld', unit: 'kengzhen', ref: 'N421', line: 2, reason: '通报所涉帮扶已按期完成' },
      { op: 'set-fact', fact: { id: 'f1', type: 'value', value: '3' }, reason: '更正' },
    ]);
  });

  it('names the operation and field of each mistake in Chinese', () => {
    const { errors } = opsOf([
      { op: 'uphold-judgement', unit: 'kengzhen', ref: 'N421', amount: '-0.5x', reason: '' },
      { op: 'replace-rule', clause: 'N421', rule: '{not json', reason: '另一种解读' },
    ]);
    expect(errors).toEqual([
      { index: 0, field: 'reason', message: '第 1 项（待定扣分（判定）成立）：请写明理由' },
      { index: 0, field: 'amount', message: '第 1 项（待定扣分（判定）成立）：分值（扣分为负）须为数字' },
      { index: 1, field: 'rule', message: '第 2 项（条款按另一种解读计分）：规则（JSON）不是有效的 JSON 对象' },
    ]);
  });
});

describe('the before/after table', () => {
  const result = whatifResultView.parse({
    scenario: '优秀线上调到97',
    schemeVersion: 2,
    applied: [{ index: 0, op: 'set-band', reason: '试算更严的优秀线', summary: '等次“优秀”的分数线改为 97', facts: [] }],
    changedUnits: 1,
    units: [
      { unitCode: 'kengzhen', unitName: '坑镇', before: { total: '96.5', grade: 'excellent', gradeName: '优秀', rank: 1 }, after: { total: '96.5', grade: 'good', gradeName: '良好', rank: 1 }, delta: '0', changed: true },
      { unitCode: 'xizhen', unitName: '螅镇', before: { total: '90', grade: 'good', gradeName: '良好', rank: 2 }, after: { total: '90', grade: 'good', gradeName: '良好', rank: 2 }, delta: '0', changed: false },
    ],
  });

  it('shows only the changed units first, side by side with two decimals, and the grade change marked', () => {
    render(<WhatifResultTable result={result} />);
    expect(screen.getByText(/1/, { selector: 'strong' })).toBeTruthy();
    expect(screen.getByText('等次“优秀”的分数线改为 97（理由：试算更严的优秀线）')).toBeTruthy();
    const row = screen.getByText('坑镇').closest('tr')!;
    expect(within(row).getAllByText('96.50')).toHaveLength(2);
    expect(within(row).getByText('优秀')).toBeTruthy();
    expect(within(row).getByText('良好')).toBeTruthy();
    expect(within(row).getByText('等次变')).toBeTruthy();
    expect(screen.queryByText('螅镇')).toBeNull();
    fireEvent.click(screen.getByRole('switch'));
    expect(within(screen.getByText('螅镇').closest('tr')!).getAllByText('90.00')).toHaveLength(2);
  });
});

describe('survey import errors', () => {
  it('splits the server issue path into sheet, row and column', () => {
    expect(surveyIssues([{ path: '测评结果!12.得分', message: '工作表“测评结果”第 12 行「得分」列：得分须为 0–100 的数' }])).toEqual([
      { key: '0', sheet: '测评结果', row: '12', column: '得分', message: '工作表“测评结果”第 12 行「得分」列：得分须为 0–100 的数' },
    ]);
  });
});
