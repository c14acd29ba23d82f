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

describe('a row that sets the N/A policy of the indicators it names (未X，涉及X指标按Y平均分得分)', () => {
  it('gives the indicators naming X the policy average-of-others and is no indicator of its own', async () => {
    const { scheme, report } = await importScheme({ name: 'structure.tsv', bytes: utf8(table('未新招录人员，涉及新招录人员指标按全市部门平均分得分')) });
    const rows = scheme.indicators[0]!.children!;
    expect(rows.map((i) => i.notApplicable ?? '-')).toEqual(['-', 'average-of-others', 'average-of-others']);
    const record = report.clauses.find((c) => c.text.startsWith('未新招录人员'))!;
    expect(record.status).toBe('ok');
    expect(record.rules.map((r) => r.kind)).toEqual(['average-of-others']);
    expect(record.warnings.join('')).toContain('按全市部门平均分计');
    expect(report.coverage.compiled).toBe(report.coverage.scoring);
  });

  it('stays in review when an indicator holds clauses about X beside others (the policy would take them too)', async () => {
    const flat = table('未新招录人员，涉及新招录人员指标按全市部门平均分得分').split('\n').map((line) => line.split('\t').slice(0, 3).join('\t')).join('\n');
    const { scheme, report } = await importScheme({ name: 'structure.tsv', bytes: utf8(flat) });
    expect(JSON.stringify(scheme.indicators)).not.toContain('average-of-others');
    const record = report.clauses.find((c) => c.text.startsWith('未新招录人员'))!;
    expect(record.status).toBe('needs-review');
    expect(record.reason).toContain('只有部分条款写有“新招录人员”');
  });

  it('stays in review, saying so, when no indicator names X', async () => {
    const { report } = await importScheme({ name: 'structure.tsv', bytes: utf8(table('未开展轮岗，涉及开展轮岗指标按全市部门平均分得分')) });
    const record = report.clauses.find((c) => c.text.startsWith('未开展轮岗'))!;
    expect(record.status).toBe('needs-review');
    expect(record.reason).toContain('没有找到写有“开展轮岗”的指标');
  });
});
