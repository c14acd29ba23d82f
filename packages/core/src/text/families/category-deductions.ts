import * as P from '../../points';
import { tokenize } from '../rule-tokens';
import { UNIT_CATEGORY_WORDS } from '../vocabulary';

/**
 * "…的，此项不得分，另倒扣产区N分，非产区M分" (in substance; corpus 06 (26) (32) (35) (43) (47) (51) (65) (67)): deductions whose
 * amount depends on the unit's category, the verb written once before the first category. They are
 * read once per category (category-rules.family.ts); where that reading fails, the clause stays in
 * review with this reason and the amounts as written, instead of "未识别扣分数值".
 */
export function categoryDeductionIssue(pending: string): { reason: string; suggestion: string } | undefined {
  const toks = tokenize(pending);
  const verbAt = toks.findIndex((token) => token.kind === 'word' && (token.tag === 'reverse' || token.tag === 'deduct'));
  if (verbAt < 0) return undefined;
  const reversed = toks[verbAt]!.kind === 'word' && toks[verbAt]!.tag === 'reverse';
  const found: string[] = [];
  for (const token of toks.slice(verbAt + 1)) {
    if (token.kind !== 'num' || token.q.unit !== '分') continue;
    const before = pending.slice(0, token.start).replace(/[，,、\s]+$/u, '');
    const category = UNIT_CATEGORY_WORDS.find((word) => before.endsWith(word) && !(word === '产区' && before.endsWith('非产区')));
    if (!category) return undefined;
    found.push(`${category} ${P.toStr(token.q.value)} 分`);
  }
  if (found.length < 2) return undefined;
  const verb = reversed ? '倒扣' : '扣分';
  return {
    reason: `按单位类别${verb}（${found.join('、')}），按类别分别读取未能完整编译，需人工确认`,
    suggestion: `条件扣分${reversed ? '（可扣至零分以下）' : ''}：${found.join('、')}，按被考核单位的类别取值`,
  };
}
