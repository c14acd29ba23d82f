import { describe } from 'vitest';
import { familyTable } from './families/family-table';

// Sentences written after corpus 11's and 06's pattern: the scoring is in another document.
describe('scoring handed to another document is flagged with that document, never compiled', () => {
  familyTable([
    ['《name》 and 相应减分', '对乙方在质量方面未达要求的，甲方依据《质量考核办法（2020版）》，相应给予减分。', { flag: '计分依据另一份文件《质量考核办法（2020版）》' }],
    ['a scheme named without 《》', '根据市交通局制定的年度考评实施方案确定的评分标准执行。', { flag: '计分依据另一份文件市交通局制定的年度考评实施方案确定的评分标准' }],
    ['a plain requirement stays 未找到计分规则', '按照年度计划完成台账建设。', { flag: '未找到计分规则' }],
  ]);
});
