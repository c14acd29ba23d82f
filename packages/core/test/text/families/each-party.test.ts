import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after corpus 10 (责任双方分别扣分，扣N分 / 甲、乙分别扣分，扣N分); own words.
describe('each-party: 分别扣分，扣N分 deducts each responsible party in its own score', () => {
  familyTable([
    ['责任双方分别扣分', '村干部之间互相推诿的，责任双方分别扣分，扣10分。', { rules: [{ kind: 'condition', effect: 'deduction', amount: '10' }] }],
    ['two named parties', '集体资产台账缺失的，村会计、村出纳分别扣分，扣3分。', { rules: [{ kind: 'condition', effect: 'deduction', amount: '3' }] }],
    ['分别扣 with several amounts is a tier list, not this', '违规占地的，村书记、村主任分别扣5分、3分。', { flag: '' }],
    ['分别扣分 with no amount after it stays unread', '村干部之间互相推诿的，责任双方分别扣分。', { flag: '' }],
  ]);
});
