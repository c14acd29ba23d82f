// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ScoreCard } from '../src/features/results/components/ScoreCard';
import { cardRows, lossesOnly } from '../src/features/results/components/score-card-rows';
import { unitResultFixture } from '../src/testing/fixtures';
import './setup';

afterEach(cleanup);

describe('score card (得分反查)', () => {
  it('shows the total with two decimals, the grade by its Chinese name and the rank in its group', () => {
    render(<ScoreCard result={unitResultFixture()} />);
    expect(screen.getByTestId('unit-total').textContent).toBe('98.40');
    expect(screen.getByText('优秀')).toBeTruthy();
    expect(screen.getByText('镇（办、中心） 第 1 名 / 共 5 个')).toBeTruthy();
    expect(screen.getByText(/尚有 1 项待考核牵头部门认定/)).toBeTruthy();
  });

  it('lists every fact the engine did not use, with its reason, so nothing is ignored silently', () => {
    const result = unitResultFixture();
    result.ledger.warnings = [
      { fact: 'c4-b', ref: 'I2', kind: 'conflict', reason: 'one-read', readInstead: 'c4-a', message: '事实“c4-b”（I2）未计入：评分规则只读取一条此类事实，已采用“c4-a”，请核对后撤回或更正其中一条' },
    ];
    render(<ScoreCard result={result} />);
    expect(screen.getByText('有 1 条事实未计入得分，请核对后更正或撤回：')).toBeTruthy();
    expect(within(screen.getByTestId('fact-warnings')).getByText(/已采用“c4-a”/)).toBeTruthy();
  });

  it('shows no warning block when every fact was used', () => {
    render(<ScoreCard result={unitResultFixture()} />);
    expect(screen.queryByTestId('fact-warnings')).toBeNull();
  });

  it('drills total → item → clause → ledger line with its clause text and facts', () => {
    render(<ScoreCard result={unitResultFixture()} />);
    const expand = () => {
      const button = document.querySelector('button.ant-table-row-expand-icon-collapsed') as HTMLElement | null;
      if (button) fireEvent.click(button);
      return button !== null;
    };
    for (let i = 0; i < 10 && expand(); i++);
    expect(screen.getByText('完成 21600 / 目标 24000 × 1 分 = 0.9 分')).toBeTruthy();
    expect(screen.getByText(/依据：粮食播种面积（scheme.yaml 第40行）/)).toBeTruthy();
    expect(screen.getByText('facts.yaml#1')).toBeTruthy();
  });

  it('with 只看失分 keeps the item scored below its points and drops the full-score one', () => {
    render(<ScoreCard result={unitResultFixture()} />);
    const table = document.querySelector('.ant-table-tbody') as HTMLElement;
    expect(within(table).getByText('农业农村工作')).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: '只看失分' }));
    // the switch opens the path down to the line that explains the loss
    expect(within(table).getByText('完成 21600 / 目标 24000 × 1 分 = 0.9 分')).toBeTruthy();
    expect(within(table).getAllByText('粮食播种面积').length).toBeGreaterThan(0);
    expect(within(table).queryByText('粮食总产量')).toBeNull();
    expect(within(table).queryByText(/54168/)).toBeNull();
  });

  it('never hides a ledger line that names no indicator: the negative list is listed apart', () => {
    render(<ScoreCard result={unitResultFixture()} />);
    expect(screen.getByText('加减分、负面清单与其他')).toBeTruthy();
    expect(screen.getByText('负面清单：被县级以上通报批评 1 次，扣 0.5 分')).toBeTruthy();
    expect(screen.getByText('−0.50')).toBeTruthy();
  });

  it('assigns every ledger line to exactly one row or to the rest', () => {
    const card = unitResultFixture().ledger;
    const { rows, other } = cardRows(card);
    const collect = (list: typeof rows): number => list.reduce((n, r) => n + r.lines.length + collect(r.children ?? []), 0);
    expect(collect(rows) + other.length).toBe(card.entries.length);
    expect(lossesOnly(rows).map((r) => r.code)).toEqual(['NY']);
  });
});
