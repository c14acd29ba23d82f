import { describe, expect, it } from 'vitest';
import { importScheme } from '../../src/import/import-scheme';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// A table written for this test in the shape of corpus 08 3.213–3.223: two rows about 新招录人员 and a row saying that a
// unit without any takes, on those rows, the average of the others.
const table = (policy: string): string => [
  '序号\t项目\t评分办法\t核心指标',
  '1.1\t队伍结构\t平均年龄不大于全市平均年龄的，得2分；每超1岁，扣0.5分\t平均年龄',
  '1.2\t\t新招录人员中本科以上的占比不低于85%的，得1.5分；每低1%，扣0.2分\t新招录本科占比',
  '1.3\t\t新招录人员中基层经历的占比不低于40%，得1.5分；每低2%，扣0.1分\t新招录基层经历占比',
  `1.4\t\t${policy}\t无新招录人员`,
].join('\n');

/**
 * The compiler reads such a row (golden 08:24#2), but the importer does not apply it: the policy would live only on
 * the other indicators, an exported sheet has no row to carry it, and export → import would silently lose it
 * (test/export/xlsx-round-trip.test.ts). The row stays, in review, saying what it sets and where to set it.
 */
describe('a row that sets the N/A policy of the indicators it names (未X，涉及X指标按Y平均分得分)', () => {
  it('stays a row in review naming the subject and the average, with the setting to make as the suggestion', async () => {
    const { scheme, report } = await importScheme({ name: 'structure.tsv', bytes: utf8(table('未新招录人员，涉及新招录人员指标按全市部门平均分得分')) });
    expect(JSON.stringify(scheme.indicators)).not.toContain('average-of-others');
    expect(scheme.indicators[0]!.children).toHaveLength(4);
    const record = report.clauses.find((c) => c.text.startsWith('未新招录人员'))!;
    expect(record.status).toBe('needs-review');
    expect(record.reason).toBe('本行规定写有“新招录人员”的指标在不涉及时按全市部门平均分计分，不是本行的计分规则');
    expect(record.unread?.at(-1)?.suggestion).toBe('在写有“新招录人员”的指标上设置“不适用时取其他单位平均分”（average-of-others），并删去本行');
  });
});
