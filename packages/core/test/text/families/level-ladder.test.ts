import { describe } from 'vitest';
import { familyTable } from './family-table';

// Situations in separate sentences, each naming one level and earning points (written after corpus 01 (1.4.2); own
// words and amounts). Issue 15: a ladder by level counts each occurrence at its level's amount, the sum bounded by the
// item's points; only the highest where the text says so.
describe('tier ladder by level across sentences (readLevelLadder)', () => {
  familyTable([
    [
      'three levels on an item of 4: per occurrence, capped by the item',
      '工作经验被省级媒体报道的，得4分；被市级媒体报道的，得2分；被县级媒体报道的，得1分。',
      { rules: [{ kind: 'accumulate', effect: 'score', items: { 省: '4', 市: '2', 县: '1' }, cap: '4' }], family: 'tier-ladder' },
      '4',
    ],
    [
      'two levels, the item larger than the top tier',
      '获得省级表彰的，得2分；获得市级表彰的，得1分。',
      { rules: [{ kind: 'accumulate', effect: 'score', items: { 省: '2', 市: '1' }, cap: '3' }] },
      '3',
    ],
    [
      'one sentence, commas between the levels: the same score, never a bonus on top of the item',
      '工作经验被省级媒体报道的得4分，被市级媒体报道的得2分，被县级媒体报道的得1分。',
      { rules: [{ kind: 'accumulate', effect: 'score', items: { 省: '4', 市: '2', 县: '1' }, cap: '4' }], family: 'tier-ladder' },
      '4',
    ],
    [
      '加 after each level stays a bonus per occurrence by level',
      '工作经验被省级媒体报道的加4分，被市级媒体报道的加2分。',
      { rules: [{ kind: 'per-occurrence', effect: 'bonus', tiers: { by: 'level', amounts: { 省: '4', 市: '2' } } }], family: 'tier-ladder' },
      '4',
    ],
    [
      'highest only where said',
      '工作经验被省级媒体报道的，得4分；被市级媒体报道的，得2分；被县级媒体报道的，得1分。以获最高一项计分。',
      { rules: [{ kind: 'any-of', options: ['工作经验被省级媒体报道的', '被市级媒体报道的', '被县级媒体报道的'], points: '4', optionPoints: ['4', '2', '1'] }] },
      '4',
    ],
    [
      '按最高一项计分 is highest only too (一项 is a number token), never each event at its highest',
      '工作经验被省级媒体报道的，得4分；被市级媒体报道的，得2分；被县级媒体报道的，得1分。按最高一项计分。',
      { rules: [{ kind: 'any-of', options: ['工作经验被省级媒体报道的', '被市级媒体报道的', '被县级媒体报道的'], points: '4', optionPoints: ['4', '2', '1'] }] },
      '4',
    ],
    [
      'a count other than one: review naming it, with the highest tier reached as the suggestion',
      '工作经验被省级媒体报道1篇，得4分；被市级媒体报道3篇，得2分；被县级媒体报道的，得1分。',
      { flag: '写明了数量（市级3篇得2分）', suggestion: '按层级取达到的最高一档（省级4分、市级3篇2分、县级1分），不超过本项 4 分' },
      '4',
    ],
    [
      'a count of one fits a per-occurrence amount',
      '工作经验被省级媒体报道1篇，得4分；被市级媒体报道1篇，得2分。',
      { rules: [{ kind: 'accumulate', effect: 'score', items: { 省: '4', 市: '2' }, cap: '4' }] },
      '4',
    ],
    [
      'without the item points the bound is not written: still flagged',
      '工作经验被省级媒体报道的，得4分；被市级媒体报道的，得2分；被县级媒体报道的，得1分。',
      { flag: '本项有3个得分情形' },
    ],
    [
      'a situation naming no level is not a ladder',
      '工作经验被省级媒体报道的，得3分；按时报送材料的，得2分；资料齐全的，得1分。',
      { flag: '本项有3个得分情形' },
      '3',
    ],
    [
      'two situations at the same level are not a ladder',
      '工作经验被省级媒体报道的，得3分；被省级领导批示肯定的，得2分；被市级媒体报道的，得1分。',
      { flag: '本项有3个得分情形' },
      '3',
    ],
  ]);
});
