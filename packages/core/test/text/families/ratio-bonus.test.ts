import { describe } from 'vitest';
import { familyTable } from './family-table';

// Written after corpus 02 (5.1) (…得N分，多<一件>按x：y：z比例加分); own words.
describe('ratio-bonus: a bonus in a ratio by level stays flagged, naming the ratio and the levels', () => {
  familyTable([
    ['three levels, three parts', '省级刊发1篇、市级刊发2篇、县级刊发3篇的，得4分，多刊发一篇按3：2：1比例加分。', { flag: '加分比例为3：2：1（省：市：县），每份比例合多少分未写明', suggestion: '按每多一篇省3分、市2分、县1分加分' }],
    ['levels that do not match the parts: no suggestion', '按时报送信息的，得4分，多报一篇按3：2比例加分。', { flag: '加分比例为3：2，每份比例合多少分未写明' }],
  ]);
});
