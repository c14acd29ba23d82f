import { describe, expect, it } from 'vitest';
import { dec } from '@kaohe/core';
import { ContractError } from './contract-error';
import { parseScenario } from './parse-scenario';

describe('parseScenario', () => {
  it('reads every operation kind with exact decimals and gives a set-fact an id', () => {
    const s = parseScenario(
      [
        'name: 乙镇申诉成立',
        'ops:',
        '  - { op: appeal-upheld, unit: U2, ref: C1, reason: 误报 }',
        '  - { op: uphold-judgement, unit: U1, ref: C2, amount: "0.15", reason: 台账缺失 }',
        '  - { op: set-band, grade: A, min: 89.5, reason: 下调 }',
        '  - op: replace-rule',
        '    clause: C1',
        '    rule: { kind: per-occurrence, effect: deduction, amount: 0.5 }',
        '    reason: 另一读法',
        '  - { op: set-fact, fact: { unit: U4, ref: C1, type: occurrence, count: 2 }, reason: 核实 }',
      ].join('\n'),
    );
    expect(s.ops.map((o) => o.op)).toEqual(['appeal-upheld', 'uphold-judgement', 'set-band', 'replace-rule', 'set-fact']);
    expect(s.ops[1]).toMatchObject({ amount: dec('0.15') });
    expect(s.ops[2]).toMatchObject({ min: dec('89.5') });
    expect(s.ops[4]).toMatchObject({ fact: { id: 'whatif-fact-5', unit: 'U4' } });
  });

  it('names the line and field of a bad operation and asks for the reason', () => {
    const text = ['name: x', 'ops:', '  - { op: waive-late, unit: U1 }', '  - { op: set-band, grade: A, min: abc, reason: r }'].join('\n');
    let err: unknown;
    try {
      parseScenario(text, 's.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ContractError);
    const issues = (err as ContractError).issues.map((i) => [i.path, i.line]);
    expect(issues).toEqual([
      ['ops[0].reason', 3],
      ['ops[1].min', 4],
    ]);
  });
});
