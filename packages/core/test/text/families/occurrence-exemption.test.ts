import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after corpus 03 (4.1) (每起…扣N分，如果…，此事件可以不扣分); own words.
describe('occurrence-exemption: 此事件可以不扣分 after a per-occurrence deduction', () => {
  const exempt = (amount: string, when: string, extra: Record<string, unknown> = {}) => ({ rules: [{ kind: 'per-occurrence', effect: 'deduction', amount, ...extra, exempt: { flag: 'exempt', when } }] });
  familyTable([
    ['如果…，此事件可以不扣分', '每起安全事故扣3分，如果事故经调查属不可抗力，此事件可以不扣分。', exempt('3', '事故经调查属不可抗力'), '10'],
    ['若…的，该起可不扣分', '每发生一起群体性上访扣1分，若当事人已书面撤诉的，该起可不扣分。', exempt('1', '当事人已书面撤诉'), '5'],
    ['with a cap before it', '每起投诉扣2分，最多扣6分，如果投诉经核查不属实，此事件可以不扣分。', exempt('2', '投诉经核查不属实', { cap: '6' }), '10'],
    ['no 此事件: a case of the whole item stays flagged', '每起投诉扣2分，如果全年投诉办结率达到100%，可以不扣分。', { flag: '免扣情形' }],
    ['after ；, in its own sentence: stays flagged', '每起投诉扣2分；投诉经核查不属实的，此事件可以不扣分。', { flag: '免扣情形' }],
    ['words after the exemption: stays flagged', '每起投诉扣2分，如果投诉经核查不属实，此事件可以不扣分，但须报考核办备案。', { flag: '免扣情形' }],
    ['a bonus is not exempted', '每起好人好事加2分，如果事迹未经核实，此事件可以不扣分。', { flag: '免扣情形' }],
    ['a share above the average (not an occurrence) stays flagged', '配齐专职人员的，得2分。每少1人，扣0.1分；但专职人员占比高于全市平均占比的，可不扣分。', { flag: '免扣情形' }],
  ]);
});
