import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after the corpus 08 (3.1) pattern (倒数第1名、第2名…分别计a、b…分，倒数第n名及以上的，每进1名扣s分); own words.
describe('family reverse-rank', () => {
  const rank = (scores: string[], perPlaceUp: string) => ({ rules: [{ kind: 'external-rank', fromBottom: { scores, perPlaceUp } }], family: 'reverse-rank' });
  familyTable([
    ['two listed places and a step up', '全市排名倒数第1名、第2名的分别计3分、2.5分，倒数第3名及以上的，每进1名扣0.2分。', rank(['3', '2.5'], '0.2'), '3'],
    ['four listed places, 每前进', '在全省排名中位列倒数第1名、第2名、第3名、第4名的，分别计4分、3.8分、3.6分、3.4分，倒数第5名及以上的，每前进1名扣0.2分', rank(['4', '3.8', '3.6', '3.4'], '0.2'), '4'],
    ['the places above the list in the next sentence (after ；) are not joined', '全市排名倒数第1名、第2名的分别计3分、2.5分；倒数第3名及以上的，每进1名扣0.2分。', { flag: '其余名次如何计分未写明' }],
    ['no words for the places above the list', '全省排名倒数第1名、第2名的分别计3分、2.5分。', { flag: '其余名次如何计分未写明' }],
    ['the step starts past the next place', '全市排名倒数第1名、第2名的分别计3分、2.5分，倒数第5名及以上的，每进1名扣0.2分。', { flag: '不衔接' }],
    ['a step of two places', '全市排名倒数第1名、第2名的分别计3分、2.5分，倒数第3名及以上的，每进2名扣0.2分。', { flag: '不衔接' }],
    ['places and amounts do not match', '全市考评中倒数第1名、第2名、第3名、第4名的分别计3分、2.8分、2.6分，倒数第5名及以上的，每进1名扣0.2分。', { flag: '不对应' }],
    ['a deduction for the bottom place is not this family', '全市排名倒数第1名的扣2分。', { flag: '倒数' }],
  ]);
});
