import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Indicator, Scheme } from '@kaohe/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { importScheme, type ImportResult } from '../../src/import/import-scheme';

/**
 * Per corpus file, the counts read from the document itself (not from the importer): top-level items,
 * items under them, leaves, the stated total against the points found, the 牵头/配合 bodies named, and
 * the rows or paragraphs not imported, by line. How each figure was counted is written beside it
 * (TSV lines, 序号, 分值 cells, 牵头部门 cells split at 、). The corpus is third-party text and is never
 * committed: the files are read from ../shared/corpus (or KAOHE_CORPUS); skipped with a message when absent.
 */
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = process.env['KAOHE_CORPUS'] ?? join(root, '../shared/corpus');
const present = existsSync(join(corpus, '01_jiangxi-shicheng_2018_hezhang_county-departments.tsv'));
if (!present) console.warn(`corpus count tests skipped: ${corpus} not found (set KAOHE_CORPUS to its folder)`);

const all = (nodes: readonly Indicator[]): Indicator[] => nodes.flatMap((n) => [n, ...all(n.children ?? [])]);
const leaves = (s: Scheme): Indicator[] => all(s.indicators).filter((i) => !i.children?.length);
const pts = (d: number | undefined | null): number | undefined => (d === undefined || d === null ? undefined : d / 1_000_000);
const sum = (xs: readonly Indicator[]): number => Math.round(xs.reduce((a, i) => a + (i.points ?? 0), 0) / 1000) / 1000;
const leads = (s: Scheme): string[] => [...new Set(all(s.indicators).flatMap((i) => i.leadAssessors ?? []))].sort();
const cos = (s: Scheme): string[] => [...new Set(all(s.indicators).flatMap((i) => [...(i.divisions ?? []), ...(i.clauses ?? []).flatMap((c) => c.divisions ?? [])]))].sort();
/** The .xlsx has one more sheet, 来源说明, holding the TSV's header block as key/value rows: those rows are listed as not imported. */
const provenanceRows = (file: string): number => {
  const lines = readFileSync(join(corpus, `${file}.tsv`), 'utf8').split('\n');
  return lines.slice(lines.indexOf('=== HEADER ===') + 1, lines.indexOf('=== END HEADER ===')).filter((l) => /^\w+: /.test(l)).length;
};
/** 06's 配合 body of the grain reserve, read from the corpus file (its full name is longer than what may be committed). */
const grainReserve = (): string => {
  const found = /中国储备粮[^\t、，,；\n]*浙江分公司/u.exec(readFileSync(join(corpus, '06_national-zhejiang_2018_grain-security-governor-responsibility.tsv'), 'utf8'));
  if (!found) throw new Error('corpus 06: the grain reserve body is not in the file');
  return found[0];
};
const skippedLines = (r: ImportResult): number[] => r.report.skipped.map((x) => x.source.line!).sort((a, b) => a - b);

const name = {
  '01': '01_jiangxi-shicheng_2018_hezhang_county-departments',
  '02': '02_jiangxi-shicheng_2018_hezhang_towns',
  '03': '03_jiangxi-shicheng_c2018_hezhang_river-chief-individual',
  '06': '06_national-zhejiang_2018_grain-security-governor-responsibility',
  '07': '07_zhejiang-huzhou_c2021_establishment-efficiency_districts',
  '08': '08_zhejiang-huzhou_c2021_establishment-efficiency_departments',
  '10': '10_shandong-weihai-wendeng_2020_rural-resident-credit-points',
} as const;

describe.skipIf(!present)('corpus counts read from the documents', () => {
  const got = new Map<string, ImportResult[]>();
  beforeAll(async () => {
    for (const [k, n] of Object.entries(name)) got.set(k, [await importScheme(join(corpus, `${n}.tsv`)), await importScheme(join(corpus, `${n}.xlsx`))]);
  }, 240_000);
  const each = (k: keyof typeof name, check: (r: ImportResult) => void): void => {
    for (const r of got.get(k)!) check(r);
  };
  /**
   * Rows not imported: in the .tsv the given lines; in the .xlsx the same rows, every 来源说明 row, and the title row
   * (row 1, README "XLSX conventions") of each sheet after the first, whose title is not the scheme's.
   */
  const skipped = (k: keyof typeof name, tsvLines: readonly number[], laterSheets = 0): void => {
    const [tsv, xlsx] = got.get(k)!;
    expect(skippedLines(tsv!)).toEqual([...tsvLines]);
    const provenance = xlsx!.report.skipped.filter((x) => x.source.sheet === '来源说明');
    expect(provenance).toHaveLength(provenanceRows(name[k]));
    const titles = xlsx!.report.skipped.filter((x) => x.source.sheet !== '来源说明' && x.source.row === 1);
    expect(titles).toHaveLength(laterSheets);
    expect(xlsx!.report.skipped.length - provenance.length - titles.length).toBe(tsvLines.length);
  };

  it('01: 46 table rows (TSV 14-59): 3 parts, 5 common items, 31 units of 60 each, 总分 100 = found, no body column, nothing skipped', () => {
    each('01', (r) => {
      expect(r.scheme.indicators.map((i) => pts(i.points))).toEqual([40, 60, undefined]);
      expect(r.scheme.indicators[0]!.children!.map((i) => i.title)).toEqual(['组织领导', '日常工作', '宣传工作', '新经验好做法', '支持配合工作情况']);
      expect(r.report.totals.map((t) => [t.label, pts(t.stated), pts(t.found)])).toEqual([['总分', 100, 100]]);
      // 序号 1-13 under 重点考核部门, 14-30 and a second 30 under 一般考核部门 (TSV 23-58).
      expect(r.scheme.units.map((u) => u.category)).toEqual([...Array(13).fill('重点考核部门'), ...Array(18).fill('一般考核部门')]);
      expect(leads(r.scheme)).toEqual([]);
    });
    skipped('01', []);
  });

  it('02: 6 sections (31/2/15/45/7/7 in 各项分值) with 6, 1, 4, 12, 0, 0 numbered items, 25 leaves, 总分 100 against 107, 14 负责考核部门, nothing skipped', () => {
    each('02', (r) => {
      const s = r.scheme;
      expect(s.indicators.map((i) => [pts(i.points), i.children?.length ?? 0])).toEqual([[31, 6], [2, 1], [15, 4], [45, 12], [7, 0], [7, 0]]);
      // Sections 一-四 equal the sum of their items' 分值 (5+4+2+2+11+7, 2, 3+7+2+3, 4+5+2+3+6+4+3+4+4+4+3+3).
      for (const sec of s.indicators.slice(0, 4)) expect(sum(sec.children!)).toBe(pts(sec.points));
      expect(leaves(s)).toHaveLength(25);
      expect(r.report.totals.map((t) => [pts(t.stated), pts(t.found), t.agrees])).toEqual([[100, 107, false]]);
      expect(leads(s)).toEqual(['县公安局', '县农粮局', '县城建局', '县委农工部', '县委宣传部', '县工信局', '县教育局', '县林业局', '县森林公安局', '县水保局', '县水利局', '县水文站', '县河长办', '县环保局'].sort());
    });
    skipped('02', []);
  });

  it('03: 7 items (TSV 15-21) of 20/15/15/10/20/10/10 = 总分 100, no body column, nothing skipped', () => {
    each('03', (r) => {
      expect(r.scheme.indicators.map((i) => [i.title, pts(i.points)])).toEqual([
        ['日常巡查', 20],
        ['事件处理率', 15],
        ['水质变化', 15],
        ['公众投诉', 10],
        ['宣传教育工作', 20],
        ['奖励分', 10],
        ['领导综合评价', 10],
      ]);
      expect(r.report.totals.map((t) => [pts(t.stated), pts(t.found)])).toEqual([[100, 100]]);
    });
    skipped('03', []);
  });

  it('06: two tables; 31 目标任务 over 99 criteria (TSV 15-113, 分值 sum 100.1) and 10 indicators (TSV 116-125, 22.5); 8 牵头 and 13 配合 departments; no 总分 row', () => {
    each('06', (r) => {
      const s = r.scheme;
      expect(s.indicators.map((i) => i.children?.length)).toEqual([31, 10]);
      const [t1, t2] = s.indicators.map((i) => leaves({ ...s, indicators: [i] }));
      expect([t1!.length, sum(t1!), t2!.length, sum(t2!)]).toEqual([99, 100.1, 10, 22.5]);
      expect(leads(s)).toEqual(['杭州海关', '浙江省农业农村厅', '浙江省市场监督管理局', '浙江省水利厅', '浙江省生态环境厅', '浙江省粮食和物资储备局', '浙江省自然资源厅', '浙江省财政厅'].sort());
      expect(cos(s)).toEqual(
        [grainReserve(), '中国农业发展银行浙江省分行', '国家统计局浙江调查总队', '宁波海关', '浙江省农业农村厅', '浙江省发展和改革委员会', '浙江省市场监督管理局', '浙江省水利厅', '浙江省生态环境厅', '浙江省粮食和物资储备局', '浙江省统计局', '浙江省自然资源厅', '浙江省财政厅'].sort(),
      );
      expect(r.report.totals).toEqual([]);
    });
    skipped('06', [], 1);
  });

  it('07: 6 项目 over 20 rows (1, 3, 1, 8, 3, 4 by 序号), no sub-indicators, one clause per row plus the two ①② rows split (22), no points column, nothing skipped', () => {
    each('07', (r) => {
      const s = r.scheme;
      // 一票否优事项 (4 rows) is no indicator: its rows are the scheme's vetoes.
      expect(s.indicators.map((i) => i.title)).toEqual(['工作绩效', '编制总量', '编制总量得分', '配置效益', '机构编制法治化']);
      const rowsOf = (i: Indicator): number => new Set(all([i]).flatMap((x) => (x.clauses ?? []).map((c) => c.source?.row))).size;
      expect(s.indicators.map(rowsOf)).toEqual([1, 3, 1, 8, 3]);
      expect(s.vetoes).toHaveLength(4);
      // 核心指标 is filled in one row of 20 (TSV 15), with a description: the item's text, not a sub-indicator.
      expect(s.indicators.map((i) => i.children?.length ?? 0)).toEqual([0, 0, 0, 0, 0]);
      expect(s.indicators[0]!.text).toMatch(/^围绕党的建设/);
      expect(r.report.coverage.scoring).toBe(22);
    });
    skipped('07', []);
  });

  it('07/08: the 一票否优 rows (07 TSV 31-34: 4, 08 TSV 32-36: 5) are the scheme\'s vetoes (not 优秀), each citing its row, compiled', () => {
    for (const [k, lines] of [['07', [31, 32, 33, 34]], ['08', [32, 33, 34, 35, 36]]] as const) {
      each(k, (r) => {
        const s = r.scheme;
        expect(s.vetoes.map((v) => v.code)).toEqual(lines.map((_, i) => `否优${i + 1}`));
        for (const v of s.vetoes) expect(v.effects).toEqual([{ type: 'bar-grade', grade: '优秀' }]);
        expect(s.vetoes.map((v) => v.title)).toEqual(lines.map(() => (k === '07' ? '一票否优事项' : '一票否优')));
        // The veto text is the row's situation as written (read from the corpus, never committed).
        const tsv = readFileSync(join(corpus, `${name[k]}.tsv`), 'utf8').split('\n');
        expect(s.vetoes.map((v, i) => v.text.length > 8 && tsv[lines[i]! - 1]!.includes(v.text))).toEqual(lines.map(() => true));
        for (const v of s.vetoes) if (v.source?.line !== undefined) expect(lines).toContain(v.source.line);
        expect(r.report.workList.some((w) => w.reasons[0]!.startsWith('一票否优'))).toBe(false);
        expect(r.report.clauses.filter((c) => c.rules[0]?.kind === 'veto').map((c) => c.status)).toEqual(lines.map(() => 'ok'));
      });
    }
  });

  it('01: the two tasks with only their （N分） beside a line with 按完成比例得分 (TSV 31, 57) say so, never 未找到计分规则', () => {
    each('01', (r) => {
      const bare = r.report.workList.filter((w) => w.reasons[0]!.startsWith('只写了任务和分值'));
      expect(bare.map((w) => [w.reasons[0], w.suggestion])).toEqual([
        ['只写了任务和分值（5分），未写评分方法；同一单元格另一条写有“按完成比例得分”，是否同样适用于本条未写明', '按完成比例得分，满分 5 分'],
        ['只写了任务和分值（20分），未写评分方法；同一单元格另一条写有“按完成比例得分”，是否同样适用于本条未写明', '按完成比例得分，满分 20 分'],
      ]);
      expect(r.report.reviewByReason.some((x) => x.reason === '未找到计分规则')).toBe(false);
    });
  });

  it('08: 4 项目 with 1, 2, 14, 5 rows (序号 1.1; 2.1-2.2; 3.1-3.243; 4.1-4.5), each row a leaf; 3.241-3.243 carry their （1.5分）（1.5分）（1分）', () => {
    each('08', (r) => {
      const s = r.scheme;
      expect(s.indicators.map((i) => [i.title, i.children?.length])).toEqual([
        ['履职效能', 1],
        ['协同效应', 2],
        ['配置效益', 14],
      ]);
      expect(leaves(s)).toHaveLength(17);
      expect(s.indicators[2]!.children!.slice(11).map((i) => pts(i.points))).toEqual([1.5, 1.5, 1]);
      // 3.223 (the 未X，涉及X指标按Y平均分得分 row, 08:24) is read but not applied (compile-clause.ts): only 3.224,
      // whose own sentence names the units averaged (08:25), sets average-of-others.
      const children = s.indicators[2]!.children!;
      expect(children.flatMap((i, k) => (i.notApplicable === 'average-of-others' ? [k] : []))).toEqual([7]);
    });
    skipped('08', []);
  });

  it('10: 指标目录 228 criteria under 守信/失信 (9 信息类别 each) in 41 信息层级 runs; 社区附加标准 61; the 94 rows of the 办法 (TSV 307-400) listed as not imported', () => {
    const [tsv, xlsx] = got.get('10')!;
    for (const r of [tsv!, xlsx!]) {
      const [catalogue, extra] = r.scheme.indicators;
      expect(catalogue!.children!.map((i) => [i.title, i.children?.length])).toEqual([
        ['守信信息', 9],
        ['失信信息', 9],
      ]);
      const levels = catalogue!.children!.flatMap((a) => a.children!.flatMap((b) => b.children ?? []));
      expect(levels).toHaveLength(41);
      expect([...new Set(levels.map((l) => l.title))].sort()).toEqual(['区村级', '区级', '村级']);
      expect(new Set(all([catalogue!]).flatMap((i) => (i.clauses ?? []).map((c) => c.source?.row))).size).toBe(228);
      expect(extra!.children).toHaveLength(61);
    }
    // 办法 is TSV table 3, lines 307-400 (its header row 章 | 条文 included).
    skipped('10', Array.from({ length: 94 }, (_, k) => 307 + k), 2);
  });

  describe('11 川气东送 目标责任书 (.txt, one paragraph a line)', () => {
    // Lines read in the .txt: 编号 (15), 甲方 (16), "二、季度考核时…" (group weights, no points of its own),
    // "三、责任期限", "四、附则", the closing 甲方/乙方 line, 经理/负责人, the date line.
    for (const [no, lines, targets] of [
      ['001', [15, 16, 79, 80, 81, 86, 91, 97], 11],
      ['008', [15, 16, 69, 70, 71, 76, 81, 87], 10],
      ['0011', [15, 16, 65, 66, 67, 72, 75, 80], 10],
    ] as const) {
      it(`letter ${no}: ${targets} weighted 管理类 indicators, 1 约束性 sentence in 2 clauses, skipped lines ${lines.join(' ')}`, async () => {
        const r = await importScheme(join(corpus, `11_soe-sinopec-chuanqi-dongsong_2015_target-responsibility-letter_CQDS-2015-${no}.txt`));
        const [managed, special, bound] = r.scheme.indicators[0]!.children!;
        expect([managed!.title, special!.title, bound!.title]).toEqual(['管理类指标', '专项考核指标', '约束性指标']);
        expect(managed!.children).toHaveLength(targets);
        expect(sum(managed!.children!)).toBe(100);
        // 相应给予减分（扣分上限：安全环保15分，节能5分）: one deduction per ceiling.
        expect(bound!.clauses).toHaveLength(2);
        expect(skippedLines(r)).toEqual([...lines]);
        // The skipped "二、季度考核时…" states the weights between groups: named in a warning, never silently dropped.
        const weights = r.report.issues.filter((i) => i.code === 'group-weights');
        expect(weights.map((i) => [i.source.line, i.message.replace(/^文件 \S+ /, '')])).toEqual([[lines[2], '第 ' + lines[2] + ' 行：写有各组之间的权重（管理类指标90%、专项指标10%），导入未按权重折算，请在方案中设置']]);
      });
    }

    it('letter 0011: the 劳动纪律指标 lines without closing punctuation are its targets, not dropped headings', async () => {
      const r = await importScheme(join(corpus, '11_soe-sinopec-chuanqi-dongsong_2015_target-responsibility-letter_CQDS-2015-0011.txt'));
      const item = all(r.scheme.indicators).find((i) => i.title === '劳动纪律指标')!;
      expect(pts(item.points)).toBe(5);
      expect(item.text?.split('\n')).toHaveLength(2);
      expect(r.report.skipped.some((x) => x.summary.includes('劳动纪律'))).toBe(false);
    });
  });
});
