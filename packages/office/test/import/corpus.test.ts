import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Indicator, Scheme } from '@kaohe/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { importScheme, type ImportResult } from '../../src/import/import-scheme';

/**
 * The corpus (../shared/corpus, third-party schemes, never committed): every file imports with its
 * indicator tree, points, units and responsible bodies as the documents state them. The expected
 * figures were counted by hand from the documents (rows, 序号, 分值 columns, 总分 rows). The .xlsx
 * and the .tsv of each scheme must give the same tree. Skipped, with a message, when the corpus is absent.
 */
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = process.env['KAOHE_CORPUS'] ?? join(root, '../shared/corpus');
const present = existsSync(join(corpus, '01_jiangxi-shicheng_2018_hezhang_county-departments.xlsx'));
if (!present) console.warn(`corpus tests skipped: ${corpus} not found (set KAOHE_CORPUS to its folder)`);

const all = (nodes: readonly Indicator[]): Indicator[] => nodes.flatMap((n) => [n, ...all(n.children ?? [])]);
const pts = (d: number | undefined | null): number | undefined => (d === undefined || d === null ? undefined : d / 1_000_000);
const leaves = (s: Scheme): Indicator[] => all(s.indicators).filter((i) => !i.children?.length);
const sum = (xs: readonly Indicator[]): number => Math.round(xs.reduce((a, i) => a + (i.points ?? 0), 0) / 1000) / 1000;
const shape = (s: Scheme): unknown => all(s.indicators).map((i) => [i.code, i.title, i.points, i.appliesTo, i.leadAssessors, i.divisions, i.clauses?.map((c) => c.text)]);

/** What a test expects in the corpus' own words, read from the .tsv (never committed): a line's tab-separated cell
 * (1-based line, 0-based column), the header block's `title:`, a table's name from its `=== TABLE n: … |` line. */
const tsvLines = (name: string): string[] => readFileSync(join(corpus, `${name}.tsv`), 'utf8').split('\n');
const tsvCell = (name: string, line: number, column: number): string => {
  const cell = tsvLines(name)[line - 1]?.split('\t')[column];
  if (cell === undefined) throw new Error(`${name}.tsv：第 ${line} 行没有第 ${column + 1} 列`);
  return cell;
};
const tsvTitle = (name: string): string => {
  const line = tsvLines(name).find((l) => l.startsWith('title: '));
  if (line === undefined) throw new Error(`${name}.tsv：表头块没有 title`);
  return line.slice('title: '.length);
};
const tsvTable = (name: string, n: number): string => {
  const found = tsvLines(name).map((l) => new RegExp(`^=== TABLE ${n}: (.+?) \\|`, 'u').exec(l)).find((m) => m !== null);
  if (!found) throw new Error(`${name}.tsv：没有第 ${n} 个表`);
  return found[1]!;
};

async function both(name: string): Promise<ImportResult[]> {
  const out: ImportResult[] = [];
  for (const ext of ['xlsx', 'tsv']) out.push(await importScheme(join(corpus, `${name}.${ext}`)));
  return out;
}

describe.skipIf(!present)('corpus imports', () => {
  describe('01 石城县 河长制 责任单位 (title row, 一、 rows in 序号, a 被考核单位 column under 考核项目, 总分 row)', () => {
    let r: ImportResult[];
    beforeAll(async () => {
      r = await both('01_jiangxi-shicheng_2018_hezhang_county-departments');
    });

    it('takes the title row above the header as title and its year, never today', () => {
      for (const x of r) {
        expect(x.scheme.title).toBe(tsvTitle('01_jiangxi-shicheng_2018_hezhang_county-departments'));
        expect(x.scheme.year).toBe(2018);
      }
    });

    it('reads 一 通用 (40: 8+7+10+10+5), 二 部门履职差异 (60) and 三 综合奖扣分 (no points), and checks 总分 100', () => {
      const [x] = r;
      expect(x!.scheme.indicators.map((i) => [i.title, pts(i.points)])).toEqual([
        [tsvCell('01_jiangxi-shicheng_2018_hezhang_county-departments', 16, 1), 40],
        ['部门履职差异考核项目', 60],
        ['综合奖扣分项目', undefined],
      ]);
      expect(x!.scheme.indicators[0]!.children!.map((i) => pts(i.points))).toEqual([8, 7, 10, 10, 5]);
      expect(x!.report.totals).toEqual([expect.objectContaining({ label: '总分', stated: 100_000_000, found: 100_000_000, agrees: true })]);
      expect(x!.report.rows.find((row) => row.kind === 'total')?.summary).toBe('总分行：100 分（用于核对各项分值之和，不作为指标）');
    });

    it('finds the 31 departments of part 二 (two rows numbered 30) as units, grouped 重点/一般考核部门, each with its 60 points', () => {
      for (const x of r) {
        expect(x.scheme.units).toHaveLength(31);
        expect(x.scheme.units.filter((u) => u.category === '重点考核部门')).toHaveLength(13);
        expect(x.scheme.units.filter((u) => u.category === '一般考核部门')).toHaveLength(18);
        const unitNodes = all(x.scheme.indicators).filter((i) => i.appliesTo?.units?.length === 1);
        expect(unitNodes).toHaveLength(31);
        for (const u of unitNodes) expect(pts(u.points) ?? sum(u.children ?? [])).toBe(60);
      }
    });

    it('splits 县农粮局 (30+15+15) and 县水利局 (15+20+15+10) into their rows', () => {
      const unit = (name: string): Indicator => all(r[0]!.scheme.indicators).find((i) => i.appliesTo?.units?.[0] === name)!;
      expect(unit('县农粮局').children!.map((i) => [i.title, pts(i.points)])).toEqual([
        ['持续推进畜禽养殖污染控制', 30],
        [tsvCell('01_jiangxi-shicheng_2018_hezhang_county-departments', 25, 4), 15],
        [tsvCell('01_jiangxi-shicheng_2018_hezhang_county-departments', 26, 4), 15],
      ]);
      expect(unit('县水利局').children!.map((i) => pts(i.points))).toEqual([15, 20, 15, 10]);
    });

    it('applies part 一 to every unit (no 本级 unit is invented)', () => {
      expect(r[0]!.scheme.units.some((u) => u.code === '本级')).toBe(false);
      expect(r[0]!.scheme.indicators[0]!.appliesTo).toBeUndefined();
    });

    it('gives the same tree from the .xlsx and the pasted .tsv', () => {
      expect(shape(r[1]!.scheme)).toEqual(shape(r[0]!.scheme));
    });
  });

  describe('02 石城县 河长制 乡镇 (rules inside 考核指标, several 负责考核部门, section points that do not add up)', () => {
    let r: ImportResult[];
    beforeAll(async () => {
      r = await both('02_jiangxi-shicheng_2018_hezhang_towns');
    });

    it('reads six sections (31, 2, 15, 45, 7, 7) with 23 numbered items', () => {
      const x = r[0]!;
      expect(x.scheme.indicators.map((i) => pts(i.points))).toEqual([31, 2, 15, 45, 7, 7]);
      expect(x.scheme.indicators.flatMap((i) => i.children ?? [])).toHaveLength(23);
    });

    it('takes the 考核指标 column as the rule column from its content, and says so', () => {
      expect(r[0]!.report.rows.some((row) => row.summary === '“考核指标”列按内容识别为评分标准（多数单元格是含“扣/得/加分”的评分句子）')).toBe(true);
      expect(r[0]!.report.coverage.scoring).toBeGreaterThan(30);
    });

    it('keeps several 负责考核部门 of one item (12: 县环保局、县水文站)', () => {
      const item = all(r[0]!.scheme.indicators).find((i) => i.title === '继续推进水质不达标河库治理')!;
      expect(item.leadAssessors).toEqual(['县环保局', '县水文站']);
    });

    it('flags the 总分 100 against the sections’ 107', () => {
      for (const x of r) {
        expect(x.report.totals[0]).toMatchObject({ stated: 100_000_000, found: 107_000_000, agrees: false });
        expect(x.report.issues.find((i) => i.code === 'total-mismatch')?.message).toContain('“总分”写的是 100 分，导入的各项分值合计 107 分，两者不一致，请核对原文');
      }
    });

    it('gives the same tree from the .xlsx and the pasted .tsv', () => {
      expect(shape(r[1]!.scheme)).toEqual(shape(r[0]!.scheme));
    });
  });

  describe('03 石城县 河长考评标准 (no title, no year, 总分 row at the bottom)', () => {
    let r: ImportResult[];
    beforeAll(async () => {
      r = await both('03_jiangxi-shicheng_c2018_hezhang_river-chief-individual');
    });

    it('reads seven items of 20, 15, 15, 10, 20, 10, 10 that add up to the stated 100', () => {
      for (const x of r) {
        expect(x.scheme.indicators.map((i) => pts(i.points))).toEqual([20, 15, 15, 10, 20, 10, 10]);
        expect(x.report.totals[0]).toMatchObject({ stated: 100_000_000, found: 100_000_000, agrees: true });
      }
    });

    it('says the year is missing instead of silently taking today’s', () => {
      expect(r[0]!.report.issues.find((i) => i.code === 'year-missing')?.message).toContain('标题和正文中都没有写明考核年度');
    });
  });

  describe('06 粮食安全省长责任制 (merged 目标任务 over numbered criteria, 牵头/配合部门)', () => {
    let r: ImportResult[];
    beforeAll(async () => {
      r = await both('06_national-zhejiang_2018_grain-security-governor-responsibility');
    });

    it('reads the 99 criteria of 2018 (100.1 points as the app stores them) and the 10 of 2019 (22.5) as leaves with their points', () => {
      for (const x of r) {
        const withPoints = leaves(x.scheme).filter((i) => i.points !== undefined);
        expect(withPoints).toHaveLength(109);
        expect(sum(withPoints)).toBe(122.6);
        expect(x.scheme.year).toBe(2018);
      }
    });

    it('keeps criterion (1) under its task, without the ordinal in its title, with 牵头 and 配合 departments', () => {
      // The two tables' names (TSV `=== TABLE n:` lines) and the first task's title (TSV line 15, column 1).
      expect(r[0]!.scheme.indicators.map((i) => i.title)).toEqual([1, 2].map((n) => tsvTable('06_national-zhejiang_2018_grain-security-governor-responsibility', n)));
      const task = r[0]!.scheme.indicators[0]!.children![0]!;
      expect(task).toMatchObject({ title: tsvCell('06_national-zhejiang_2018_grain-security-governor-responsibility', 15, 0), leadAssessors: ['浙江省自然资源厅'], divisions: ['浙江省农业农村厅'] });
      // The criterion's title is its own 评分标准 up to the first 的， (TSV line 15, without the （1）).
      const criterion = /^（1）(.+?的)，/u.exec(tsvCell('06_national-zhejiang_2018_grain-security-governor-responsibility', 15, 1))?.[1];
      expect(criterion).toBeDefined();
      expect(task.children![0]).toMatchObject({ title: criterion, points: 3_000_000 });
    });

    it('never marks ok a clause whose points depend on the unit’s category (产区得4分，非产区得3分) unless the item carries those points by category', () => {
      const x = r[0]!;
      const split = x.report.clauses.filter((c) => /产区得\s*[\d.]+\s*分[，,]\s*非产区得/.test(c.text.replace(/\s+/g, '')));
      expect(split.length).toBeGreaterThan(40);
      const byCode = new Map(all(x.scheme.indicators).map((i) => [i.code, i]));
      for (const c of split) {
        const item = byCode.get(c.indicator.split(' ')[0]!)!;
        if (c.status === 'ok') {
          // Read as one rule with the item's points per category, never two amounts that add up.
          expect(Object.keys(item.pointsByCategory ?? {})).toEqual(expect.arrayContaining(['产区', '非产区']));
          expect(x.scheme.unitCategories.map((u) => u.code)).toEqual(expect.arrayContaining(['产区', '非产区']));
        } else {
          expect(x.report.workList.find((w) => w.code === c.code)?.reason).toBeTruthy();
        }
      }
    });
  });

  describe('07 / 08 湖州 机构编制 (rank scoring, filled-in data columns)', () => {
    it('reads 07’s 20 rows under 6 items and 08’s 22 rows under 4, never the filled-in data, average, rank and score columns', async () => {
      const [x7] = await both('07_zhejiang-huzhou_c2021_establishment-efficiency_districts');
      const [x8] = await both('08_zhejiang-huzhou_c2021_establishment-efficiency_departments');
      // The 一票否优 items are no indicators: their rows (07: 4, 08: 5) are the scheme's vetoes.
      expect(x7!.scheme.indicators.map((i) => i.title)).toEqual(['工作绩效', '编制总量', '编制总量得分', '配置效益', '机构编制法治化']);
      // 20 rule rows; two of them (07:24, 07:26) hold ①② sub-items with points each, read as two clauses; 4 are vetoes.
      expect(x7!.report.coverage.scoring).toBe(22);
      expect(x7!.scheme.vetoes).toHaveLength(4);
      expect(x8!.scheme.indicators.map((i) => i.title)).toEqual(['履职效能', '协同效应', '配置效益']);
      expect(all(x8!.scheme.indicators).filter((i) => i.clauses?.length)).toHaveLength(17);
      expect(x8!.scheme.vetoes).toHaveLength(5);
      for (const x of [x7!, x8!]) expect(x.report.rows.find((row) => row.kind === 'header')?.summary).toContain('得分=考核数据（不导入）');
    });
  });

  describe('10 文登 信用积分 (three sheets: 指标目录, 社区附加标准, 办法)', () => {
    it('imports the three tables with their +/− scores', async () => {
      const [x, tsv] = await both('10_shandong-weihai-wendeng_2020_rural-resident-credit-points');
      // The workbook's title names no year; the pasted file's header block does.
      expect(x!.report.issues.some((i) => i.code === 'year-missing')).toBe(true);
      expect(tsv!.scheme.year).toBe(2020);
      expect(x!.scheme.indicators.map((i) => [i.title, i.children?.length])).toEqual([
        [tsvTable('10_shandong-weihai-wendeng_2020_rural-resident-credit-points', 1), 2],
        ['社区附加标准', 61],
      ]);
      expect(x!.scheme.indicators[0]!.children!.map((i) => i.title)).toEqual(['守信信息', '失信信息']);
      // The 办法 sheet (章 | 条文) is prose, not a scoring table: it is listed as not imported.
      expect(x!.report.issues.some((i) => i.code === 'table-unrecognised' && i.message.includes(tsvTable('10_shandong-weihai-wendeng_2020_rural-resident-credit-points', 3)))).toBe(true);
      // One clause per row with a 评价标准: 228 in the 指标目录, 61 in the 社区附加标准; "+5" / "加5分" is the rule's amount, never points.
      expect(x!.report.coverage.scoring).toBe(289);
      expect(all(x!.scheme.indicators).filter((i) => i.points !== undefined && i.points < 0)).toEqual([]);
    });
  });

  describe('11 川气东送 目标责任书 (Word 97 .doc, paragraphs only)', () => {
    for (const [no, unit, weights] of [
      ['001', '川渝管理处', [20, 15, 15, 15, 5, 5, 5, 5, 5, 5, 5]],
      ['008', '嘉兴维抢修中心', [35, 15, 15, 5, 5, 5, 5, 5, 5, 5]],
      ['0011', '安全环保部', [15, 10, 5, 10, 15, 5, 15, 5, 10, 10]],
    ] as const) {
      it(`reads letter ${no} (.doc through LibreOffice and its text) as a paragraph scheme for ${unit}`, async () => {
        const name = `11_soe-sinopec-chuanqi-dongsong_2015_target-responsibility-letter_CQDS-2015-${no}`;
        for (const file of [`${name}.doc`, `${name}.txt`]) {
          const x = await importScheme(join(corpus, file));
          expect(x.report.layout).toBe('段落方案');
          expect(x.scheme.units.map((u) => u.name)).toEqual([unit]);
          expect(x.scheme.year).toBe(2015);
          // No title line: 甲方, the year and what the letter calls itself (特签订本经营目标责任书), with 乙方.
          expect(x.scheme.title).toBe(`天然气川气东送管道分公司2015年经营目标责任书（乙方：${unit}）`);
          const managed = x.scheme.indicators[0]!.children![0]!;
          expect(managed.title).toBe('管理类指标');
          expect(managed.children!.map((i) => pts(i.points))).toEqual([...weights]);
          expect(x.report.issues.filter((i) => i.code === 'weight-as-points')).toHaveLength(weights.length);
        }
      }, 60_000);
    }
  });
});
