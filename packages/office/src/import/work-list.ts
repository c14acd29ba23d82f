import type { Dec } from '@kaohe/core';
import type { SourceRef } from '../document';
import type { ClauseRecord } from './finalize';

/** One needs-review clause as a task for the clerk: where it is, what could not be read, why, and what it probably says. */
export type WorkItem = {
  code: string;
  indicator: string;
  source: SourceRef;
  text: string;
  /** The phrases the compiler did not read (empty when the whole sentence had no reading). */
  unread: string[];
  reason: string;
  /** The compiler's reasons as given, without the phrases (for counting by reason). */
  reasons: string[];
  /** A reading a person can confirm, when the text has a recognisable shape. */
  suggestion?: string;
};

const fmt = (d: Dec | undefined): string => (d === undefined ? '' : String(d / 1e6));

/**
 * Suggested readings for shapes of text the compiler leaves to a person. Each returns null when its
 * shape is not there; the first that answers is used. They propose, never decide: the clause stays
 * needs-review until someone confirms the rule.
 */
const SUGGESTIONS: ((text: string, points: Dec | undefined) => string | null)[] = [
  (t) => {
    const m = /([\p{Script=Han}]{1,6}区)得\s*([\d.]+)\s*分[，,、]\s*(非[\p{Script=Han}]{1,6}区)得\s*([\d.]+)\s*分/u.exec(t);
    return m ? `按单位类别分别计分：${m[1]} ${m[2]} 分、${m[3]} ${m[4]} 分（同一条款，不相加）` : null;
  },
  (t, p) => (/按完成(比例|情况)(得分|计分|扣分)/.test(t) ? `按完成比例计分：得分 = 完成数 ÷ 目标数 × ${fmt(p) || '满分'} 分，需在事实中填写完成数与目标数` : null),
  (t, p) => (/酌情|综合评价|视情/.test(t) ? `由考核部门评分（人工评分${p !== undefined ? `，0 至 ${fmt(p)} 分` : ''}）` : null),
  (t, p) => {
    const m = /[（(]\s*([\d.]+)\s*分\s*[)）]\s*[。；;]?\s*$/.exec(t);
    if (!m || /扣|得\s*[\d.]+\s*分|不得分/.test(t.slice(0, m.index))) return null;
    return `“（${m[1]}分）”是本项分值：完成得 ${m[1]} 分、未完成 0 分，或由考核部门按完成情况在 0 至 ${m[1]} 分之间评分${p !== undefined && fmt(p) !== m[1] ? `（本项分值 ${fmt(p)} 分）` : ''}`;
  },
  (t) => (/[×*]\s*[\d.]+\s*分/.test(t) ? '按比率乘分值计分：得分 = 比率 × 分值，需在事实中填写比率的分子和分母' : null),
  (t) => (/参照|按照[^。；]*(办法|细则|方案)[^。；]*执行|根据[^。；]*(办法|细则|方案)/.test(t) ? '计分依据另一份文件（未随本方案提供）：按该文件的结果人工录入得分' : null),
];

export function workItems(clauses: readonly ClauseRecord[], pointsOf: (c: ClauseRecord) => Dec | undefined): WorkItem[] {
  return clauses
    .filter((c) => c.status !== 'ok')
    .map((c) => {
      const points = pointsOf(c);
      const own = (c.unread ?? []).map((u) => u.suggestion).find((x) => x !== undefined);
      const suggestion = own ?? SUGGESTIONS.map((f) => f(c.text.replace(/\s+/g, ''), points)).find((s) => s !== null) ?? undefined;
      const unread = (c.unread ?? []).map((u) => u.text).filter((u) => u !== '');
      const reason = specificReason(c);
      const reasons = [...new Set([...(c.unread ?? []).map((u) => u.reason), ...c.rules.flatMap((r) => (r.review ? [r.review] : []))])];
      return { code: c.code, indicator: c.indicator, source: c.source, text: c.text, unread, reason, reasons: reasons.length ? reasons : [c.reason ?? '未能识别计分规则'], ...(suggestion ? { suggestion } : {}) };
    });
}

/** The clause's own reasons, with the unread phrase named in each: never just "未识别". */
function specificReason(c: ClauseRecord): string {
  const own = (c.unread ?? []).map((u) => (u.text && !u.reason.includes(u.text) ? `“${u.text.slice(0, 30)}”：${u.reason}` : u.reason));
  const review = c.rules.flatMap((r) => (r.review ? [`“${r.text.slice(0, 30)}”：${r.review}`] : []));
  const all = [...new Set([...own, ...review])];
  if (all.length > 0) return all.join('；');
  return c.reason ?? '未能识别计分规则';
}

/** "“每低…扣”未识别：……" → "未识别": the family of a reason, for counting (quoted phrases and details dropped). */
const DELEGATED = '计分依据另一份文件';

export function reasonFamily(reason: string): string {
  // A delegation names the other document (《…（2015版）》 or a plain 方案 name): one family, whatever the name.
  if (reason.startsWith(DELEGATED)) return DELEGATED;
  const bare = reason.replace(/“[^”]*”|"[^"]*"|「[^」]*」|《[^》]*》/g, '').replace(/^[\s，,：:]+/, '');
  return bare.split(/[：:；;（(，,。]/)[0]!.trim().slice(0, 24) || reason.slice(0, 24);
}
