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
