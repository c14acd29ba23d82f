import { describe } from 'vitest';
import { familyTable } from './family-table';

// Proportional completion whose target is the count the text asks for (corpus 01 pattern
// "…N例以上；否则按完成比例得分（M分）"). Sentences written for this table.
describe('proportional completion with its target', () => {
  familyTable([
    ['a count to reach, then 按完成比例', '年内完成整治任务5处以上，否则按完成比例得分（10分）。', { rules: [{ kind: 'proportional', effect: 'score', points: '10', target: '5' }], indicator: { points: '10' } }],
    ['the target before the points', '新建农家书屋20家（2分），按完成比例计分。', { rules: [{ kind: 'proportional', effect: 'score', target: '20', points: '2' }], indicator: { points: '2' } }],
    ['a rate is not a count target', '完成率达到90%以上，否则按完成比例得分。', { flag: '未读取的比率“90%”' }],
    ['two counts: which one is the target?', '年内完成整治任务5处以上，完成培训3次以上，否则按完成比例得分。', { flag: '未读取的门槛' }],
  ]);
});
