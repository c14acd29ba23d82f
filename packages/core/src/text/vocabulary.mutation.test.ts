/**
 * Mutation tests of text/vocabulary.ts (docs/testing.md, eighth session): `delegatedTo`, the other
 * document a sentence hands its scoring to. Sentences written for this test.
 */
import { describe, expect, it } from 'vitest';
import { delegatedTo } from './vocabulary';

describe('delegatedTo', () => {
  it.each([
    // the 《name》 when written, from the first opener on
    ['本项按照《县级河道管理考核细则》执行', '《县级河道管理考核细则》'],
    ['先参照上年做法，再依据《安全生产考核办法》相应给予减分', '《安全生产考核办法》'],
    // a 》 before the 《 does not close it
    ['》说明：根据《防汛工作方案》评分', '《防汛工作方案》'],
    // a 》 with no 《: the words up to it
    ['根据县里的办法》计分', '县里的办法》'],
    // a 《 that is never closed: the words up to the last document word
    ['根据《市级督查方案评分', '《市级督查方案'],
    // no 《》: the words after the opener up to the end of the last document word, trimmed
    ['根据 县考核办确定的评分标准 执行', '县考核办确定的评分标准'],
    ['依据县里的办法和市里的细则计分', '县里的办法和市里的细则'],
    // the first opener in the text, whichever the list names first
    ['参照市里的办法，依据县里的细则计分', '市里的办法，依据县里的细则'],
    // a document word before the opener is not part of the name
    ['细则第三条：根据县里的方案计分', '县里的方案'],
  ])('%s → %s', (text, want) => {
    expect(delegatedTo(text)).toBe(want);
  });
  it.each([
    ['每发现一起扣1分'], // no opener
    ['根据完成情况计分'], // an opener, no document word after it
    ['办法：根据完成情况计分'], // the document word comes before the opener only
  ])('%s → no other document', (text) => {
    expect(delegatedTo(text)).toBeUndefined();
  });
});
