import { describe, expect, it } from 'vitest';
import { divisionsOfClause, parseOwnerCell, readClauseList } from '../../src/import/assignment';

describe('readClauseList', () => {
  it.each([
    ['1-3，6，8-10', undefined, [1, 2, 3, 6, 8, 9, 10]], // 000:195
    ['5、7', undefined, [5, 7]], // 000:197
    ['1-5，9', undefined, [1, 2, 3, 4, 5, 9]], // 000:227
    ['1、2', undefined, [1, 2]], // 000:74
    ['1-3，5-10', undefined, [1, 2, 3, 5, 6, 7, 8, 9, 10]], // 000:511
    ['1234', 4, [1, 2, 3, 4]], // 002:448: a digit run, not clause 1234
    ['12', 20, [12]], // a real clause number when the item has that many clauses
  ])('reads %s', (text, count, expected) => {
    expect(readClauseList(text, count)).toEqual(expected);
  });
});

describe('parseOwnerCell', () => {
  it('reads per-clause divisions of 000:192-197 and the leader', () => {
    const cell = parseOwnerCell('牵头领导：钱永忠\n责任处室：\n1-3，6，8-10：办公室\n4：艺术处、公共服务处、文物处、执法队\n5、7：机关党委', { clauseCount: 10 });
    expect(cell.leaders).toEqual(['钱永忠']);
    expect(cell.assignments.map((a) => [a.clauses, a.divisions])).toEqual([
      [[1, 2, 3, 6, 8, 9, 10], ['办公室']],
      [[4], ['艺术处', '公共服务处', '文物处', '执法队']],
      [[5, 7], ['机关党委']],
    ]);
    expect(divisionsOfClause(cell, 4)).toEqual(['艺术处', '公共服务处', '文物处', '执法队']);
    expect(cell.unparsed).toEqual([]);
  });

  it('reads 000:227-228 with the trailing ；', () => {
    const cell = parseOwnerCell('牵头领导：钱永忠\n责任处室：\n1-5，9：人事处；\n6-8：机关党委；', { clauseCount: 9 });
    expect(cell.assignments.map((a) => [a.clauses, a.divisions])).toEqual([
      [[1, 2, 3, 4, 5, 9], ['人事处']],
      [[6, 7, 8], ['机关党委']],
    ]);
  });

  it('reads 000:72-75: coordination with 相关处室 and "3." as the separator', () => {
    const cell = parseOwnerCell('牵头领导：张硕\n责任处室：\n1、2：办公室统筹，相关处室落实；\n3.资源开发处', { clauseCount: 3 });
    expect(cell.leaders).toEqual(['张硕']);
    expect(cell.assignments).toEqual([
      { clauses: [1, 2], divisions: ['办公室'], coordinates: true, others: '相关处室落实', text: '1、2：办公室统筹，相关处室落实' },
      { clauses: [3], divisions: ['资源开发处'], text: '3.资源开发处' },
    ]);
  });

  it('reads 000:249-250 "1:办公室 2、3：人事处" with ASCII and full-width colons', () => {
    const cell = parseOwnerCell('牵头领导：钱永忠\n责任处室：\n1:办公室\n2、3：人事处', { clauseCount: 3 });
    expect(cell.assignments.map((a) => [a.clauses, a.divisions])).toEqual([
      [[1], ['办公室']],
      [[2, 3], ['人事处']],
    ]);
    expect(parseOwnerCell('1:办公室 2、3：人事处').assignments.map((a) => a.clauses)).toEqual([[1], [2, 3]]);
  });

  it('reads 000:511-512 "1-3，5-10：市场处； 4:办公室"', () => {
    const cell = parseOwnerCell('牵头领导：董佳丽\n责任处室：\n1-3，5-10：市场处；\n4:办公室', { clauseCount: 10 });
    expect(divisionsOfClause(cell, 4)).toEqual(['办公室']);
    expect(divisionsOfClause(cell, 7)).toEqual(['市场处']);
  });

  it('reads leader and division in one cell (000:53-54)', () => {
    const cell = parseOwnerCell('牵头领导：张硕\n责任处室：办公室');
    expect(cell).toMatchObject({ leaders: ['张硕'], divisions: ['办公室'], assignments: [] });
  });

  it('reads two leaders and a division list wrapped after 、 (000:329-332)', () => {
    const cell = parseOwnerCell('牵头领导：陈建江\n     徐啊峰\n责任处室：资源处、\n文物处');
    expect(cell.leaders).toEqual(['陈建江', '徐啊峰']);
    expect(cell.divisions).toEqual(['资源处', '文物处']);
  });

  it('keeps the coordinator of "X统筹，相关处室配合" (000:418)', () => {
    const cell = parseOwnerCell('牵头领导：董佳丽\n责任处室：产业发展与合作交流处统筹，相关处室配合');
    expect(cell).toMatchObject({ divisions: ['产业发展与合作交流处'], coordinates: true, others: '相关处室配合' });
  });

  it.each(['根据扣分项确定责任处室', '按具体任务分配', '按具体扣分项', '根据改革任务按条线落实', '按具体任务落实'])('keeps the deferred assignment "%s"', (text) => {
    const cell = parseOwnerCell(`牵头领导：钱永忠\n责任处室：${text}`);
    expect(cell.deferred).toBe(text);
    expect(cell.divisions).toEqual([]);
    expect(cell.unparsed).toEqual([]);
  });

  it('reads a division list without labels (000 目标任务清单 item 10)', () => {
    expect(parseOwnerCell('责任处室：公共服务处\n          资源开发处').divisions).toEqual(['公共服务处', '资源开发处']);
  });

  it('keeps "机关党委（机关纪委）" as one name', () => {
    expect(parseOwnerCell('牵头领导：钱永忠\n责任处室：机关党委（机关纪委）').divisions).toEqual(['机关党委（机关纪委）']);
  });
});
