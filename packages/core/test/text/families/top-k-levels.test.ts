import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after corpus 01 (3.1) (…列全省、市前3名的分别奖a分、b分、c分); own words.
describe('top-k over several levels: flagged naming both readings', () => {
  familyTable([
    ['three amounts, two levels', '年度评比成绩列全省、市前3名的分别奖9分、6分、3分。', { flag: '有两种读法：按名次（第1名至第3名分别奖9、6、3分，省、市排名都按此计）；或按层级：省、市各一档，但层级2个与分值3个不对应' }],
    ['two amounts, two levels: the by-level reading is complete too', '年终考核结果列全省、市前2名的分别奖6分、4分。', { flag: '或按层级：省级前2名奖6分，市级前2名奖4分' }],
    ['one level: by place', '年终考核结果列全省前3名的分别奖6分、4分、2分。', { rules: [{ kind: 'top-k', metric: { of: 'rank' }, order: 'desc', amounts: ['6', '4', '2'] }] }],
  ]);
});
