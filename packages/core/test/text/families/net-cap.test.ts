import { describe } from 'vitest';
import { familyTable } from './family-table';

// 累计加减分不超过N分: a cap on the item's net adjustment (scheme caps.net), never a deduction cap
// (issue 15: "a cap on the net ± adjustment of an item"). Sentences written for this table.
describe('net ± cap of an item', () => {
  familyTable([
    ['alone', '本项累计加减分不超过5分。', { rules: [], indicator: { netCap: '5' } }],
    ['after a deduction and a bonus', '每发现一起扣0.5分，每次获得表彰加1分，本项累计加减分不超过3分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '0.5' }, { kind: 'per-occurrence', effect: 'bonus', amount: '1' }], indicator: { netCap: '3' } }],
    ['after one rule: still the item, not that rule', '每发现一起扣0.5分，加减分累计不超过3分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '0.5' }], indicator: { netCap: '3' } }],
    ['加分和扣分 spelled out', '每次获得表彰加1分。加分和扣分合计不超过2分。', { rules: [{ kind: 'per-occurrence', effect: 'bonus', amount: '1' }], indicator: { netCap: '2' } }],
    ['a deduction cap stays a deduction cap', '每发现一起扣0.5分，最多扣3分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '0.5', cap: '3' }] }],
    ['a bonus cap stays a bonus cap', '每次获得表彰加1分，每发现一起扣0.5分。加分不超过2分。', { rules: [{ kind: 'per-occurrence', effect: 'bonus', amount: '1' }, { kind: 'per-occurrence', effect: 'deduction', amount: '0.5' }], indicator: { bonusCap: '2' } }],
  ]);
});

// The item's points and caps written after their figure (corpus 06 (85) pattern). Sentences written for this table.
describe('caps after the figure and the item points in the text', () => {
  familyTable([
    ['N分封顶', '发现一起扣0.2分，0.8分封顶。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '0.2', cap: '0.8' }] }],
    ['以N分为限', '每起扣0.2分，以2分为限。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '0.2', cap: '2' }] }],
    ['该项满分N分 beside the rules', '制度运作良好的，发现一起扣0.2分，0.8分封顶。该项满分0.8分。', { rules: [{ kind: 'per-occurrence', effect: 'deduction', amount: '0.2', cap: '0.8' }], indicator: { points: '0.8' } }],
    // 得0.8分 then a deduction: from 0.8 or from a failed completion's 0 is not written (item-checks checkFullThenDeductions)
    ['得N分 then a deduction beside 该项满分N分 goes to review', '制度运作良好的，得0.8分；发现一起扣0.2分，0.8分封顶。该项满分0.8分。', { flag: '之后又有扣分' }],
    ['该项满分 against another points column', '制度运作良好的，得0.5分。该项满分0.5分。', { flag: '与本项分值1分不一致' }, '1'],
  ]);
});
