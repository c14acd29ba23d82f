// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RuleEditor, type EditableClause, type RuleChange } from '../src/components/scheme/RuleEditor';
import './setup';

afterEach(cleanup);

// seed 000-style sentence the compiler left to a person, and its current (manual) rule
const clause: EditableClause = {
  code: '1.1.1.5.1',
  text: '未按要求报送的，每次扣0.5分，最多扣2分',
  points: '2',
  rule: { kind: 'per-occurrence', effect: 'deduction', amount: '0.5', cap: 2 },
  ruleText: '按次计分：每次扣 0.5 分；最多扣 2 分',
  status: 'needs-review',
  reviewReason: '“最多扣2分”：上限与分值相同，请确认',
  source: '000.txt:88',
};

const fill = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('rule editor', () => {
  it('shows the sentence, why it needs review and the rule in Chinese', () => {
    render(<RuleEditor clause={clause} onSubmit={() => {}} />);
    expect(screen.getByTestId('clause-text').textContent).toBe('未按要求报送的，每次扣0.5分，最多扣2分');
    expect(screen.getByText('“最多扣2分”：上限与分值相同，请确认')).toBeTruthy();
    expect(screen.getByText('按次计分：每次扣 0.5 分；最多扣 2 分')).toBeTruthy();
    expect(screen.getByText('出处：000.txt:88')).toBeTruthy();
  });

  it('says when the clause has rules by unit category that the editor does not edit, and keeps each on its own line', () => {
    const ruleText = '单位类别“产区”：阈值与级差…\n单位类别“非产区”：阈值与级差…\n其他单位类别：没有对应规则，需人工复核';
    render(<RuleEditor clause={{ ...clause, rule: { kind: 'manual', effect: 'score' }, ruleText, categoryRules: ['产区', '非产区'] }} onSubmit={() => {}} />);
    expect(screen.getByTestId('category-rules-note').textContent).toContain('按单位类别（产区、非产区）各有规则');
    expect(screen.getByTestId('category-rules-note').textContent).toContain('兜底规则');
    const shown = screen.getByText((_t, el) => el?.tagName === 'SPAN' && el.children.length === 0 && el.textContent === ruleText);
    expect(shown.getAttribute('style')).toContain('pre-line');
  });

  it('shows no category note for a clause with one rule', () => {
    render(<RuleEditor clause={clause} onSubmit={() => {}} />);
    expect(screen.queryByTestId('category-rules-note')).toBeNull();
  });

  it('shows the rule kind in Chinese (never the code) and offers every kind by its Chinese name', async () => {
    render(<RuleEditor clause={{ ...clause, rule: { kind: 'manual', effect: 'score' } }} onSubmit={() => {}} />);
    const select = screen.getByLabelText('规则类型').closest('.ant-select')!;
    expect(select.textContent).toBe('人工评定');
    expect(document.body.textContent).not.toContain('manual');
    fireEvent.mouseDown(screen.getByLabelText('规则类型'));
    await waitFor(() => expect(screen.getByTitle('per-occurrence').textContent).toBe('按次计分'));
    expect(screen.getByTitle('threshold-steps').textContent).toBe('阈值与级差');
  });

  it('sends the corrected rule with exact decimals as text and the note', async () => {
    const onSubmit = vi.fn<(change: RuleChange) => void>();
    render(<RuleEditor clause={clause} onSubmit={onSubmit} />);
    fill(/每次（或一次）分值/, '0.25');
    fill(/最多扣（加）/, '1.5');
    fill(/复核说明/, '按原文改为每次 0.25 分');
    fireEvent.click(screen.getByRole('button', { name: '保存规则' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({ action: 'edit-rule', rule: { kind: 'per-occurrence', effect: 'deduction', amount: '0.25', cap: '1.5' }, note: '按原文改为每次 0.25 分' });
  });

  it('refuses a value that is not a number, in Chinese under the field, and sends nothing', async () => {
    const onSubmit = vi.fn();
    render(<RuleEditor clause={clause} onSubmit={onSubmit} />);
    fill(/每次（或一次）分值/, '半分');
    fill(/复核说明/, '改');
    fireEvent.click(screen.getByRole('button', { name: '保存规则' }));
    expect(await screen.findByText('须为数字（最多 6 位小数）')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses nested fields that are not JSON', async () => {
    const onSubmit = vi.fn();
    render(<RuleEditor clause={{ ...clause, rule: { kind: 'bands', effect: 'score', metric: { of: 'rate' }, bands: [] } }} onSubmit={onSubmit} />);
    fill(/其他字段/, '{bands: [}');
    fill(/复核说明/, '改');
    fireEvent.click(screen.getByRole('button', { name: '保存规则' }));
    expect(await screen.findByText(/^不是有效的 JSON/)).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('confirms the current reading only with a note', async () => {
    const onSubmit = vi.fn<(change: RuleChange) => void>();
    render(<RuleEditor clause={clause} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: '确认当前解读' }));
    expect(await screen.findByText('请写明复核说明（记入审计日志）')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
    fill(/复核说明/, '上限与分值一致，确认');
    fireEvent.click(screen.getByRole('button', { name: '确认当前解读' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ action: 'confirm', note: '上限与分值一致，确认' }));
  });
});
