import type { Indicator, Scheme } from '@kaohe/core';

/**
 * The words a scheme uses for its owners. The scheme format does not keep the import's column names,
 * so they are read from the owners themselves: a scheme whose responsible owners are 处室 inside one
 * agency (000: 办公室, 艺术处 … under 牵头领导) says 责任处室 and 考核牵头部门; one whose owners are units
 * (001: 县发展改革和科技局; 004: 市级有关部门（单位）) says 责任单位 and 牵头单位.
 */
export type SchemeLabels = { division: '责任处室' | '责任单位'; assessor: '考核牵头部门' | '牵头单位'; leader: '牵头领导' };

export function schemeLabels(scheme: Scheme): SchemeLabels {
  const names = scheme.divisions.map((d) => d.name).filter((n) => !isHeaderWord(n));
  const offices = names.filter((n) => /(处|科|室|股|队|党委|党总支|机关纪委）?)$/.test(n) && !/^(县|市|区|省)/.test(n)).length;
  const isOffice = names.length > 0 && offices * 2 >= names.length;
  return isOffice ? { division: '责任处室', assessor: '考核牵头部门', leader: '牵头领导' } : { division: '责任单位', assessor: '牵头单位', leader: '牵头领导' };
}

/** A column header read as an owner's name (004's items 1–3 name "责任单位" as their 责任单位). */
export function isHeaderWord(name: string): boolean {
  return /^(责任单位|牵头单位|责任处室|牵头领导|考核牵头部门|责任部门|牵头部门|配合单位|协办单位)$/.test(name.trim());
}

/** Owners without header words, and the warnings for those left out. */
export function realOwners(names: readonly string[] | undefined, where: string, warnings: string[]): string[] {
  const out: string[] = [];
  for (const n of names ?? []) {
    if (isHeaderWord(n)) {
      const w = `${where}的责任方写作“${n}”，这是表头文字而不是单位名称（可能是导入时把表头读成了内容），导出时已略去，请核对方案`;
      if (!warnings.includes(w)) warnings.push(w);
    } else out.push(n);
  }
  return out;
}

/** The year the title states ("2020年度…"), if any. */
export function titleYear(title: string): number | undefined {
  const m = /((?:19|20)\d{2})\s*年/.exec(title);
  return m ? Number(m[1]) : undefined;
}

export const indicatorsOf = (nodes: readonly Indicator[]): Indicator[] => nodes.flatMap((n) => [n, ...indicatorsOf(n.children ?? [])]);
