import { describe, expect, it } from 'vitest';
import { parseScheme } from '@kaohe/contract';
import type { Indicator } from '@kaohe/core';
import { importScheme } from '../../src/import/import-scheme';
import { schemeToYaml } from '../../src/import/serialize';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const pts = (d: number | undefined): number | undefined => (d === undefined ? undefined : d / 1e6);
const tree = (i: Indicator): unknown => ({ title: i.title, points: pts(i.points), ...(i.clauses ? { clauses: i.clauses.map((c) => [c.rule.kind, c.status ?? 'ok']) } : {}), ...(i.children ? { children: i.children.map(tree) } : {}) });

// Tables written for this test after the corpus's shapes (01: tasks beside scoring lines in one cell; 06: 倒扣).
describe('item layout: tasks beside scoring lines, 倒扣', () => {
  it('splits a cell of tasks with “（N分）” and scoring lines with their own points into sub-indicators', async () => {
    const text = [
      '序号\t考核项目\t分值\t评分标准',
      '1\t岸线管理\t15\t1.建立岸线用地台账（5分）；\\n2.编制岸线利用规划（4分）；落实分区管理（1分）；\\n3.严厉打击非法侵占岸线行为，发现1例未整改扣2分（5分）。',
      '2\t会议部署\t4\t年内至少召开4次会议，查看会议纪要（4分，少一次扣1分）。',
    ].join('\n');
    const { scheme, report } = await importScheme({ name: 'mixed.tsv', bytes: utf8(text) });
    expect(scheme.indicators.map(tree)).toEqual([
      {
        title: '岸线管理',
        points: 15,
        children: [
          { title: '建立岸线用地台账', points: 5 },
          { title: '编制岸线利用规划', points: 4 },
          { title: '落实分区管理', points: 1 },
          { title: '严厉打击非法侵占岸线行为', points: 5, clauses: [['per-occurrence', 'ok']] },
        ],
      },
      { title: '会议部署', points: 4, clauses: [['shortfall', 'ok']] },
    ]);
    expect(report.coverage).toMatchObject({ scoring: 2, compiled: 2, targetOnly: 3 });
  });

  it('keeps a cell whose method sentence may cover its neighbours as clauses (no split)', async () => {
    const text = ['序号\t考核项目\t分值\t评分标准', '1\t文艺精品\t2\t1.完成歌剧创作排练（1分）。\\n2.完成电视剧拍摄工作（1分）。按完成情况计分。'].join('\n');
    const { scheme } = await importScheme({ name: 'shared-method.tsv', bytes: utf8(text) });
    expect(scheme.indicators[0]!.children).toBeUndefined();
    expect(scheme.indicators[0]!.clauses).toHaveLength(2);
  });

  it('lets an item with a 倒扣 clause go below zero (floor: null), kept through the YAML', async () => {
    const text = ['序号\t考核项目\t分值\t评分标准', '1\t补贴发放\t2\t按规定足额兑付补助的，得2分，否则不得分，并倒扣2分。', '2\t报送材料\t1\t未按时报送材料的，每次扣0.5分。'].join('\n');
    const { scheme, report } = await importScheme({ name: 'negative.tsv', bytes: utf8(text) });
    expect(scheme.indicators.map((i) => [i.title, i.floor])).toEqual([
      ['补贴发放', null],
      ['报送材料', undefined],
    ]);
    expect(report.coverage).toMatchObject({ scoring: 2, compiled: 2 });
    const again = parseScheme(schemeToYaml(scheme), 'negative.yaml').scheme;
    expect(again.indicators[0]!.floor).toBeNull();
  });

  it('names a grade effect in the points column (降B级) as the reason, never as points', async () => {
    const text = ['评价标准\t信用赋分', '被评为不合格党员的\t降B级', '按时参加村民会议的\t+2'].join('\n');
    const { report } = await importScheme({ name: 'grades.tsv', bytes: utf8(text) });
    expect(report.coverage).toMatchObject({ scoring: 2, compiled: 1, needsReview: 1 });
    expect(report.workList.map((w) => [w.text, w.reason])).toEqual([['被评为不合格党员的', '赋分列为降级效果“降B级”（不是分值）：本文件未写明降B级折合扣多少分（如“降为B级的，按扣减信用分50分执行”），降级也不是本方案的等次，需人工处理']]);
    expect(report.reviewByReason).toEqual([{ reason: '赋分列为降级效果', clauses: 1 }]);
  });

  it('reads 降B级 / 降C级 as the deduction the document converts them to (10 第二十四条 in our own words), citing that sentence', async () => {
    const text = [
      '评价标准\t信用赋分',
      '被评为不合格党员的\t降B级',
      '参加邪教组织的\t降C级',
      '按时参加村民会议的\t+2',
      '',
      '说明\t',
      '区级指标中降为B、C级的，在村级按扣减信用分40、70分执行。\t',
    ].join('\n');
    const { scheme, report } = await importScheme({ name: 'grades.tsv', bytes: utf8(text) });
    // (The 说明 row is read as a row of the table too: only the graded rows are checked here.)
    expect(report.clauses.filter((c) => /党员|邪教|村民会议/.test(c.text)).map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    const rules = scheme.indicators.flatMap((i) => [...(i.clauses ?? []), ...(i.children ?? []).flatMap((c) => c.clauses ?? [])]).map((c) => [c.text, c.rule]);
    expect(rules).toContainEqual(['被评为不合格党员的，扣40分。', { kind: 'condition', effect: 'deduction', amount: 40_000_000 }]);
    expect(rules).toContainEqual(['参加邪教组织的，扣70分。', { kind: 'condition', effect: 'deduction', amount: 70_000_000 }]);
    const warned = report.clauses.find((c) => c.text.startsWith('被评为'))!.warnings;
    expect(warned).toContainEqual(expect.stringContaining('“区级指标中降为B、C级的，在村级按扣减信用分40、70分”读作扣 40 分'));
  });

  it('keeps 降B级 flagged when the conversion sentence pairs unequal lists (B、C级 → one amount)', async () => {
    const text = ['评价标准\t信用赋分', '被评为不合格党员的\t降B级', '参加邪教组织的\t降C级', '按时参加村民会议的\t+2', '', '说明\t', '降为B、C级的，按扣减信用分50分执行。\t'].join('\n');
    const { report } = await importScheme({ name: 'grades.tsv', bytes: utf8(text) });
    expect(report.workList.find((w) => w.text.startsWith('被评为'))?.reasons[0]).toMatch(/^赋分列为降级效果“降B级”/);
  });

  it('splits ①② sub-items that each carry their own points into clauses of their own', async () => {
    const text = ['序号\t考核项目\t评分标准', '1\t人员结构\t①中层干部中35岁以下的不低于22%的，得1.5分。每低1%，扣0.15分。②新进人员中硕士以上占比不低于45%的，得3分；每低1%，扣0.3分。'].join('\n');
    const { scheme, report } = await importScheme({ name: 'circled.tsv', bytes: utf8(text) });
    const clauses = scheme.indicators[0]!.clauses!;
    expect(clauses.map((c) => [c.text, pts(c.points), c.rule.kind, c.status ?? 'ok'])).toEqual([
      ['中层干部中35岁以下的不低于22%的，得1.5分。每低1%，扣0.15分。', 1.5, 'threshold-steps', 'ok'],
      ['新进人员中硕士以上占比不低于45%的，得3分；每低1%，扣0.3分。', 3, 'threshold-steps', 'ok'],
    ]);
    expect(report.coverage).toMatchObject({ scoring: 2, compiled: 2 });
  });
});
