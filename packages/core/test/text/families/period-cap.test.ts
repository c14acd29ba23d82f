import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after corpus 10 (…的，加1分，每月最多1分/2分); own words.
describe('period caps: 每月/每季度最多N分 on a per-occurrence amount is its periodCap', () => {
  const each = (effect: string, amount: string, period: string, cap: string) => ({ rules: [{ kind: 'per-occurrence', effect, amount, periodCap: { period, amount: cap } }] });
  familyTable([
    ['a bonus per time, at most 2 a month', '主动参与村内公益劳动的，加1分，每月最多2分。', each('bonus', '1', 'month', '2')],
    ['at most once a month', '为邻里调解纠纷的，加1分，每月最多1分。', each('bonus', '1', 'month', '1')],
    ['每次…, per quarter', '每次参加志愿服务加0.5分，每季度最多2分。', each('bonus', '0.5', 'quarter', '2')],
    ['a deduction per time, at most 3 a month', '每发现一次乱倒垃圾扣1分，每月最多扣3分。', each('deduction', '1', 'month', '3')],
    ['每周 is not a period the rule holds', '主动参与村内公益劳动的，加1分，每周最多2分。', { flag: '最多2分' }],
  ]);
});
