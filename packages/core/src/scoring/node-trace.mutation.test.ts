/**
 * Mutation tests of scoring/node-trace.ts (issue 14; docs/testing.md): `treeOf` numbers the
 * indicator tree in post-order and says, for every code a node reads, which nodes a fact change
 * there can move — the node and all its ancestors, each once. The re-score trusts this index to
 * reuse every subtree it does not name, so a missing ancestor or code would keep a stale score.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import type { Indicator } from '../scheme/scheme.types';
import { indexScheme } from '../scheme/scheme-index';
import { buildScheme, clause } from '../../test/test-scheme';
import { treeOf } from './node-trace';

const manual = { kind: 'manual', effect: 'score' } as const;

/**
 * I1 (C1, reads data item D1)
 *   I1.1 (C2, reads D1)
 *   I1.2
 *     I1.2.1 (C3, in dedupe group G)
 * I2 (no clauses, no children)
 * I3 (C4, reads D1)
 * Post-order: I1.1 = 0, I1.2.1 = 1, I1.2 = 2, I1 = 3, I2 = 4, I3 = 5.
 */
function tree(): Indicator[] {
  return [
    {
      code: 'I1',
      title: '一',
      points: P.dec(10),
      clauses: [clause('C1', manual, { dataItem: 'D1' })],
      children: [
        { code: 'I1.1', title: '一一', points: P.dec(4), clauses: [clause('C2', manual, { dataItem: 'D1' })] },
        { code: 'I1.2', title: '一二', points: P.dec(6), children: [{ code: 'I1.2.1', title: '一二一', points: P.dec(6), clauses: [clause('C3', manual, { dedupeGroup: 'G' })] }] },
      ],
    },
    { code: 'I2', title: '二', points: P.dec(5) },
    { code: 'I3', title: '三', points: P.dec(5), clauses: [clause('C4', manual, { dataItem: 'D1' })] },
  ];
}

describe('treeOf', () => {
  it('numbers nodes in post-order with subtree sizes, children and tops', () => {
    const t = treeOf(indexScheme(buildScheme({ indicators: tree() })));
    expect(t.count).toBe(6);
    expect(t.nodes.map((n) => n.code)).toEqual(['I1.1', 'I1.2.1', 'I1.2', 'I1', 'I2', 'I3']);
    expect([...t.size]).toEqual([1, 1, 2, 4, 1, 1]);
    expect(t.size).toBeInstanceOf(Int32Array);
    expect(t.kids).toEqual([[], [], [1], [0, 2], [], []]);
    expect(t.tops).toEqual([3, 4, 5]);
  });

  it('each code read maps to its reading node and every ancestor, once each, in that order', () => {
    const t = treeOf(indexScheme(buildScheme({ indicators: tree() })));
    expect(Object.fromEntries(t.byCode)).toEqual({
      'I1.1': [0, 3],
      C2: [0, 3],
      D1: [0, 3, 5],
      'I1.2.1': [1, 2, 3],
      C3: [1, 2, 3],
      'I1.2': [2, 3],
      I1: [3],
      C1: [3],
      I2: [4],
      I3: [5],
      C4: [5],
    });
    expect(t.byCode.size).toBe(11);
  });

  it('a dedupe group marks its node and every ancestor; only the vetoes name veto codes', () => {
    const vetoes = [
      { code: 'V1', text: '否决一', effects: [] },
      { code: 'V2', text: '否决二', effects: [] },
    ];
    const t = treeOf(indexScheme(buildScheme({ indicators: tree(), vetoes })));
    expect(t.dedupe).toEqual([1, 2, 3]);
    expect([...t.vetoCodes]).toEqual(['V1', 'V2']);
    const none = treeOf(indexScheme(buildScheme({ indicators: tree() })));
    expect(none.vetoCodes.size).toBe(0);
  });

  it('a tree without any dedupe group has none; a dedupe group on a top node marks only it', () => {
    const plain = treeOf(indexScheme(buildScheme({ indicators: [{ code: 'A', title: 'A', points: P.dec(1), clauses: [clause('CA', manual)] }] })));
    expect(plain.dedupe).toEqual([]);
    expect(Object.fromEntries(plain.byCode)).toEqual({ A: [0], CA: [0] });
    const top = treeOf(
      indexScheme(
        buildScheme({
          indicators: [
            { code: 'A', title: 'A', points: P.dec(1), clauses: [clause('CA', manual, { dedupeGroup: 'G' })], children: [{ code: 'B', title: 'B', points: P.dec(1) }] },
            { code: 'Z', title: 'Z', points: P.dec(1) },
          ],
        }),
      ),
    );
    expect(top.dedupe).toEqual([1]);
    expect(top.tops).toEqual([1, 2]);
  });

  it('is computed once per scheme index', () => {
    const index = indexScheme(buildScheme({ indicators: tree() }));
    const a = treeOf(index);
    expect(treeOf(index)).toBe(a);
    expect(treeOf(indexScheme(buildScheme({ indicators: tree() })))).not.toBe(a);
  });
});
