import { locateLint } from '@kaohe/contract';
import type { Indicator } from '@kaohe/core';
import { basename } from 'node:path';
import { loadScheme } from '../load';

const clauseCount = (list: readonly Indicator[]): number => list.reduce((a, x) => a + (x.clauses?.length ?? 0) + clauseCount(x.children ?? []), 0);

/** `kaohe validate SCHEME`: structural errors exit 1 (thrown by parseScheme); lint warnings are listed. */
export function validateCommand(path: string, out: (s: string) => void): number {
  const { scheme, lint, text } = loadScheme(path, 'validate');
  const located = locateLint(text, basename(path), lint);
  out(`${basename(path)}：方案“${scheme.title}”（${scheme.year} 年）校验通过`);
  out(`  单位 ${scheme.units.length} 个，排名分组 ${scheme.rankingGroups.length} 个，条款 ${clauseCount(scheme.indicators)} 条，负面清单 ${scheme.negativeList.length} 项，一票否决 ${scheme.vetoes.length} 项`);
  if (located.length === 0) out('  未发现问题');
  else {
    out(`  提示 ${located.length} 条：`);
    for (const l of located) out(`  ${basename(path)}${l.line !== undefined ? `:${l.line}` : ''}  ${l.path}：${l.message}`);
  }
  return 0;
}
