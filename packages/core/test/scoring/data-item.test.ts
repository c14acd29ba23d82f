import { describe, expect, it } from 'vitest';
import * as P from '../../src/points';
import type { Fact } from '../../src/scheme/fact.types';
import { evaluate, evaluateWithState, rescore } from '../../src/scoring/evaluate';
import { factWarnings } from '../../src/scoring/fact-usage';
import { indexScheme } from '../../src/scheme/scheme-index';
import { lintScheme } from '../../src/scheme/lint-scheme';
import { twoClausesOneMetric } from './data-item-scheme';

const d = P.dec;

const facts: Fact[] = [
  { id: 'u1-jobs', type: 'value', unit: 'U1', ref: 'jobs', value: d('900') },
  { id: 'u2-jobs', type: 'value', unit: 'U2', ref: 'jobs', value: d('700') },
];

describe('Clause.dataItem (最多报一次)', () => {
  it('lets every clause naming the data item read the one fact reported at it', () => {
    const r = evaluate(twoClausesOneMetric(), facts);
    const t = Object.fromEntries(r.units.map((u) => [u.unit, P.toStr(u.total)]));
    // U1: 5 × 900/1000 = 4.5, 900 ≥ 800 → I2 keeps 2 → 6.5; U2: 5 × 0.7 = 3.5, 700 < 800 → 2 − 1 = 1 → 4.5
    expect(t).toEqual({ U1: '6.5', U2: '4.5' });
    // both clauses cite the one fact in their ledger lines
    expect(r.units[0]!.ledger.filter((l) => l.facts.includes('u1-jobs')).map((l) => l.ref).sort()).toEqual(['C1', 'C2']);
    expect(r.units[1]!.ledger.filter((l) => l.facts.includes('u2-jobs')).map((l) => l.ref).sort()).toEqual(['C1', 'C2']);
  });

  it('does not warn that the shared fact is unread, and still warns about an unknown ref', () => {
    const scheme = twoClausesOneMetric();
    const index = indexScheme(scheme);
    const r = evaluate(scheme, facts);
    expect(factWarnings(index, scheme.units[0]!, facts, r.units[0]!.ledger)).toEqual([]);
    const stray: Fact = { id: 'x', type: 'value', unit: 'U1', ref: 'nope', value: d('1') };
    expect(factWarnings(index, scheme.units[0]!, [stray], r.units[0]!.ledger).map((w) => w.reason)).toEqual(['unknown-ref']);
  });

  it('re-scores after the shared fact changes exactly as a full evaluation', () => {
    const scheme = twoClausesOneMetric();
    const changed: Fact[] = [{ id: 'u1-jobs', type: 'value', unit: 'U1', ref: 'jobs', value: d('750') }];
    const state = rescore(evaluateWithState(scheme, facts), 'U1', changed);
    const full = evaluate(scheme, [changed[0]!, facts[1]!]);
    expect(state.result.units.map((u) => u.total)).toEqual(full.units.map((u) => u.total));
    // 5 × 0.75 = 3.75, 750 < 800 → 1: 4.75
    expect(P.toStr(full.units[0]!.total)).toBe('4.75');
  });

  it('is refused by lint when the data item reuses another code', () => {
    const scheme = twoClausesOneMetric();
    scheme.indicators[1]!.clauses![0]!.dataItem = 'I1';
    const errors = lintScheme(scheme).filter((i) => i.severity === 'error');
    expect(errors.map((e) => [e.path, e.message])).toEqual([['indicators[1].clauses[0].dataItem', '数据项编码“I1”与方案中的其他编码相同，请另取一个']]);
  });
});
