import { chineseOrdinal, readMarker } from './cell-text';

/**
 * The 评分标准 / 具体扣分标准 cell split into what it is made of (000:46-49):
 *   一、习近平总书记重要指示批示贯彻落实情况      ← a sub-part heading (一、)
 *   1. 未组织领导班子进行学习传达…扣 1 分；          ← numbered clauses (1. 1． 1、 l.)
 *   2. 未在规定时限内办结的，扣 1 分；…
 * Lines without a marker continue the clause above (wrapped text, （1）/① sub-items); before the first
 * clause they are the part's preamble ("积极推进…：" 000:258) or, in a part without numbered clauses,
 * its only clause ("根据《“三服务”工作考核细则》折算扣分。" 000:89).
 */
export type ClauseDraft = {
  /** The printed number, when there is one. */
  n?: number;
  marker?: string;
  /** Verbatim, without the marker. */
  text: string;
  /** 0-based line of the cell where the clause starts. */
  lineOffset: number;
  repaired?: string;
};

export type PartDraft = { n?: number; marker?: string; title?: string; lineOffset: number; preamble: string[]; clauses: ClauseDraft[] };

export function parseRuleCell(text: string): PartDraft[] {
  const lines = text.split('\n');
  const parts: PartDraft[] = [];
  let part: PartDraft | null = null;
  let clause: ClauseDraft | null = null;
  const currentPart = (offset: number): PartDraft => {
    if (!part) {
      part = { lineOffset: offset, preamble: [], clauses: [] };
      parts.push(part);
    }
    return part;
  };
  lines.forEach((line, offset) => {
    if (line.trim() === '') return;
    const m = readMarker(line);
    if (m && m.level === 1) {
      part = { n: m.n, marker: m.raw, title: m.rest.trim(), lineOffset: offset, preamble: [], clauses: [] };
      parts.push(part);
      clause = null;
      return;
    }
    if (m && m.level === 3) {
      clause = { n: m.n, marker: m.raw, text: m.rest.trim(), lineOffset: offset, ...(m.repaired ? { repaired: m.repaired } : {}) };
      currentPart(offset).clauses.push(clause);
      return;
    }
    if (clause) {
      clause.text += `\n${line.trim()}`;
      return;
    }
    currentPart(offset).preamble.push(line.trim());
  });
  // A part with text and no numbered clause: that text is its one clause.
  for (const p of parts as PartDraft[]) {
    if (p.clauses.length === 0 && p.preamble.length > 0) {
      p.clauses.push({ text: p.preamble.join('\n'), lineOffset: p.lineOffset + (p.title !== undefined ? 1 : 0) });
      p.preamble = [];
    }
  }
  return parts;
}

/**
 * "以上均按完成情况计分" / "以上 5 项按完成比例计分" / "以上两项按完成情况计分" at the end of a clause
 * (000:1137, 1232): the method of the clauses above. Returns the sentence and how many clauses it covers
 * (undefined = all clauses of the cell up to this one).
 */
export function sharedMethod(text: string): { sentence: string; count?: number } | undefined {
  const m = /(?:^|[。；;\n])\s*((?:以上|上述)\s*(均|各项|([\d一二两三四五六七八九十]+)\s*项)?\s*(?:均|都)?\s*按[^。；;\n]*?(?:计分|折算|得分|扣分)[^。；;\n]*)[。；;]?\s*$/.exec(text);
  if (!m) return undefined;
  const countText = m[3];
  const count = countText === undefined ? undefined : /^\d+$/.test(countText) ? Number(countText) : countText === '两' ? 2 : chineseOrdinal(countText);
  return { sentence: m[1]!.trim(), ...(count !== undefined && count > 0 ? { count } : {}) };
}
