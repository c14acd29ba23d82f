import { describe } from 'vitest';
import { familyTable } from './family-table';

// Made-up sentences after corpus 06 (4): a situation 在此基础上 the one before it is one option with it (their sum),
// beside a situation worth the item's points alone; the highest option met counts.
describe('family stacked-options', () => {
  familyTable([
    ['the stacked pair reaches the points, as the first does alone', '辖区内全部完成改厕的乡镇，得2分。未全部完成改厕的乡镇，完成率比上年提高的，得1.5分；在此基础上，完成率提高20%以上的，再得0.5分；否则不得分。',
      { rules: [{ kind: 'any-of', options: ['辖区内全部完成改厕的乡镇', '未全部完成改厕的乡镇，完成率比上年提高的', '未全部完成改厕的乡镇，完成率比上年提高的，得1.5分；在此基础上，完成率提高20%以上的'], points: '2', optionPoints: ['2', '1.5', '2'] }], family: 'stacked-options' }, '2'],
    ['the pair does not negate the situation worth the points: review', '全部完成改厕的乡镇，得2分。完成率比上年提高的，得1.5分；在此基础上，完成率提高20%以上的，再得0.5分；否则不得分。', { flag: '得分情形' }, '2'],
    ['no situation worth the points alone: parts, not options', '完成率比上年提高的，得1.5分；在此基础上，完成率提高20%以上的，得0.5分；开展专项督查的，得1分。', { flag: '得分情形' }, '2'],
    ['two options that sum to the points stay in review', '全部完成的，得2分。未全部完成的，完成率比上年提高的，得1分；在此基础上，提高20%以上的，得0.5分；开展督查的，得1分。', { flag: '得分情形' }, '2'],
    ['另外 adds a situation, it does not stack', '辖区内全部完成改厕的乡镇，得2分。未全部完成改厕的乡镇，完成率比上年提高的，得1.5分；另外，完成率提高20%以上的，再得0.5分；否则不得分。', { flag: '得分情形' }, '2'],
  ]);
});
