import { describe, expect, it } from 'vitest';
import { d, f, score, total } from '../test-scheme';

// 001:497 螅镇 农业农村工作 (5分): "粮食播种面积24000亩，…生猪存栏1500头…" — one target text, several figures.
describe('named target figures (target.values)', () => {
  const indicator = { targets: { U1: { text: '粮食播种面积24000亩，生猪存栏1500头', values: { 粮食播种面积: d('24000'), 生猪存栏: d('1500') } } } };

  it.each([
    // 22000 / 24000 × 2 = 1.833333… → 1.833333 (one rounding at 10^-6)
    ['粮食播种面积', '22000', '1.833333'],
    // 1500 / 1500 × 2 = 2
    ['生猪存栏', '1500', '2'],
    // over-completion capped at 100%: 1800 / 1500 → 2
    ['生猪存栏', '1800', '2'],
  ])('scores %s %s against its own figure → %s', (figure, actual, expected) => {
    const u = score({ points: '2', rule: { kind: 'proportional', effect: 'score', target: 'target', figure }, indicator }, [f.value(actual)]);
    expect(total(u)).toBe(expected);
  });

  it('leaves the clause pending and names the figure when the unit has none', () => {
    const u = score({ points: '2', rule: { kind: 'proportional', effect: 'score', target: 'target', figure: '中药材' }, indicator }, [f.value('10')]);
    expect(u.pendingJudgements).toBe(1);
    expect(u.ledger.some((l) => l.msg === 'target.missing' && l.params['figure'] === '中药材')).toBe(true);
  });

  // 000:552 满意率低于 97%扣 0.1 分 — here the threshold is the unit's named figure
  it('uses the figure as a threshold', () => {
    const u = score(
      { points: '1', rule: { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: 'target', figure: '满意率', direction: 'below', initial: d('0.1') }, indicator: { targets: { U1: { values: { 满意率: d('97') } } } } },
      [f.value('96.5')],
    );
    // 1 − 0.1 = 0.9
    expect(total(u)).toBe('0.9');
  });
});
