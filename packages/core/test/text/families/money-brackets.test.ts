import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after corpus 10 (捐款a—b元的，每N元加x分 / N元以上的 / N元以下的); own words.
describe('money-brackets: steps of money inside a bracket stay flagged, naming the base', () => {
  familyTable([
    ['a bracket with a floor', '捐助善款2001—7000元的，每600元加1分', { flag: '“每600元”是从0元起算还是从本档下限2001元起算未写明' }],
    ['above a figure', '捐助善款2万元以上的，每2000元加1分', { flag: '是从0元起算还是从本档下限2万元起算未写明' }],
    ['below a figure: from 0, but only inside the bracket', '捐助善款59元以下的，每20元加0.1分', { flag: '本档从0元起算，但规则格式不能把逐档计分限定在本档之内', suggestion: '金额 ÷ 20元 取整' }],
    ['a money step without a bracket is not this (it stays an unread unit)', '每捐助100元加1分', { flag: '未读取的计量单位' }],
  ]);
});
