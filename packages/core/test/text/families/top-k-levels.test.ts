import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after corpus 01 (3.1) (…列全省、市前3名的分别奖a分、b分、c分); own words.
describe('top-k over several levels: flagged naming both readings', () => {
  familyTable([
    // 3 places, 3 amounts, 2 levels: 分别 pairs places with amounts; which level's ranking, or both, is not written.
    [
      'three amounts, two levels: by place, the ranking not written',
      '年度评比成绩列全省、市前3名的分别奖9分、6分、3分。',
      {
        flag: '名次所在排名未写明：“前3名…分别奖9、6、3分”是第1名至第3名分别奖9、6、3分（名次与分值个数一致，层级2个与分值3个不对应），但排名有省、市2级：名次按哪一级排名计',
        suggestion: '外部排名前3名奖分：省、市级排名第1名至第3名分别奖9、6、3分，省、市都进前3名时只计分值较高的一项',
      },
    ],
    ['each level counted once when the sentence names it twice', '省、市主管部门年度评比列全省、市前3名的分别奖9分、6分、3分。', { flag: '但排名有省、市2级' }],
    ['two amounts, two levels: the by-level reading is complete too', '年终考核结果列全省、市前2名的分别奖6分、4分。', { flag: '或按层级：省级前2名奖6分，市级前2名奖4分' }],
    ['one level: by place', '年终考核结果列全省前3名的分别奖6分、4分、2分。', { rules: [{ kind: 'top-k', metric: { of: 'rank' }, order: 'desc', amounts: ['6', '4', '2'] }] }],
  ]);
});
